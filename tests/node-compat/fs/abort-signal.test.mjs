import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-abort-signal-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'sig.txt');
fs.writeFileSync(f, 'x');
const ac = new AbortController();
ac.abort();
await assert.rejects(fs.promises.readFile(f, { signal: ac.signal }), { name: 'AbortError' });
await new Promise((resolve) => {
  fs.readFile(f, { signal: ac.signal }, (err) => {
    assert.strictEqual(err.name, 'AbortError');
    resolve();
  });
});

fs.rmSync(dir, { recursive: true, force: true });
