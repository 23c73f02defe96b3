// path.posix.relative between absolute paths
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["/a/b","/a/b"], ""],
  [["/data/orandea/test/aaa","/data/orandea/impl/bbb"], "../../impl/bbb"],
  [["/a","/a/b/c"], "b/c"],
  [["/a/b/c","/a"], "../.."],
  [["/","/x"], "x"],
  [["/x","/"], ".."],
  [["/foo/bar","/foo/barx"], "../barx"],
  [["/foo/barx","/foo/bar"], "../bar"],
  [["/a/b/","/a/b/c/"], "c"],
  [["/page1/page2/foo","/"], "../../.."],
  [["/","/"], ""],
  [["/a//b","/a/b/c"], "c"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.relative(...args), expected, `posix.relative(${JSON.stringify(args)})`);
}
