import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-readdir-types-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

fs.writeFileSync(path.join(dir, 'f1'), '');
fs.mkdirSync(path.join(dir, 'd1'));
assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['d1', 'f1']);
const ents = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
assert.ok(ents[0] instanceof fs.Dirent);
assert.strictEqual(ents[0].name, 'd1');
assert.ok(ents[0].isDirectory());
assert.ok(ents[1].isFile());
assert.strictEqual(ents[1].parentPath, dir);
const bufs = fs.readdirSync(dir, { encoding: 'buffer' });
assert.ok(Buffer.isBuffer(bufs[0]));

fs.rmSync(dir, { recursive: true, force: true });
