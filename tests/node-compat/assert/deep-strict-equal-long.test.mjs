// Long identical stretches in a diff are collapsed with "...".
import assert from 'node:assert';

const a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const b = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11];
assert.throws(() => assert.deepStrictEqual(a, b), {
  message: 'Expected values to be strictly deep-equal:\n' +
    '+ actual - expected ... Lines skipped\n' +
    '\n' +
    '  [\n' +
    '    1,\n' +
    '...\n' +
    '    8,\n' +
    '    9,\n' +
    '+   10\n' +
    '-   11\n' +
    '  ]',
});
