import assert from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
const dir = path.join(process.env.TEST_TMPDIR ?? os.tmpdir(), 'fs-watch-not-implemented-' + process.pid);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

// Under node these exist; under atoll they throw a clear ERR_NOT_IMPLEMENTED naming the API.
assert.strictEqual(typeof fs.watch, 'function');
assert.strictEqual(typeof fs.watchFile, 'function');
if (process.versions.atoll) {
  assert.throws(() => fs.watch(dir), { code: 'ERR_NOT_IMPLEMENTED', message: /fs\.watch/ });
}

fs.rmSync(dir, { recursive: true, force: true });
