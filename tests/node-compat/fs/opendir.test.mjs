import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-opendir-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

fs.writeFileSync(path.join(dir, 'one'), '');
fs.writeFileSync(path.join(dir, 'two'), '');
const d = fs.opendirSync(dir);
assert.strictEqual(d.path, dir);
const seen = [];
let e;
while ((e = d.readSync()) !== null) seen.push(e.name);
d.closeSync();
assert.deepStrictEqual(seen.sort(), ['one', 'two']);
assert.throws(() => d.closeSync(), { code: 'ERR_DIR_CLOSED' });
const names = [];
for await (const ent of await fs.promises.opendir(dir)) names.push(ent.name);
assert.deepStrictEqual(names.sort(), ['one', 'two']);

fs.rmSync(dir, { recursive: true, force: true });
