// Paused mode: 'readable' then read(n) pulls exact byte counts from the buffer.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const r = new Readable({ read() {} });
r.push('hello ');
r.push('world');
r.push(null);
const reads = [];
r.on('readable', () => {
  let chunk;
  while ((chunk = r.read(3)) !== null) reads.push(chunk.toString());
});
r.on('end', () => {
  // The last partial read (fewer than 3 bytes) is returned once the stream has ended.
  assert.deepStrictEqual(reads, ['hel', 'lo ', 'wor', 'ld']);
  assert.strictEqual(r.readableLength, 0);
});
