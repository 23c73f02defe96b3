// path.win32.dirname: drive-relative, drive root, UNC root
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], "."],
  [["c:"], "c:"],
  [["c:\\"], "c:\\"],
  [["c:/"], "c:/"],
  [["c:a"], "c:"],
  [["c:a\\b"], "c:a"],
  [["c:\\a"], "c:\\"],
  [["c:\\a\\"], "c:\\"],
  [["\\"], "\\"],
  [["/a"], "/"],
  [["\\\\srv"], "\\"],
  [["\\\\srv\\sh"], "\\\\srv\\sh"],
  [["\\\\srv\\sh\\"], "\\\\srv\\sh\\"],
  [["\\\\srv\\sh\\a"], "\\\\srv\\sh\\"],
  [["\\\\srv\\sh\\a\\b"], "\\\\srv\\sh\\a"],
  [["a\\\\b"], "a\\"],
  [["///a"], "//"],
  [["foo"], "."],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.dirname(...args), expected, `win32.dirname(${JSON.stringify(args)})`);
}
