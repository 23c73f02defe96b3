// path.posix.resolve with absolute segments (cwd-independent)
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["/"], "/"],
  [["/a/b","c"], "/a/b/c"],
  [["/a/b","/c","d"], "/c/d"],
  [["/foo/bar","./baz"], "/foo/bar/baz"],
  [["/foo/bar","/tmp/file/"], "/tmp/file"],
  [["/a","..","..",".."], "/"],
  [["/a","","b",""], "/a/b"],
  [["//a//b//"], "/a/b"],
  [["/a/b/","../../..","c/."], "/c"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.resolve(...args), expected, `posix.resolve(${JSON.stringify(args)})`);
}
