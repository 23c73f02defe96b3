import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-readdir-recursive-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
fs.writeFileSync(path.join(dir, 'a', 'b', 'c.txt'), '');
fs.writeFileSync(path.join(dir, 'top.txt'), '');
assert.deepStrictEqual(fs.readdirSync(dir, { recursive: true }).sort(), ['a', 'a/b', 'a/b/c.txt', 'top.txt']);
const names = (await fs.promises.readdir(dir, { recursive: true })).sort();
assert.deepStrictEqual(names, ['a', 'a/b', 'a/b/c.txt', 'top.txt']);

fs.rmSync(dir, { recursive: true, force: true });
