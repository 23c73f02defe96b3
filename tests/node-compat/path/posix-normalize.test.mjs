// path.posix.normalize: dots, repeated and trailing slashes, ".." above root
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], "."],
  [["."], "."],
  [["./"], "./"],
  [[".."], ".."],
  [["../"], "../"],
  [["/"], "/"],
  [["//"], "/"],
  [["///a//b/"], "/a/b/"],
  [["a/b/../c"], "a/c"],
  [["a/../.."], ".."],
  [["a/../../"], "../"],
  [["/.."], "/"],
  [["/../a/.."], "/"],
  [["./a/./b/."], "a/b"],
  [["foo/bar/../baz/"], "foo/baz/"],
  [["..a/b.."], "..a/b.."],
  [[".../a"], ".../a"],
  [["a//b//../c"], "a/c"],
  [["/a/b/c/../../.."], "/"],
  [["a\\b/../c"], "c"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.normalize(...args), expected, `posix.normalize(${JSON.stringify(args)})`);
}
