// path.win32.normalize: drives, UNC roots, mixed separators
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], "."],
  [["."], "."],
  [["/"], "\\"],
  [["\\\\"], "\\"],
  [["C:"], "C:."],
  [["C:."], "C:."],
  [["C:\\"], "C:\\"],
  [["c:/a/../.."], "c:\\"],
  [["C:a\\..\\.."], "C:.."],
  [["C:\\..\\x"], "C:\\x"],
  [["a/b\\c/../d"], "a\\b\\d"],
  [["\\\\server\\share"], "\\\\server\\share\\"],
  [["\\\\server\\share\\"], "\\\\server\\share\\"],
  [["\\\\server\\share\\a\\..\\.."], "\\\\server\\share\\"],
  [["//server/share/a/"], "\\\\server\\share\\a\\"],
  [["\\\\server"], "\\server"],
  [["a\\"], "a\\"],
  [["foo\\..\\C:bar"], ".\\C:bar"],
  [["CON:"], ".\\CON:."],
  [["x:y:z"], "x:y:z"],
  [["\\\\.\\C:\\a\\.."], "\\\\.\\C:"],
  [["\\\\?\\C:\\x"], "\\\\?\\C:\\x"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.normalize(...args), expected, `win32.normalize(${JSON.stringify(args)})`);
}
