// strictEqual failure: AssertionError with Node's short message form.
import assert from 'node:assert';

assert.strictEqual(1, 1);
assert.strictEqual(NaN, NaN);
assert.throws(() => assert.strictEqual(1, 2), {
  name: 'AssertionError',
  code: 'ERR_ASSERTION',
  message: 'Expected values to be strictly equal:\n\n1 !== 2\n',
  actual: 1,
  expected: 2,
  operator: 'strictEqual',
  generatedMessage: true,
});
assert.throws(() => assert.strictEqual(1, '1'), {
  message: "Expected values to be strictly equal:\n\n1 !== '1'\n",
});
// A custom message replaces the header; the comparison is still shown.
assert.throws(() => assert.strictEqual(1, 2, 'custom'), {
  message: 'custom\n\n1 !== 2\n',
  generatedMessage: false,
});
