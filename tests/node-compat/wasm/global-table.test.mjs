// WebAssembly.Global and WebAssembly.Table constructed from JS.
import assert from 'node:assert';
import { bytes } from './_module.mjs';

const g = new WebAssembly.Global({ value: 'i64', mutable: true }, 5n);
assert.strictEqual(g.value, 5n);
g.value = 6n;
assert.strictEqual(g.valueOf(), 6n);
const c = new WebAssembly.Global({ value: 'f32' }, 1.5);
assert.strictEqual(c.value, 1.5);
assert.throws(() => { c.value = 2; }, TypeError);
const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { cb: (x) => x } });
const t = new WebAssembly.Table({ element: 'anyfunc', initial: 2 });
assert.strictEqual(t.length, 2);
assert.strictEqual(t.get(0), null);
t.set(1, e.add);
assert.strictEqual(t.get(1), e.add);
assert.strictEqual(t.grow(1), 2);
assert.strictEqual(t.length, 3);
assert.throws(() => t.get(5), RangeError);
assert.throws(() => t.set(0, () => {}), TypeError);
