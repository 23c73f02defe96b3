// WebAssembly.instantiate(bytes): exported functions, ToInt32, i64 <-> BigInt, frozen exports.
import assert from 'node:assert';
import { bytes } from './_module.mjs';

const { module, instance } = await WebAssembly.instantiate(bytes, { env: { cb: (x) => x * 3 } });
assert.ok(module instanceof WebAssembly.Module);
assert.ok(instance instanceof WebAssembly.Instance);
const e = instance.exports;
assert.strictEqual(Object.getPrototypeOf(e), null);
assert.ok(Object.isFrozen(e));
assert.deepStrictEqual(Object.keys(e), ['memory', 'g', 'tbl', 'add', 'add64', 'viaJs', 'load', 'grow', 'div']);
assert.strictEqual(e.add(2, 3), 5);
assert.strictEqual(e.add(2 ** 32 + 1, 1), 2);
assert.strictEqual(e.add(0x7fffffff, 1), -2147483648);
assert.strictEqual(e.add64(2n ** 64n - 1n, 2n), 1n);
assert.throws(() => e.add64(1, 2), TypeError);
assert.strictEqual(e.viaJs(14), 42);
assert.strictEqual(e.tbl.get(0), e.add);
assert.strictEqual(e.g.value, 7);
assert.deepStrictEqual(WebAssembly.Module.imports(module), [{ module: 'env', name: 'cb', kind: 'function' }]);
