import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-streams-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const f = path.join(dir, 's.txt');

await new Promise((resolve, reject) => {
  const ws = fs.createWriteStream(f);
  ws.on('error', reject);
  ws.write('hello ');
  ws.end('streams', resolve);
});
assert.strictEqual(fs.readFileSync(f, 'utf8'), 'hello streams');

const chunks = [];
await new Promise((resolve, reject) => {
  fs.createReadStream(f, { start: 6, encoding: 'utf8' })
    .on('data', (c) => chunks.push(c))
    .on('error', reject)
    .on('end', resolve);
});
assert.strictEqual(chunks.join(''), 'streams');

await new Promise((resolve) => {
  fs.createReadStream(path.join(dir, 'missing')).on('error', (err) => {
    assert.strictEqual(err.code, 'ENOENT');
    resolve();
  });
});
fs.rmSync(dir, { recursive: true, force: true });
