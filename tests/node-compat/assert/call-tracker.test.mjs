// assert.CallTracker counts calls and verify() reports missing ones.
import assert from 'node:assert';

const originalEmitWarning = process.emitWarning;
process.emitWarning = () => {}; // CallTracker is deprecated (DEP0173); keep output quiet
try {
  const tracker = new assert.CallTracker();
  function foo(a) { return a * 2; }
  const tracked = tracker.calls(foo, 2);
  assert.strictEqual(tracked.name, 'foo');
  assert.strictEqual(tracked(21), 42);
  assert.deepStrictEqual(tracker.getCalls(tracked), [{ thisArg: undefined, arguments: [21] }]);
  const [entry] = tracker.report();
  assert.strictEqual(entry.message, 'Expected the foo function to be executed 2 time(s) but was executed 1 time(s).');
  assert.strictEqual(entry.actual, 1);
  assert.strictEqual(entry.expected, 2);
  assert.strictEqual(entry.operator, 'foo');
  assert.throws(() => tracker.verify(), { code: 'ERR_ASSERTION', message: entry.message });
  tracked(1);
  tracker.verify();
  tracker.reset(tracked);
  assert.deepStrictEqual(tracker.getCalls(tracked), []);
  assert.throws(() => tracker.getCalls(foo), { code: 'ERR_INVALID_ARG_VALUE' });
} finally {
  process.emitWarning = originalEmitWarning;
}
