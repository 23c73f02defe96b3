import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-rmdir-unlink-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

fs.mkdirSync(path.join(dir, 'd'));
fs.writeFileSync(path.join(dir, 'd', 'f'), '');
assert.throws(() => fs.rmdirSync(path.join(dir, 'd')), { code: 'ENOTEMPTY', syscall: 'rmdir' });
fs.unlinkSync(path.join(dir, 'd', 'f'));
fs.rmdirSync(path.join(dir, 'd'));
assert.throws(() => fs.unlinkSync(path.join(dir, 'd')), { code: 'ENOENT', syscall: 'unlink' });

fs.rmSync(dir, { recursive: true, force: true });
