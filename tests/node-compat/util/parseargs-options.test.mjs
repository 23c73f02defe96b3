// parseArgs: long/short, boolean/string, multiple, short groups, --x=v, -xVALUE and positionals.
import assert from 'node:assert';
import { parseArgs } from 'node:util';

const options = {
  verbose: { type: 'boolean', short: 'v' },
  file: { type: 'string', short: 'f', multiple: true },
  name: { type: 'string' },
};
const { values, positionals } = parseArgs({
  args: ['-v', '--file', 'a', '-fb', '--file=c', '--name', 'n', 'pos1', '--', '--not-an-option'],
  options,
  allowPositionals: true,
});
assert.deepStrictEqual({ ...values }, { verbose: true, file: ['a', 'b', 'c'], name: 'n' });
assert.strictEqual(Object.getPrototypeOf(values), null);
assert.deepStrictEqual(positionals, ['pos1', '--not-an-option']);
const grouped = parseArgs({ args: ['-vf', 'x'], options });
assert.deepStrictEqual({ ...grouped.values }, { verbose: true, file: ['x'] });
