import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-constants-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

assert.strictEqual(fs.constants.F_OK, 0);
assert.strictEqual(fs.constants.R_OK, 4);
assert.strictEqual(fs.constants.W_OK, 2);
assert.strictEqual(fs.constants.X_OK, 1);
assert.strictEqual(fs.constants.COPYFILE_EXCL, 1);
assert.strictEqual(fs.constants.O_CREAT, 64);
assert.strictEqual(fs.constants.S_IFMT, 0o170000);
assert.strictEqual(fs.F_OK, 0);

fs.rmSync(dir, { recursive: true, force: true });
