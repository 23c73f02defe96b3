import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-copyfile-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const a = path.join(dir, 'src');
const b = path.join(dir, 'dst');
fs.writeFileSync(a, 'copy me');
fs.copyFileSync(a, b);
assert.strictEqual(fs.readFileSync(b, 'utf8'), 'copy me');
assert.throws(() => fs.copyFileSync(a, b, fs.constants.COPYFILE_EXCL), { code: 'EEXIST' });
fs.writeFileSync(a, 'changed');
fs.copyFileSync(a, b);
assert.strictEqual(fs.readFileSync(b, 'utf8'), 'changed');

fs.rmSync(dir, { recursive: true, force: true });
