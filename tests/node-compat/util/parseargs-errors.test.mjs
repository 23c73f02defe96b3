// Strict mode errors: ERR_PARSE_ARGS_UNKNOWN_OPTION, ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL,
// ERR_PARSE_ARGS_INVALID_OPTION_VALUE; bad configuration is ERR_INVALID_ARG_*.
import assert from 'node:assert';
import { parseArgs } from 'node:util';

const options = { flag: { type: 'boolean', short: 'x' }, str: { type: 'string', short: 's' } };
assert.throws(() => parseArgs({ args: ['--nope'], options }),
  { name: 'TypeError', code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: "Unknown option '--nope'" });
assert.throws(() => parseArgs({ args: ['-z'], options, allowPositionals: true }),
  { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION', message: /^Unknown option '-z'\. To specify a positional argument starting with a '-'/ });
assert.throws(() => parseArgs({ args: ['pos'], options }),
  { code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', message: "Unexpected argument 'pos'. This command does not take positional arguments" });
assert.throws(() => parseArgs({ args: ['--str'], options }),
  { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message: "Option '-s, --str <value>' argument missing" });
assert.throws(() => parseArgs({ args: ['--flag=1'], options }),
  { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message: "Option '-x, --flag' does not take an argument" });
assert.throws(() => parseArgs({ args: ['-s', '-v'], options }),
  { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message: /^Option '-s' argument is ambiguous\./ });
assert.throws(() => parseArgs({ args: [], options: { a: { type: 'number' } } }), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => parseArgs({ args: [], options: { a: { type: 'string', short: 'ab' } } }),
  { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => parseArgs({ args: 'nope' }), { code: 'ERR_INVALID_ARG_TYPE' });
// Not strict: unknown options and positionals are accepted.
const loose = parseArgs({ args: ['--nope', 'p', '--str=v'], options, strict: false });
assert.deepStrictEqual({ ...loose.values }, { nope: true, str: 'v' });
assert.deepStrictEqual(loose.positionals, ['p']);
