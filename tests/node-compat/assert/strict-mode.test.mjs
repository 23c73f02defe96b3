// assert.strict and node:assert/strict map the loose methods to strict ones.
import assert from 'node:assert';
import strict from 'node:assert/strict';
import { equal, deepEqual } from 'node:assert/strict';

assert.strictEqual(strict, assert.strict);
assert.strictEqual(strict.strict, strict);
assert.strictEqual(strict.equal, assert.strictEqual);
assert.strictEqual(equal, assert.strictEqual);
assert.strictEqual(deepEqual, assert.deepStrictEqual);
assert.throws(() => strict.equal(1, '1'), {
  message: "Expected values to be strictly equal:\n\n1 !== '1'\n",
});
assert.throws(() => strict.notEqual(1, 1), { operator: 'notStrictEqual' });
assert.throws(() => strict.deepEqual([1], ['1']), { operator: 'deepStrictEqual' });
assert.throws(() => strict(0), { code: 'ERR_ASSERTION' });
