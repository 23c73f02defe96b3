import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-access-exists-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

const f = path.join(dir, 'acc');
fs.writeFileSync(f, '', { mode: 0o644 });
fs.accessSync(f);
fs.accessSync(f, fs.constants.R_OK | fs.constants.W_OK);
assert.throws(() => fs.accessSync(f, fs.constants.X_OK), { code: 'EACCES', syscall: 'access' });
assert.throws(() => fs.accessSync(path.join(dir, 'none')), { code: 'ENOENT', syscall: 'access' });
assert.strictEqual(fs.existsSync(f), true);
assert.strictEqual(fs.existsSync(path.join(dir, 'none')), false);
assert.strictEqual(fs.existsSync(), false);
await new Promise((resolve) => fs.exists(f, (yes) => { assert.strictEqual(yes, true); resolve(); }));

fs.rmSync(dir, { recursive: true, force: true });
