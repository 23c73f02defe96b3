// Defaults fill options that were not given; they are validated against the option type.
import assert from 'node:assert';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  args: ['--b'],
  options: {
    a: { type: 'string', default: 'A' },
    b: { type: 'boolean', default: false },
    c: { type: 'string', multiple: true, default: ['x', 'y'] },
  },
});
assert.deepStrictEqual({ ...values }, { b: true, a: 'A', c: ['x', 'y'] });
assert.throws(() => parseArgs({ args: [], options: { a: { type: 'string', default: 1 } } }),
  { code: 'ERR_INVALID_ARG_TYPE', message: /"options\.a\.default" property must be of type string/ });
assert.throws(() => parseArgs({ args: [], options: { a: { type: 'boolean', multiple: true, default: [1] } } }),
  { code: 'ERR_INVALID_ARG_TYPE' });
