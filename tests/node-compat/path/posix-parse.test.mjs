// path.posix.parse of roots, dotfiles and trailing slashes
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], {"root":"","dir":"","base":"","ext":"","name":""}],
  [["/"], {"root":"/","dir":"/","base":"","ext":"","name":""}],
  [["//"], {"root":"/","dir":"/","base":"","ext":"","name":""}],
  [["/a"], {"root":"/","dir":"/","base":"a","ext":"","name":"a"}],
  [["//a"], {"root":"/","dir":"/","base":"a","ext":"","name":"a"}],
  [["a/b.c"], {"root":"","dir":"a","base":"b.c","ext":".c","name":"b"}],
  [["/home/user/dir/file.txt"], {"root":"/","dir":"/home/user/dir","base":"file.txt","ext":".txt","name":"file"}],
  [["./x"], {"root":"","dir":".","base":"x","ext":"","name":"x"}],
  [[".hidden"], {"root":"","dir":"","base":".hidden","ext":"","name":".hidden"}],
  [["/a/b/"], {"root":"/","dir":"/a","base":"b","ext":"","name":"b"}],
  [["/.."], {"root":"/","dir":"/","base":"..","ext":".","name":"."}],
  [["a/.."], {"root":"","dir":"a","base":"..","ext":"","name":".."}],
  [["..."], {"root":"","dir":"","base":"...","ext":".","name":".."}],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.parse(...args), expected, `posix.parse(${JSON.stringify(args)})`);
}
