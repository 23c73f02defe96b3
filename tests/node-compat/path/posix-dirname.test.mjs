// path.posix.dirname: roots, trailing and doubled slashes
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], "."],
  [["/"], "/"],
  [["//"], "/"],
  [["///"], "/"],
  [["a"], "."],
  [["a/"], "."],
  [["/a"], "/"],
  [["/a/"], "/"],
  [["//a"], "//"],
  [["///a"], "//"],
  [["a//b"], "a/"],
  [["/a/b/c"], "/a/b"],
  [["/a/b/c/"], "/a/b"],
  [["a/b//c//"], "a/b/"],
  [["."], "."],
  [[".."], "."],
  [["../a"], ".."],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.dirname(...args), expected, `posix.dirname(${JSON.stringify(args)})`);
}
