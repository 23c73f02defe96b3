import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect(new Map()), 'Map(0) {}');
assert.strictEqual(util.inspect(new Set()), 'Set(0) {}');
assert.strictEqual(util.inspect(new Map([['a', 1]])), "Map(1) { 'a' => 1 }");
assert.strictEqual(util.inspect(new Map([['a', 1], [{ x: 1 }, [2]]])), "Map(2) { 'a' => 1, { x: 1 } => [ 2 ] }");
assert.strictEqual(util.inspect(new Set([1, 'a', {}])), "Set(3) { 1, 'a', {} }");
assert.strictEqual(util.inspect(new (class MyMap extends Map {})([[1, 2]])), 'MyMap(1) [Map] { 1 => 2 }');
assert.strictEqual(util.inspect(new WeakMap()), 'WeakMap { <items unknown> }');
assert.strictEqual(util.inspect(new WeakSet()), 'WeakSet { <items unknown> }');
const m = new Map();
m.set('self', m);
assert.strictEqual(util.inspect(m), "<ref *1> Map(1) { 'self' => [Circular *1] }");
