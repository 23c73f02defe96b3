// path functions reject non-string arguments with ERR_INVALID_ARG_TYPE
import assert from 'node:assert';
import path from 'node:path';

for (const flavour of [path.posix, path.win32]) {
  const check = (fn, name) => assert.throws(fn, (err) => {
    assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.ok(err instanceof TypeError);
    assert.ok(err.message.startsWith(`The "${name}" argument must be of type `), err.message);
    return true;
  });
  check(() => flavour.join('a', 1), 'path');
  check(() => flavour.normalize(null), 'path');
  check(() => flavour.resolve('a', undefined), 'paths[1]');
  check(() => flavour.resolve(1), 'paths[0]');
  check(() => flavour.relative(1, 'a'), 'from');
  check(() => flavour.relative('a', {}), 'to');
  check(() => flavour.dirname(true), 'path');
  check(() => flavour.basename('a', 1), 'suffix');
  check(() => flavour.basename(1), 'path');
  check(() => flavour.extname([]), 'path');
  check(() => flavour.parse(1), 'path');
  check(() => flavour.isAbsolute(1), 'path');
  check(() => flavour.format('x'), 'pathObject');
  check(() => flavour.format(null), 'pathObject');
  // toNamespacedPath does not validate.
  assert.strictEqual(flavour.toNamespacedPath(1), 1);
}
assert.strictEqual(path.join('a', 1 === 1 ? 'b' : 0), 'a/b');
