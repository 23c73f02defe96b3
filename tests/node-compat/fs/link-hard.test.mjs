import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-link-hard-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const a = path.join(dir, 'orig');
const b = path.join(dir, 'hard');
fs.writeFileSync(a, 'same');
fs.linkSync(a, b);
assert.strictEqual(fs.statSync(a).nlink, 2);
assert.strictEqual(fs.statSync(a).ino, fs.statSync(b).ino);
assert.throws(() => fs.linkSync(a, b), { code: 'EEXIST', syscall: 'link' });

fs.rmSync(dir, { recursive: true, force: true });
