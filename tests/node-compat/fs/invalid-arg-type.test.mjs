import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-invalid-arg-type-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

assert.throws(() => fs.readFileSync(true), {
  code: 'ERR_INVALID_ARG_TYPE',
  name: 'TypeError',
  message: 'The "path" argument must be of type string or an instance of Buffer or URL. Received type boolean (true)',
});
assert.throws(() => fs.writeFileSync(path.join(dir, 'x'), 123), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => fs.readFile(path.join(dir, 'x')), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => fs.readFileSync('a\u0000b'), { code: 'ERR_INVALID_ARG_VALUE' });

fs.rmSync(dir, { recursive: true, force: true });
