import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-invalid-flags-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

assert.throws(() => fs.readFileSync(path.join(dir, 'x'), { flag: 'bogus' }), {
  code: 'ERR_INVALID_ARG_VALUE',
  message: "The argument 'flags' is invalid. Received 'bogus'",
});

fs.rmSync(dir, { recursive: true, force: true });
