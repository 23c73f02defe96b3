// node:path/posix and node:path/win32 are the flavour objects of node:path
import assert from 'node:assert';
import path from 'node:path';
import posixDefault, { join as pjoin, sep as psep } from 'node:path/posix';
import win32Default, { join as wjoin, sep as wsep } from 'node:path/win32';

assert.strictEqual(posixDefault, path.posix);
assert.strictEqual(win32Default, path.win32);
assert.strictEqual(pjoin('a', 'b'), 'a/b');
assert.strictEqual(wjoin('a', 'b'), 'a\\b');
assert.strictEqual(psep, '/');
assert.strictEqual(wsep, '\\');
