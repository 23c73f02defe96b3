// path.posix.format: dir vs root, base vs name+ext, ext without dot
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[{"root":"/ignored","dir":"/home/user/dir","base":"file.txt"}], "/home/user/dir/file.txt"],
  [[{"root":"/","base":"file.txt","ext":"ignored"}], "/file.txt"],
  [[{"root":"/","name":"file","ext":".txt"}], "/file.txt"],
  [[{"name":"x","ext":"js"}], "x.js"],
  [[{"dir":"a"}], "a/"],
  [[{}], ""],
  [[{"root":"/x/"}], "/x/"],
  [[{"dir":"/","base":"a"}], "//a"],
  [[{"root":"/","dir":"/","base":"a"}], "/a"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.format(...args), expected, `posix.format(${JSON.stringify(args)})`);
}
