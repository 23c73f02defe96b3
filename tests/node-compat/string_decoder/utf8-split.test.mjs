// A multi-byte UTF-8 character split across writes is held back until complete.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

const d = new StringDecoder('utf8');
const euro = Buffer.from('€'); // e2 82 ac
assert.strictEqual(d.write(euro.subarray(0, 1)), '');
assert.strictEqual(d.lastNeed, 2);
assert.strictEqual(d.lastTotal, 3);
assert.strictEqual(d.write(euro.subarray(1, 2)), '');
assert.strictEqual(d.write(Buffer.concat([euro.subarray(2), Buffer.from('x')])), '€x');

const emoji = Buffer.from('a😀b');
let out = '';
for (const byte of emoji) out += d.write(Buffer.from([byte]));
out += d.end();
assert.strictEqual(out, 'a😀b');
