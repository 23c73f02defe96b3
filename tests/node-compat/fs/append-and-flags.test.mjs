import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-append-and-flags-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'log.txt');
fs.appendFileSync(f, 'a');
fs.appendFileSync(f, Buffer.from('b'));
fs.writeFileSync(f, 'c', { flag: 'a' });
assert.strictEqual(fs.readFileSync(f, 'utf8'), 'abc');
assert.throws(() => fs.writeFileSync(f, 'x', { flag: 'wx' }), { code: 'EEXIST', syscall: 'open' });
fs.writeFileSync(path.join(dir, 'new.txt'), 'n', { flag: 'wx' });
assert.throws(() => fs.writeFileSync(path.join(dir, 'nope.txt'), 'x', { flag: 'r+' }), { code: 'ENOENT' });

fs.rmSync(dir, { recursive: true, force: true });
