// path.posix.join: empty parts, absolute parts, trailing slashes
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[], "."],
  [[""], "."],
  [["",""], "."],
  [["a",""], "a"],
  [["","a"], "a"],
  [["/a","/b"], "/a/b"],
  [["a/","b/"], "a/b/"],
  [["a","..","..","b"], "../b"],
  [["/",".."], "/"],
  [[".","."], "."],
  [["/foo","bar","baz/asdf","quux",".."], "/foo/bar/baz/asdf"],
  [["//","a"], "/a"],
  [["a","/"], "a/"],
  [["a",".//"], "a/"],
  [["..","a/../.."], "../.."],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.join(...args), expected, `posix.join(${JSON.stringify(args)})`);
}
