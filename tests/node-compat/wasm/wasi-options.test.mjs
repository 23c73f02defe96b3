// node:wasi: the constructor's validation, wasiImport and getImportObject.
import assert from 'node:assert';
import { WASI } from 'node:wasi';

assert.throws(() => new WASI(), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new WASI({ version: 'preview0' }), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => new WASI({ version: 'preview1', args: 'a' }), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new WASI({ version: 'preview1', env: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new WASI({ version: 'preview1', stdout: -1 }), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => new WASI({ version: 'preview1', returnOnExit: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });
const wasi = new WASI({ version: 'preview1', args: ['x'], env: { A: 'b' } });
assert.strictEqual(typeof wasi.wasiImport.fd_write, 'function');
assert.strictEqual(typeof wasi.wasiImport.proc_exit, 'function');
assert.deepStrictEqual(Object.keys(wasi.getImportObject()), ['wasi_snapshot_preview1']);
assert.strictEqual(wasi.getImportObject().wasi_snapshot_preview1, wasi.wasiImport);
assert.throws(() => wasi.start({}), { code: 'ERR_INVALID_ARG_TYPE' });
