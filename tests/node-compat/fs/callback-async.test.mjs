import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-callback-async-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'cb.txt');
let sync = true;
fs.writeFile(f, 'data', (err) => {
  assert.strictEqual(err, null);
  assert.strictEqual(sync, false);
  fs.readFile(f, 'utf8', (err2, text) => {
    assert.strictEqual(err2, null);
    assert.strictEqual(text, 'data');
    fs.readFile(path.join(dir, 'missing'), (err3, none) => {
      assert.strictEqual(err3.code, 'ENOENT');
      assert.strictEqual(none, undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
sync = false;

