// Bad encodings and non-buffer input throw Node errors; strings and typed arrays are accepted.
import assert from 'node:assert';
import { StringDecoder } from 'node:string_decoder';

assert.throws(() => new StringDecoder('nope'), { code: 'ERR_UNKNOWN_ENCODING', name: 'TypeError', message: 'Unknown encoding: nope' });
const d = new StringDecoder();
assert.strictEqual(d.encoding, 'utf8');
assert.throws(() => d.write(42), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.strictEqual(d.write('already a string'), 'already a string');
assert.strictEqual(d.write(new Uint8Array([0x68, 0x69])), 'hi');
assert.strictEqual(d.write(new DataView(new Uint8Array([0x21]).buffer)), '!');
assert.deepStrictEqual(Object.keys(d), ['encoding']);
