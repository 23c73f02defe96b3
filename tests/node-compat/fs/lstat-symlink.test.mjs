import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-lstat-symlink-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const target = path.join(dir, 't.txt');
const link = path.join(dir, 'l.txt');
fs.writeFileSync(target, 'target');
fs.symlinkSync('t.txt', link);
assert.ok(fs.lstatSync(link).isSymbolicLink());
assert.ok(fs.statSync(link).isFile());
assert.strictEqual(fs.readlinkSync(link), 't.txt');
assert.strictEqual(fs.readFileSync(link, 'utf8'), 'target');
assert.strictEqual(fs.realpathSync(link), fs.realpathSync(target));
assert.strictEqual(fs.realpathSync.native(link), fs.realpathSync(target));

fs.rmSync(dir, { recursive: true, force: true });
