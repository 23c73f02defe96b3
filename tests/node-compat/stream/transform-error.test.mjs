// An error passed to the transform callback destroys the stream: 'error' then 'close', no 'end'.
import assert from 'node:assert';
import { Transform } from 'node:stream';

const events = [];
const t = new Transform({
  transform(chunk, enc, cb) {
    if (chunk.toString() === 'bad') cb(new Error('bad chunk'));
    else cb(null, chunk);
  },
});
t.on('data', (c) => events.push(`data:${c}`));
t.on('end', () => events.push('end'));
t.on('error', (err) => events.push(`error:${err.message}`));
t.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['data:ok', 'error:bad chunk', 'close']);
  assert.strictEqual(t.destroyed, true);
});
t.write('ok');
t.write('bad');
