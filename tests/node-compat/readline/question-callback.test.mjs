// question() writes the query to output and calls back with the next line; prompt/setPrompt.
import assert from 'node:assert';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';

const input = new PassThrough();
const output = new PassThrough();
let written = '';
output.on('data', (d) => { written += d; });
const rl = readline.createInterface({ input, output, terminal: false });
assert.strictEqual(rl.getPrompt(), '> ');
rl.setPrompt('$ ');
rl.question('Name? ', (answer) => {
  assert.strictEqual(answer, 'Ada');
  assert.strictEqual(rl.getPrompt(), '$ ');
  rl.prompt();
  rl.close();
});
rl.on('close', () => {
  setImmediate(() => assert.strictEqual(written, 'Name? $ '));
});
input.write('Ada\n');
