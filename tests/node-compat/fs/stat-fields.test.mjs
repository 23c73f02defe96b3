import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-stat-fields-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 's.txt');
fs.writeFileSync(f, '12345');
const st = fs.statSync(f);
assert.ok(st instanceof fs.Stats);
assert.ok(st.isFile());
assert.ok(!st.isDirectory());
assert.ok(!st.isSymbolicLink());
assert.strictEqual(st.size, 5);
for (const k of ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'blocks', 'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs']) {
  assert.strictEqual(typeof st[k], 'number', k);
}
assert.ok(st.mtime instanceof Date);
assert.ok(Math.abs(st.mtime.getTime() - st.mtimeMs) < 1);
assert.ok(Math.abs(st.mtimeMs - Date.now()) < 60000);
assert.ok(fs.statSync(dir).isDirectory());
assert.strictEqual(fs.statSync(path.join(dir, 'nope'), { throwIfNoEntry: false }), undefined);

fs.rmSync(dir, { recursive: true, force: true });
