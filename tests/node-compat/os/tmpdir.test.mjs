import assert from 'node:assert';
import os from 'node:os';

const t = os.tmpdir();
assert.strictEqual(typeof t, 'string');
assert.ok(t.startsWith('/'));
assert.ok(t === '/' || !t.endsWith('/'));
