import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-read-write-sync-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'a.txt');
fs.writeFileSync(f, 'héllo');
assert.strictEqual(fs.readFileSync(f, 'utf8'), 'héllo');
const buf = fs.readFileSync(f);
assert.ok(Buffer.isBuffer(buf));
assert.strictEqual(buf.length, 6);
assert.strictEqual(fs.readFileSync(f, { encoding: 'hex' }), Buffer.from('héllo').toString('hex'));

fs.rmSync(dir, { recursive: true, force: true });
