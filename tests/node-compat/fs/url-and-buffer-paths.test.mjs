import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-url-and-buffer-paths-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'u.txt');
fs.writeFileSync(new URL(`file://${f}`), 'via url');
assert.strictEqual(fs.readFileSync(Buffer.from(f), 'utf8'), 'via url');
assert.strictEqual(fs.readFileSync(new URL(`file://${f}`), 'utf8'), 'via url');
assert.throws(() => fs.readFileSync(new URL('http://example.com/x')), { code: 'ERR_INVALID_URL_SCHEME' });

fs.rmSync(dir, { recursive: true, force: true });
