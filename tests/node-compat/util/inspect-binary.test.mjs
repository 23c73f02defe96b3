import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect(new Uint8Array([1, 2, 3])), 'Uint8Array(3) [ 1, 2, 3 ]');
assert.strictEqual(util.inspect(new Uint8Array(0)), 'Uint8Array(0) []');
assert.strictEqual(util.inspect(new Float64Array(2)), 'Float64Array(2) [ 0, 0 ]');
assert.strictEqual(util.inspect(new BigInt64Array([1n, -2n])), 'BigInt64Array(2) [ 1n, -2n ]');
assert.strictEqual(util.inspect(new ArrayBuffer(3)), 'ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }');
assert.strictEqual(util.inspect(new DataView(new ArrayBuffer(2))),
  'DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}');
assert.strictEqual(util.inspect(Object.assign(new Uint8Array(2), { foo: 1 })), 'Uint8Array(2) [ 0, 0, foo: 1 ]');
