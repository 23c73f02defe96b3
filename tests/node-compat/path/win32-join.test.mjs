// path.win32.join: UNC preservation and leading separator collapsing
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[], "."],
  [["",""], "."],
  [["a","b"], "a\\b"],
  [["C:","a"], "C:\\a"],
  [["C:\\",".."], "C:\\"],
  [["//server","share"], "\\\\server\\share\\"],
  [["\\\\server","share","x"], "\\\\server\\share\\x"],
  [["//","server","share"], "\\server\\share"],
  [["\\\\\\server","share"], "\\server\\share"],
  [["/","/a"], "\\a"],
  [["a/","\\b\\"], "a\\b\\"],
  [["c:","/a"], "c:\\a"],
  [["","//x"], "\\x"],
  [["foo","..","C:bar"], ".\\C:bar"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.join(...args), expected, `win32.join(${JSON.stringify(args)})`);
}
