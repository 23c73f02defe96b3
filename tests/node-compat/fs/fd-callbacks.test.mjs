import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-fd-callbacks-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'fdcb.txt');
fs.writeFileSync(f, 'abcdef');
fs.open(f, 'r', (err, fd) => {
  assert.ifError(err);
  const buf = Buffer.alloc(4);
  fs.read(fd, buf, 0, 4, 1, (err2, n, b) => {
    assert.ifError(err2);
    assert.strictEqual(n, 4);
    assert.strictEqual(b, buf);
    assert.strictEqual(buf.toString(), 'bcde');
    fs.fstat(fd, (err3, st) => {
      assert.ifError(err3);
      assert.strictEqual(st.size, 6);
      fs.close(fd, (err4) => {
        assert.ifError(err4);
        fs.rmSync(dir, { recursive: true, force: true });
      });
    });
  });
});

