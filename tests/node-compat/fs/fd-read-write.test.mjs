import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-fd-read-write-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'fd.txt');
const fd = fs.openSync(f, 'w+');
assert.ok(Number.isInteger(fd) && fd >= 3);
assert.strictEqual(fs.writeSync(fd, 'hello world'), 11);
assert.strictEqual(fs.writeSync(fd, Buffer.from('HELLO'), 0, 5, 0), 5);
const buf = Buffer.alloc(11);
assert.strictEqual(fs.readSync(fd, buf, 0, 11, 0), 11);
assert.strictEqual(buf.toString(), 'HELLO world');
const small = Buffer.alloc(3);
assert.strictEqual(fs.readSync(fd, small, { position: 6 }), 3);
assert.strictEqual(small.toString(), 'wor');
fs.ftruncateSync(fd, 5);
assert.strictEqual(fs.fstatSync(fd).size, 5);
fs.fsyncSync(fd);
fs.fdatasyncSync(fd);
fs.closeSync(fd);
assert.throws(() => fs.closeSync(fd), { code: 'EBADF' });
assert.strictEqual(fs.readFileSync(f, 'utf8'), 'HELLO');

fs.rmSync(dir, { recursive: true, force: true });
