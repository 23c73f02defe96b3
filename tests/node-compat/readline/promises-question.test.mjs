// readline/promises: question() returns a promise; an aborted signal rejects with AbortError.
import assert from 'node:assert';
import { createInterface } from 'node:readline/promises';
import { PassThrough } from 'node:stream';

const input = new PassThrough();
const rl = createInterface({ input, output: new PassThrough() });
setImmediate(() => input.write('42\n'));
assert.strictEqual(await rl.question('n? '), '42');
const ac = new AbortController();
const pending = rl.question('again? ', { signal: ac.signal });
ac.abort();
await assert.rejects(pending, { name: 'AbortError', code: 'ABORT_ERR' });
rl.close();
