// path.win32.format joins dir and base with a backslash unless dir is the root
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [{ dir: 'C:\\path\\dir', base: 'file.txt' }, 'C:\\path\\dir\\file.txt'],
  [{ root: 'C:\\', base: 'file.txt' }, 'C:\\file.txt'],
  [{ root: 'C:\\', name: 'f', ext: 'txt' }, 'C:\\f.txt'],
  [{ dir: '\\\\srv\\sh', name: 'a', ext: '.b' }, '\\\\srv\\sh\\a.b'],
  [{ root: 'C:', dir: 'C:', base: 'x' }, 'C:x'],
  [{}, ''],
];
for (const [obj, expected] of cases) {
  assert.strictEqual(path.win32.format(obj), expected, JSON.stringify(obj));
}
