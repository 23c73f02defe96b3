// path.win32.parse: drive, UNC and root-only inputs
import assert from 'node:assert';
import path from 'node:path';

const cases = [
  [["C:\\path\\dir\\file.txt"], {"root":"C:\\","dir":"C:\\path\\dir","base":"file.txt","ext":".txt","name":"file"}],
  [["C:"], {"root":"C:","dir":"C:","base":"","ext":"","name":""}],
  [["C:\\"], {"root":"C:\\","dir":"C:\\","base":"","ext":"","name":""}],
  [["C:abc"], {"root":"C:","dir":"C:","base":"abc","ext":"","name":"abc"}],
  [["\\\\server\\share"], {"root":"\\\\server\\share","dir":"\\\\server\\share","base":"","ext":"","name":""}],
  [["\\\\server\\share\\"], {"root":"\\\\server\\share\\","dir":"\\\\server\\share\\","base":"","ext":"","name":""}],
  [["\\\\server\\share\\file.js"], {"root":"\\\\server\\share\\","dir":"\\\\server\\share\\","base":"file.js","ext":".js","name":"file"}],
  [["\\"], {"root":"\\","dir":"\\","base":"","ext":"","name":""}],
  [["\\dir\\"], {"root":"\\","dir":"\\","base":"dir","ext":"","name":"dir"}],
  [["file"], {"root":"","dir":"","base":"file","ext":"","name":"file"}],
  [[".\\x.y"], {"root":"","dir":".","base":"x.y","ext":".y","name":"x"}],
];
for (const [args, expected] of cases) {
  assert.deepStrictEqual(path.win32.parse(...args), expected, `win32.parse(${JSON.stringify(args)})`);
}
