import assert from 'node:assert';
import util from 'node:util';

class Foo { constructor() { this.x = 1; } }
assert.strictEqual(util.inspect(new Foo()), 'Foo { x: 1 }');
assert.strictEqual(util.inspect({ a: { b: { c: new Foo() } } }), '{ a: { b: { c: [Foo] } } }');
class Empty {}
assert.strictEqual(util.inspect(new Empty()), 'Empty {}');
assert.strictEqual(util.inspect(Object.create(null)), '[Object: null prototype] {}');
assert.strictEqual(util.inspect(Object.assign(Object.create(null), { a: 1 })), '[Object: null prototype] { a: 1 }');
assert.strictEqual(util.inspect(new (class MyArr extends Array {})(1, 2, 3)), 'MyArr(3) [ 1, 2, 3 ]');
class Tagged { get [Symbol.toStringTag]() { return 'TT'; } }
assert.strictEqual(util.inspect(new Tagged()), 'Tagged [TT] {}');
assert.strictEqual(util.inspect({ [Symbol.toStringTag]: 'T' }), "{ [Symbol(Symbol.toStringTag)]: 'T' }");
assert.strictEqual(util.inspect(Object.create({ inherited: 1 })), '{}');
