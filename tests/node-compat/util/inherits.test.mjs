import assert from 'node:assert';
import util from 'node:util';

function A() {}
A.prototype.hello = function hello() { return 'hi'; };
function B() { A.call(this); }
util.inherits(B, A);
assert.strictEqual(B.super_, A);
const b = new B();
assert.ok(b instanceof A);
assert.strictEqual(b.hello(), 'hi');
assert.strictEqual(Object.getPrototypeOf(B.prototype), A.prototype);
