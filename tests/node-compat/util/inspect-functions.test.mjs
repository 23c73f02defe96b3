import assert from 'node:assert';
import util from 'node:util';

assert.strictEqual(util.inspect(function f() {}), '[Function: f]');
assert.strictEqual(util.inspect((() => () => {})()), '[Function (anonymous)]');
assert.strictEqual(util.inspect(class A {}), '[class A]');
class Base {}
assert.strictEqual(util.inspect(class B extends Base {}), '[class B extends Base]');
assert.strictEqual(util.inspect(async function af() {}), '[AsyncFunction: af]');
assert.strictEqual(util.inspect(function* g() {}), '[GeneratorFunction: g]');
assert.strictEqual(util.inspect(Object.assign(function h() {}, { a: 1 })), '[Function: h] { a: 1 }');
assert.strictEqual(util.inspect({ fn() {} }), '{ fn: [Function: fn] }');
assert.strictEqual(util.inspect(Object.setPrototypeOf(function q() {}, null)), '[Function (null prototype): q]');
