// Traps are RuntimeErrors; a JS exception thrown by an import comes back unchanged; bad
// bytes are CompileErrors; missing or wrong imports are TypeError / LinkError.
import assert from 'node:assert';
import { bytes } from './_module.mjs';

const boom = new Error('boom');
const module = new WebAssembly.Module(bytes);
const { exports: e } = new WebAssembly.Instance(module, { env: { cb() { throw boom; } } });
assert.throws(() => e.viaJs(1), (err) => err === boom);
assert.throws(() => e.div(1, 0), WebAssembly.RuntimeError);
assert.ok(new WebAssembly.RuntimeError('x') instanceof Error);
assert.throws(() => new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])), WebAssembly.CompileError);
assert.strictEqual(WebAssembly.validate(new Uint8Array([1, 2, 3])), false);
assert.strictEqual(WebAssembly.validate(bytes), true);
assert.throws(() => new WebAssembly.Instance(module, {}), TypeError);
assert.throws(() => new WebAssembly.Instance(module, { env: { cb: 1 } }), WebAssembly.LinkError);
await assert.rejects(WebAssembly.instantiate(new Uint8Array(4)), WebAssembly.CompileError);
