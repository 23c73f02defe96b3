// end() flushes an incomplete UTF-8 sequence as U+FFFD; an invalid continuation is replaced.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

const d = new StringDecoder('utf8');
assert.strictEqual(d.write(Buffer.from([0xE2, 0x82])), '');
assert.strictEqual(d.end(), '\ufffd');
// After end() the decoder is reset.
assert.strictEqual(d.write(Buffer.from('ok')), 'ok');

const d2 = new StringDecoder('utf8');
assert.strictEqual(d2.write(Buffer.from([0xE2])), '');
assert.strictEqual(d2.write(Buffer.from([0x41])), '\ufffdA');
assert.strictEqual(d2.end(Buffer.from([0xF0, 0x9F])), '\ufffd');
