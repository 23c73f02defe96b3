import assert from 'node:assert';
import util from 'node:util';

const o = { name: 'c' };
o.self = o;
o.arr = [o, { inner: o }];
assert.strictEqual(util.inspect(o),
  "<ref *1> {\n  name: 'c',\n  self: [Circular *1],\n  arr: [ [Circular *1], { inner: [Circular *1] } ]\n}");
const a = {};
const b = { a };
a.b = b;
assert.strictEqual(util.inspect([a, b]),
  '[\n  <ref *1> { b: { a: [Circular *1] } },\n  <ref *2> { a: <ref *1> { b: [Circular *2] } }\n]');
