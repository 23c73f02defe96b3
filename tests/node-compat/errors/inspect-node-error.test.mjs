import assert from 'node:assert';
import util from 'node:util';

let err;
try { util.promisify(1); } catch (e) { err = e; }
const out = util.inspect(err);
assert.ok(out.startsWith('TypeError [ERR_INVALID_ARG_TYPE]: The "original" argument must be of type function.'), out);
assert.ok(out.endsWith("{\n  code: 'ERR_INVALID_ARG_TYPE'\n}"), out);
