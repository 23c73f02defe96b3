// assert() / assert.ok() on falsy values, no argument, and Error messages.
import assert from 'node:assert';

assert(true);
assert.ok(1);
assert.throws(() => assert(0), { actual: 0, expected: true, operator: '==', generatedMessage: true });
assert.throws(() => assert.ok(), {
  message: 'No value argument passed to `assert.ok()`',
  generatedMessage: true,
});
assert.throws(() => assert.ok(false, 'mine'), { message: 'mine', generatedMessage: false });
const own = new RangeError('own');
assert.throws(() => assert.ok(null, own), (e) => e === own);
assert.strictEqual(assert.ok.name, 'ok');
