// path.win32.toNamespacedPath for drive and UNC paths
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [[""], ""],
  [["C:\\a\\b"], "\\\\?\\C:\\a\\b"],
  [["c:/x/../y"], "\\\\?\\c:\\y"],
  [["\\\\server\\share\\f"], "\\\\?\\UNC\\server\\share\\f"],
  [["//server/share"], "\\\\?\\UNC\\server\\share\\"],
  [["\\\\?\\C:\\x"], "\\\\?\\C:\\x"],
  [["\\\\.\\pipe\\x"], "\\\\.\\pipe\\x"],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.toNamespacedPath(...args), expected, `win32.toNamespacedPath(${JSON.stringify(args)})`);
}
