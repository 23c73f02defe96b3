// 'line' fires for \n, \r\n (also split across chunks) and a lone \r; the unterminated tail is
// emitted at end of input, then 'close'.
import assert from 'node:assert';
import readline from 'node:readline';
import { Readable } from 'node:stream';

const rl = readline.createInterface({ input: Readable.from(['a\r', '\nb\n', 'c\rd\r\n', 'tail']) });
const lines = [];
rl.on('line', (l) => lines.push(l));
rl.on('close', () => {
  assert.deepStrictEqual(lines, ['a', 'b', 'c', 'd', 'tail']);
  assert.strictEqual(rl.closed, true);
});
