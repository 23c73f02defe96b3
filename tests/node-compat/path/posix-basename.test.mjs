// path.posix.basename with and without suffix
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], ""],
  [["/"], ""],
  [["//"], ""],
  [["a"], "a"],
  [["/a/b"], "b"],
  [["/a/b/"], "b"],
  [["/a/b.js",".js"], "b"],
  [["/a/b.js/",".js"], "b"],
  [["b.js","b.js"], ""],
  [["aaa/bbb","bbb"], "bbb"],
  [["aaa/bbb","a/bbb"], "bbb"],
  [["/aaa/b","bb"], "b"],
  [["file.js",".ts"], "file.js"],
  [["//","B"], "//"],
  [["bc/","abc"], "bc/"],
  [["a\\b"], "a\\b"],
  [[".js",".js"], ""],
  [["x.js","js"], "x."],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.basename(...args), expected, `posix.basename(${JSON.stringify(args)})`);
}
