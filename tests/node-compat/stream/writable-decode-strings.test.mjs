// Strings become Buffers by default; decodeStrings:false keeps them with their encoding.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';
import { Writable } from 'node:stream';

const got = [];
const w = new Writable({
  write(chunk, enc, cb) {
    got.push([Buffer.isBuffer(chunk), enc]);
    cb();
  },
});
w.write('hi');
w.write('aGk=', 'base64');
const raw = [];
const w2 = new Writable({
  decodeStrings: false,
  defaultEncoding: 'latin1',
  write(chunk, enc, cb) {
    raw.push([chunk, enc]);
    cb();
  },
});
w2.write('x');
w2.write('y', 'hex');
w2.setDefaultEncoding('ucs2');
w2.write('z');
assert.deepStrictEqual(got, [[true, 'buffer'], [true, 'buffer']]);
assert.deepStrictEqual(raw, [['x', 'latin1'], ['y', 'hex'], ['z', 'ucs2']]);
assert.throws(() => w2.setDefaultEncoding('bogus'), { code: 'ERR_UNKNOWN_ENCODING' });
assert.throws(() => w.write(5), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => w.write(null), { code: 'ERR_STREAM_NULL_VALUES' });
