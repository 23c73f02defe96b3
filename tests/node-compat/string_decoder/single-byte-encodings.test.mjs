// hex, latin1 and ascii decode each chunk independently (no carried state).
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

const hex = new StringDecoder('hex');
assert.strictEqual(hex.write(Buffer.from([0xde, 0xad])), 'dead');
assert.strictEqual(hex.end(Buffer.from([0x01])), '01');

const latin1 = new StringDecoder('binary');
assert.strictEqual(latin1.encoding, 'latin1');
assert.strictEqual(latin1.write(Buffer.from([0xe9, 0x41])), 'éA');

const ascii = new StringDecoder('ascii');
assert.strictEqual(ascii.write(Buffer.from('abc')), 'abc');
assert.strictEqual(ascii.end(), '');
