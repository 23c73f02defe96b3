// Transform: callback(null, data) pushes output; flush() adds a final chunk before 'end'.
import assert from 'node:assert';
import { Transform } from 'node:stream';

const events = [];
const t = new Transform({
  transform(chunk, enc, cb) {
    cb(null, chunk.toString().toUpperCase());
  },
  flush(cb) {
    events.push('flush');
    cb(null, '!');
  },
});
t.on('data', (c) => events.push(`data:${c}`));
t.on('finish', () => events.push('finish'));
t.on('end', () => events.push('end'));
t.on('close', () => {
  events.push('close');
  assert.deepStrictEqual(events, ['data:AB', 'data:C', 'flush', 'data:!', 'end', 'finish', 'close']);
});
t.write('ab');
t.end('c');
