// node:path exports: posix default with .posix/.win32, sep/delimiter, named exports
import assert from 'node:assert';
import path, { join, sep, delimiter, posix, win32, basename } from 'node:path';

assert.strictEqual(path, posix);
assert.strictEqual(path.posix, posix);
assert.strictEqual(path.win32, win32);
assert.strictEqual(win32.posix, posix);
assert.strictEqual(win32.win32, win32);
assert.strictEqual(posix.win32, win32);
assert.strictEqual(sep, '/');
assert.strictEqual(delimiter, ':');
assert.strictEqual(win32.sep, '\\');
assert.strictEqual(win32.delimiter, ';');
assert.strictEqual(join, posix.join);
assert.strictEqual(basename, path.basename);
for (const fn of ['resolve', 'normalize', 'isAbsolute', 'join', 'relative', 'toNamespacedPath',
  'dirname', 'basename', 'extname', 'format', 'parse']) {
  assert.strictEqual(typeof posix[fn], 'function', fn);
  assert.strictEqual(typeof win32[fn], 'function', fn);
}
assert.strictEqual(path.toNamespacedPath('/a/b'), '/a/b');
