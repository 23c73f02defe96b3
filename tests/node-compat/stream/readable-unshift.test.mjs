// unshift() puts data back at the front of the read buffer.
import assert from 'node:assert';
import { Readable } from 'node:stream';

const r = new Readable({ read() {} });
r.push('world');
r.push(null);
r.once('readable', () => {
  const first = r.read(2);
  assert.strictEqual(first.toString(), 'wo');
  r.unshift(first);
  r.unshift('hello ');
  assert.strictEqual(r.read().toString(), 'hello world');
});
