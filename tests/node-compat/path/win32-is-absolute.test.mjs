// path.win32.isAbsolute: drive-relative paths are not absolute, any leading separator is
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], false],
  [["C:"], false],
  [["C:a"], false],
  [["C:\\"], true],
  [["c:/"], true],
  [["/"], true],
  [["\\\\srv"], true],
  [["a"], false],
  [["\\\\?\\c:"], true],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.isAbsolute(...args), expected, `win32.isAbsolute(${JSON.stringify(args)})`);
}
