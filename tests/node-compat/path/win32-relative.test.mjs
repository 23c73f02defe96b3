// path.win32.relative: case-insensitive drives, different roots, UNC
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["C:\\a","C:\\A"], ""],
  [["c:/AaAa/bbbb","c:/aaaa"], ".."],
  [["c:/aaaa/","c:/aaaa/cccc"], "cccc"],
  [["C:\\foo\\bar","C:\\foo\\barx"], "..\\barx"],
  [["C:\\","C:\\foo"], "foo"],
  [["C:\\foo","C:\\"], ".."],
  [["C:\\a","D:\\b"], "D:\\b"],
  [["\\\\s\\sh\\a","\\\\s\\sh2\\b"], "..\\..\\sh2\\b"],
  [["\\\\s\\sh\\a","\\\\t\\sh\\b"], "\\\\t\\sh\\b"],
  [["\\\\foo\\bar","\\\\foo\\bar\\baz"], "baz"],
  [["C:\\orandea\\test\\aaa","C:\\orandea\\impl\\bbb"], "..\\..\\impl\\bbb"],
  [["c:/blah","c:/blah"], ""],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.relative(...args), expected, `win32.relative(${JSON.stringify(args)})`);
}
