// path.win32.basename: drive prefix stripped, both separators, suffix
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["C:"], ""],
  [["C:\\"], ""],
  [["C:foo"], "foo"],
  [["C:\\foo.HTML",".html"], "foo.HTML"],
  [["C:\\foo.html",".html"], "foo"],
  [["\\dir\\base.ext"], "base.ext"],
  [["/dir/base/"], "base"],
  [["a\\b/c"], "c"],
  [["aaa\\bbb","bbb"], "bbb"],
  [["file:stream"], "file:stream"],
  [["\\\\srv\\sh\\x"], "x"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.basename(...args), expected, `win32.basename(${JSON.stringify(args)})`);
}
