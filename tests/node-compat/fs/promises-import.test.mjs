import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-promises-import-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const fsp = await import('node:fs/promises');
assert.strictEqual(typeof fsp.readFile, 'function');
assert.strictEqual(fsp.default.readFile, fsp.readFile);
assert.strictEqual(fs.promises.readFile, fsp.readFile);
assert.strictEqual(typeof fsp.constants.O_RDONLY, 'number');

fs.rmSync(dir, { recursive: true, force: true });
