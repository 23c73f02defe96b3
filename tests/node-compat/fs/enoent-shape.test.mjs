import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-enoent-shape-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'missing.txt');
assert.throws(() => fs.readFileSync(f), (err) => {
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.errno, -2);
  assert.strictEqual(err.syscall, 'open');
  assert.strictEqual(err.path, f);
  assert.strictEqual(err.message, `ENOENT: no such file or directory, open '${f}'`);
  assert.ok(err instanceof Error);
  return true;
});

fs.rmSync(dir, { recursive: true, force: true });
