// 'readable' fires when data is buffered and once more at EOF, where read() returns null.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const events = [];
const r = new Readable({ read() {} });
r.on('readable', () => {
  const chunk = r.read();
  events.push(`readable:${chunk === null ? 'null' : chunk}`);
});
r.on('end', () => {
  events.push('end');
  assert.deepStrictEqual(events, ['readable:ab', 'readable:null', 'end']);
});
r.push('a');
r.push('b');
setTimeout(() => r.push(null), 5);
