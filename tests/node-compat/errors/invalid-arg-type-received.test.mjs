import assert from 'node:assert';
import util from 'node:util';

// The "Received ..." part describes the actual value.
const msg = (v) => { try { util.promisify(v); } catch (e) { return e.message; } return null; };
const head = 'The "original" argument must be of type function. Received ';
assert.strictEqual(msg(undefined), `${head}undefined`);
assert.strictEqual(msg(null), `${head}null`);
assert.strictEqual(msg({}), `${head}an instance of Object`);
assert.strictEqual(msg([]), `${head}an instance of Array`);
assert.strictEqual(msg(Object.create(null)), `${head}[Object: null prototype] {}`);
assert.strictEqual(msg('x'.repeat(40)), `${head}type string ('xxxxxxxxxxxxxxxxxxxxxxxxx...')`);
assert.strictEqual(msg(Symbol('s')), `${head}type symbol (Symbol(s))`);
assert.strictEqual(msg(5n), `${head}type bigint (5n)`);
