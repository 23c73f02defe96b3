import assert from 'node:assert';
import util from 'node:util';

// Warns once through process.emitWarning, still calls through.
const calls = [];
const proc = globalThis.process;
const original = proc.emitWarning;
proc.emitWarning = (...args) => { calls.push(args); };
try {
  const fn = util.deprecate((a, b) => a + b, 'fn is old', 'DEP_ATOLL_TEST');
  assert.strictEqual(fn(1, 2), 3);
  assert.strictEqual(fn(2, 3), 5);
  assert.strictEqual(calls.length, 1);
  assert.strictEqual(calls[0][0], 'fn is old');
  assert.strictEqual(calls[0][1], 'DeprecationWarning');
  assert.strictEqual(calls[0][2], 'DEP_ATOLL_TEST');
  // The same code warns only once, even from another wrapper.
  const fn2 = util.deprecate(() => 1, 'again', 'DEP_ATOLL_TEST');
  fn2();
  assert.strictEqual(calls.length, 1);
  // Constructors keep working.
  class K { constructor() { this.k = 1; } }
  const DK = util.deprecate(K, 'K is old');
  assert.strictEqual(new DK().k, 1);
} finally {
  proc.emitWarning = original;
}
