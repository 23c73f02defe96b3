import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-promises-basic-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const fsp = fs.promises;
const f = path.join(dir, 'p.txt');
await fsp.writeFile(f, 'promised');
assert.strictEqual(await fsp.readFile(f, 'utf8'), 'promised');
await fsp.appendFile(f, '!');
assert.strictEqual(await fsp.readFile(f, { encoding: 'utf8' }), 'promised!');
await assert.rejects(fsp.readFile(path.join(dir, 'nope')), { code: 'ENOENT', syscall: 'open' });
await assert.rejects(fsp.readFile(1n), { code: 'ERR_INVALID_ARG_TYPE' });

fs.rmSync(dir, { recursive: true, force: true });
