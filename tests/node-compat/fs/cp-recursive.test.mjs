import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-cp-recursive-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const src = path.join(dir, 'src');
fs.mkdirSync(path.join(src, 'inner'), { recursive: true });
fs.writeFileSync(path.join(src, 'a.txt'), 'A');
fs.writeFileSync(path.join(src, 'inner', 'b.txt'), 'B');
assert.throws(() => fs.cpSync(src, path.join(dir, 'nope')), { code: 'ERR_FS_EISDIR' });
fs.cpSync(src, path.join(dir, 'dst'), { recursive: true });
assert.strictEqual(fs.readFileSync(path.join(dir, 'dst', 'inner', 'b.txt'), 'utf8'), 'B');
await fs.promises.cp(path.join(src, 'a.txt'), path.join(dir, 'single.txt'));
assert.strictEqual(fs.readFileSync(path.join(dir, 'single.txt'), 'utf8'), 'A');

fs.rmSync(dir, { recursive: true, force: true });
