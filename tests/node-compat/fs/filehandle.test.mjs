import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-filehandle-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const fsp = fs.promises;
const f = path.join(dir, 'fh.txt');
const fh = await fsp.open(f, 'w+');
assert.strictEqual(typeof fh.fd, 'number');
const { bytesWritten } = await fh.write(Buffer.from('filehandle'));
assert.strictEqual(bytesWritten, 10);
const { bytesRead, buffer } = await fh.read(Buffer.alloc(4), 0, 4, 0);
assert.strictEqual(bytesRead, 4);
assert.strictEqual(buffer.toString(), 'file');
assert.strictEqual((await fh.stat()).size, 10);
await fh.truncate(4);
await fh.close();
assert.strictEqual(await fsp.readFile(f, 'utf8'), 'file');
const again = await fsp.open(f);
assert.strictEqual(await again.readFile('utf8'), 'file');
await again.close();

fs.rmSync(dir, { recursive: true, force: true });
