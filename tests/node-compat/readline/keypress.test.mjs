// emitKeypressEvents: printable keys, shift, ctrl, return and arrow escape sequences.
import assert from 'node:assert';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';

const input = new PassThrough();
readline.emitKeypressEvents(input);
const keys = [];
input.on('keypress', (s, key) => keys.push([s, key.name, key.ctrl, key.shift]));
input.write('aB\x1b[A\x03\r');
setImmediate(() => {
  assert.deepStrictEqual(keys, [
    ['a', 'a', false, false],
    ['B', 'b', false, true],
    [undefined, 'up', false, false],
    ['\x03', 'c', true, false],
    ['\r', 'return', false, false],
  ]);
});
