// AssertionError class: properties, name, code, toString, generated message.
import assert from 'node:assert';
import { AssertionError } from 'node:assert';

assert.strictEqual(assert.AssertionError, AssertionError);
const e = new AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
assert.ok(e instanceof Error);
assert.strictEqual(e.name, 'AssertionError');
assert.strictEqual(e.code, 'ERR_ASSERTION');
assert.strictEqual(e.actual, 1);
assert.strictEqual(e.expected, 2);
assert.strictEqual(e.operator, 'strictEqual');
assert.strictEqual(e.generatedMessage, true);
assert.strictEqual(e.message, 'Expected values to be strictly equal:\n\n1 !== 2\n');
assert.deepStrictEqual(Object.keys(e), ['generatedMessage', 'code', 'actual', 'expected', 'operator']);
assert.strictEqual(String(e), `AssertionError [ERR_ASSERTION]: ${e.message}`);

const custom = new AssertionError({ message: 'hi' });
assert.strictEqual(custom.message, 'hi');
assert.strictEqual(custom.generatedMessage, false);
assert.throws(() => new AssertionError(), { code: 'ERR_INVALID_ARG_TYPE' });
