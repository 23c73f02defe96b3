// utf16le: odd bytes and a trailing high surrogate wait for the rest of the character.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

const d = new StringDecoder('ucs2');
assert.strictEqual(d.encoding, 'utf16le');
const bytes = Buffer.from('a😀', 'utf16le'); // 61 00 3d d8 00 de
assert.strictEqual(d.write(bytes.subarray(0, 1)), '');
assert.strictEqual(d.lastNeed, 1);
assert.strictEqual(d.write(bytes.subarray(1, 4)), 'a');
assert.strictEqual(d.lastNeed, 2);
assert.strictEqual(d.lastTotal, 4);
assert.strictEqual(d.write(bytes.subarray(4)), '😀');
assert.strictEqual(d.end(), '');

// end() with a dangling high surrogate emits it alone.
const d2 = new StringDecoder('utf16le');
assert.strictEqual(d2.write(Buffer.from([0x3d, 0xd8])), '');
assert.strictEqual(d2.end(), '\ud83d');
