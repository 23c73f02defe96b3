// tokens: true returns the parse tokens (option, positional, option-terminator) with indexes.
import assert from 'node:assert';
import { parseArgs } from 'node:util';

const { tokens } = parseArgs({
  args: ['-ab', '--out', 'o', '--', 'p'],
  options: { a: { type: 'boolean', short: 'a' }, b: { type: 'boolean', short: 'b' }, out: { type: 'string' } },
  allowPositionals: true,
  tokens: true,
});
assert.deepStrictEqual(tokens, [
  { kind: 'option', name: 'a', rawName: '-a', index: 0, value: undefined, inlineValue: undefined },
  { kind: 'option', name: 'b', rawName: '-b', index: 0, value: undefined, inlineValue: undefined },
  { kind: 'option', name: 'out', rawName: '--out', index: 1, value: 'o', inlineValue: false },
  { kind: 'option-terminator', index: 3 },
  { kind: 'positional', index: 4, value: 'p' },
]);
