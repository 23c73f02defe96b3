// deepStrictEqual failure message contains a `+ actual - expected` line diff.
import assert from 'node:assert';

assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] });
assert.throws(() => assert.deepStrictEqual({ a: 1, b: 2 }, { a: 1, b: 3 }), {
  operator: 'deepStrictEqual',
  message: 'Expected values to be strictly deep-equal:\n' +
    '+ actual - expected\n' +
    '\n' +
    '  {\n' +
    '    a: 1,\n' +
    '+   b: 2\n' +
    '-   b: 3\n' +
    '  }',
});
// Missing key only on the expected side.
assert.throws(() => assert.deepStrictEqual({ a: 1 }, { a: 1, b: 2 }), {
  message: 'Expected values to be strictly deep-equal:\n' +
    '+ actual - expected\n\n  {\n    a: 1,\n-   b: 2\n  }',
});
