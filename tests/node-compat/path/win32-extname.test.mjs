// path.win32.extname with drive letters and backslashes
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["C:."], ""],
  [["C:.x"], ""],
  [["C:\\a.b\\c"], ""],
  [["a.b\\"], ".b"],
  [["\\.x"], ""],
  [[".\\"], ""],
  [["file.TXT"], ".TXT"],
  [["C:\\x\\.."], ""],
  [["c:foo.bar"], ".bar"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.extname(...args), expected, `win32.extname(${JSON.stringify(args)})`);
}
