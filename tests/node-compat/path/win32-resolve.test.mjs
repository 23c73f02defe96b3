// path.win32.resolve with drive-absolute and UNC segments
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["C:\\"], "C:\\"],
  [["c:/blah\\blah","d:/games","c:../a"], "c:\\blah\\a"],
  [["c:/ignore","d:\\a/b\\c/d","\\e.exe"], "d:\\e.exe"],
  [["C:\\foo","bar","..\\baz"], "C:\\foo\\baz"],
  [["\\\\server\\share","..","x"], "\\\\server\\share\\x"],
  [["//server/share","relative\\"], "\\\\server\\share\\relative"],
  [["C:\\a","\\\\srv\\sh\\b"], "\\\\srv\\sh\\b"],
  [["D:\\x","C:\\y",".."], "C:\\"],
  [["C:\\a\\b","c:c"], "c:\\a\\b\\c"],
  [["\\\\.\\x\\.."], "\\\\.\\"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.resolve(...args), expected, `win32.resolve(${JSON.stringify(args)})`);
}
