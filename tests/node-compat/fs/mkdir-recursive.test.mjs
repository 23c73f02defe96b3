import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-mkdir-recursive-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const deep = path.join(dir, 'x', 'y', 'z');
assert.strictEqual(fs.mkdirSync(deep, { recursive: true }), path.join(dir, 'x'));
assert.strictEqual(fs.mkdirSync(deep, { recursive: true }), undefined);
assert.ok(fs.statSync(deep).isDirectory());
assert.throws(() => fs.mkdirSync(deep), { code: 'EEXIST', syscall: 'mkdir' });
assert.throws(() => fs.mkdirSync(path.join(dir, 'no', 'parent')), { code: 'ENOENT' });

fs.rmSync(dir, { recursive: true, force: true });
