// Exceeding maxListeners emits a single MaxListenersExceededWarning.
import assert from 'node:assert';
import EventEmitter from 'node:events';

const warnings = [];
const original = process.emitWarning;
process.emitWarning = (w) => warnings.push(w);
try {
  const e = new EventEmitter();
  e.setMaxListeners(2);
  e.on('x', () => {});
  e.on('x', () => {});
  assert.strictEqual(warnings.length, 0);
  e.on('x', () => {});
  e.on('x', () => {});
  assert.strictEqual(warnings.length, 1);
  const w = warnings[0];
  assert.strictEqual(w.name, 'MaxListenersExceededWarning');
  assert.strictEqual(w.emitter, e);
  assert.strictEqual(w.type, 'x');
  assert.strictEqual(w.count, 3);
  assert.match(w.message, /^Possible EventEmitter memory leak detected\. 3 x listeners added to /);

  // 0 means unlimited.
  const u = new EventEmitter();
  u.setMaxListeners(0);
  for (let i = 0; i < 20; i++) u.on('y', () => {});
  assert.strictEqual(warnings.length, 1);
} finally {
  process.emitWarning = original;
}
