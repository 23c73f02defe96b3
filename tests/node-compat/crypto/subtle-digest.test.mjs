// crypto.subtle.digest: SHA-1/256/384/512 over any BufferSource; unknown names reject.
import assert from 'node:assert';
import crypto from 'node:crypto';

const { subtle } = globalThis.crypto;
const hex = (ab) => Buffer.from(ab).toString('hex');
const data = new TextEncoder().encode('abc');
assert.strictEqual(hex(await subtle.digest('SHA-256', data)), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
assert.strictEqual(hex(await subtle.digest({ name: 'sha-1' }, data.buffer)), 'a9993e364706816aba3e25717850c26c9cd0d89d');
assert.strictEqual(hex(await subtle.digest('SHA-384', new DataView(data.buffer))),
  'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7');
const out = await crypto.webcrypto.subtle.digest('SHA-512', data);
assert.ok(out instanceof ArrayBuffer);
assert.strictEqual(out.byteLength, 64);
await assert.rejects(subtle.digest('MD5', data), { name: 'NotSupportedError' });
