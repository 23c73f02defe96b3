// Cipher input/output encodings: base64 output split across update() calls joins up, and a
// Cipher works as a Transform stream.
import assert from 'node:assert';
import crypto from 'node:crypto';

const key = Buffer.alloc(16, 3);
const iv = Buffer.alloc(16, 4);
const text = 'The quick brown fox jumps over the lazy dog. '.repeat(3);
const whole = (() => {
  const c = crypto.createCipheriv('aes-128-ctr', key, iv);
  return Buffer.concat([c.update(text), c.final()]);
})();

const c = crypto.createCipheriv('aes-128-ctr', key, iv);
let b64 = '';
for (let i = 0; i < text.length; i += 10) b64 += c.update(text.slice(i, i + 10), 'utf8', 'base64');
b64 += c.final('base64');
assert.strictEqual(b64, whole.toString('base64'));

const d = crypto.createDecipheriv('aes-128-ctr', key, iv);
assert.strictEqual(d.update(whole.toString('hex'), 'hex', 'utf8') + d.final('utf8'), text);

const s = crypto.createCipheriv('aes-128-ctr', key, iv);
const out = [];
s.on('data', (chunk) => out.push(chunk));
s.on('end', () => assert.deepStrictEqual(Buffer.concat(out), whole));
s.write(text.slice(0, 20));
s.end(text.slice(20));
