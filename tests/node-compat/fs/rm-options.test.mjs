import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-rm-options-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

fs.mkdirSync(path.join(dir, 'tree', 'sub'), { recursive: true });
fs.writeFileSync(path.join(dir, 'tree', 'sub', 'f'), 'x');
assert.throws(() => fs.rmSync(path.join(dir, 'tree')), { code: 'ERR_FS_EISDIR' });
fs.rmSync(path.join(dir, 'tree'), { recursive: true });
assert.strictEqual(fs.existsSync(path.join(dir, 'tree')), false);
assert.throws(() => fs.rmSync(path.join(dir, 'gone')), { code: 'ENOENT' });
fs.rmSync(path.join(dir, 'gone'), { force: true });
assert.throws(() => fs.rmSync(dir, { recursive: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });

fs.rmSync(dir, { recursive: true, force: true });
