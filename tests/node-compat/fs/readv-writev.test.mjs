import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-readv-writev-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'v.txt');
const fd = fs.openSync(f, 'w+');
assert.strictEqual(fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cde')]), 5);
const a = Buffer.alloc(2);
const b = Buffer.alloc(3);
assert.strictEqual(fs.readvSync(fd, [a, b], 0), 5);
assert.strictEqual(a.toString() + '|' + b.toString(), 'ab|cde');
fs.closeSync(fd);

fs.rmSync(dir, { recursive: true, force: true });
