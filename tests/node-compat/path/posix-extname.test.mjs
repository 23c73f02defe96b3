// path.posix.extname: dotfiles, multiple dots, trailing slash
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], ""],
  [["."], ""],
  [[".."], ""],
  [["..."], "."],
  [[".a"], ""],
  [["..a"], ".a"],
  [["a."], "."],
  [["a.b.c"], ".c"],
  [["/a.b/c"], ""],
  [["a.b/"], ".b"],
  [["a.b//"], ".b"],
  [[".bashrc"], ""],
  [["file.tar.gz"], ".gz"],
  [["/x/.y.z"], ".z"],
  [["a.."], "."],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.extname(...args), expected, `posix.extname(${JSON.stringify(args)})`);
}
