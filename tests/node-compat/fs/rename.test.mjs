import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-rename-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const a = path.join(dir, 'a');
const b = path.join(dir, 'b');
fs.writeFileSync(a, 'moved');
fs.renameSync(a, b);
assert.strictEqual(fs.readFileSync(b, 'utf8'), 'moved');
assert.throws(() => fs.renameSync(a, b), (err) => {
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.syscall, 'rename');
  assert.strictEqual(err.dest, b);
  assert.strictEqual(err.message, `ENOENT: no such file or directory, rename '${a}' -> '${b}'`);
  return true;
});

fs.rmSync(dir, { recursive: true, force: true });
