// assert.fail and assert.ifError.
import assert from 'node:assert';

assert.throws(() => assert.fail(), { message: 'Failed', operator: 'fail', generatedMessage: true });
assert.throws(() => assert.fail('boom'), { message: 'boom', generatedMessage: false });
const own = new TypeError('own');
assert.throws(() => assert.fail(own), (e) => e === own);

assert.ifError(null);
assert.ifError(undefined);
assert.throws(() => assert.ifError(new Error('zz')), {
  operator: 'ifError',
  message: 'ifError got unwanted exception: zz',
  expected: null,
});
assert.throws(() => assert.ifError('zz'), { message: "ifError got unwanted exception: 'zz'" });
assert.throws(() => assert.ifError(0), { message: 'ifError got unwanted exception: 0' });
