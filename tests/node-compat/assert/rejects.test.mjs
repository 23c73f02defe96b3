// rejects / doesNotReject with promises and async functions.
import assert from 'node:assert';

await assert.rejects(Promise.reject(new TypeError('no')), TypeError);
await assert.rejects(async () => { throw new Error('later'); }, { message: 'later' });
await assert.rejects(assert.rejects(Promise.resolve(1)), {
  code: 'ERR_ASSERTION',
  operator: 'rejects',
  message: 'Missing expected rejection.',
});
await assert.rejects(assert.rejects(5), { code: 'ERR_INVALID_ARG_TYPE' });
await assert.rejects(assert.rejects(() => 1), { code: 'ERR_INVALID_RETURN_VALUE' });
await assert.doesNotReject(Promise.resolve(2));
await assert.rejects(assert.doesNotReject(async () => { throw new Error('y'); }, 'zz'), {
  operator: 'doesNotReject',
  message: 'Got unwanted rejection: zz\nActual message: "y"',
});
