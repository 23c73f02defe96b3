import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-mkdtemp-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const made = fs.mkdtempSync(path.join(dir, 'tmp-'));
assert.ok(made.startsWith(path.join(dir, 'tmp-')));
assert.strictEqual(path.basename(made).length, 'tmp-'.length + 6);
assert.ok(fs.statSync(made).isDirectory());
const other = await fs.promises.mkdtemp(path.join(dir, 'tmp-'));
assert.notStrictEqual(other, made);

fs.rmSync(dir, { recursive: true, force: true });
