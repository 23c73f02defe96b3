// A Hash is a Transform stream: written data is hashed, the digest is its one readable chunk.
import assert from 'node:assert';
import crypto from 'node:crypto';

const h = crypto.createHash('sha256');
const chunks = [];
h.on('data', (c) => chunks.push(c));
h.on('end', () => {
  assert.strictEqual(chunks.length, 1);
  assert.strictEqual(chunks[0].toString('hex'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const hm = crypto.createHmac('sha256', 'key');
  hm.setEncoding('hex');
  hm.on('data', (s) => {
    assert.strictEqual(s, crypto.createHmac('sha256', 'key').update('abc').digest('hex'));
  });
  hm.end('abc');
});
h.write('a');
h.write(Buffer.from('b'));
h.end('c');
