// process.env: granted names read through; assignments coerce to strings and stay in-process.
import assert from 'node:assert';
assert.strictEqual(typeof process.env.TEST_TMPDIR, 'string');
process.env.ATOLL_COMPAT_X = 42;
assert.strictEqual(process.env.ATOLL_COMPAT_X, '42');
assert.ok('ATOLL_COMPAT_X' in process.env);
assert.ok(Object.keys(process.env).includes('ATOLL_COMPAT_X'));
delete process.env.ATOLL_COMPAT_X;
assert.strictEqual(process.env.ATOLL_COMPAT_X, undefined);
assert.strictEqual('ATOLL_COMPAT_X' in process.env, false);
