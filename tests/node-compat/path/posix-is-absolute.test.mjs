// path.posix.isAbsolute
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], false],
  [["/"], true],
  [["//x"], true],
  [["a"], false],
  [["./a"], false],
  [["../a"], false],
  [["C:\\x"], false],
  [["\\x"], false],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.posix.isAbsolute(...args), expected, `posix.isAbsolute(${JSON.stringify(args)})`);
}
