import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-chmod-utimes-truncate-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'm');
fs.writeFileSync(f, 'abcdef');
fs.chmodSync(f, 0o600);
assert.strictEqual(fs.statSync(f).mode & 0o777, 0o600);
fs.chmodSync(f, '644');
assert.strictEqual(fs.statSync(f).mode & 0o777, 0o644);
fs.utimesSync(f, 1000, new Date(2000000));
const st = fs.statSync(f);
assert.strictEqual(st.mtimeMs, 2000000);
assert.strictEqual(st.atimeMs, 1000000);
fs.truncateSync(f, 2);
assert.strictEqual(fs.readFileSync(f, 'utf8'), 'ab');
fs.truncateSync(f);
assert.strictEqual(fs.statSync(f).size, 0);

fs.rmSync(dir, { recursive: true, force: true });
