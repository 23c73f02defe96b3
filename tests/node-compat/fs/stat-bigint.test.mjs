import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-stat-bigint-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'b.txt');
fs.writeFileSync(f, 'x');
const st = fs.statSync(f, { bigint: true });
assert.strictEqual(typeof st.size, 'bigint');
assert.strictEqual(st.size, 1n);
assert.strictEqual(typeof st.mtimeNs, 'bigint');
assert.strictEqual(st.mtimeMs, st.mtimeNs / 1000000n);
assert.ok(st.isFile());
assert.ok(st.mtime instanceof Date);

fs.rmSync(dir, { recursive: true, force: true });
