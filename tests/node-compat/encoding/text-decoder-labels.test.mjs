// Encoding labels resolve per WHATWG; unknown labels throw RangeError ERR_ENCODING_NOT_SUPPORTED.
import assert from 'node:assert';

const cases = {
  'utf-8': 'utf-8', utf8: 'utf-8', ' UTF-8 ': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
  'utf-16le': 'utf-16le', 'utf-16': 'utf-16le', 'UCS-2': 'utf-16le', unicode: 'utf-16le',
  latin1: 'windows-1252', 'iso-8859-1': 'windows-1252', ascii: 'windows-1252',
  'us-ascii': 'windows-1252', 'windows-1252': 'windows-1252',
};
for (const [label, name] of Object.entries(cases)) {
  assert.strictEqual(new TextDecoder(label).encoding, name, label);
}
assert.strictEqual(new TextDecoder().encoding, 'utf-8');
assert.strictEqual(new TextDecoder(undefined).encoding, 'utf-8');
for (const bad of ['nope', 'utf-7', '', 'utf 8']) {
  assert.throws(() => new TextDecoder(bad), {
    name: 'RangeError',
    code: 'ERR_ENCODING_NOT_SUPPORTED',
  }, bad);
}
assert.throws(() => new TextDecoder('utf-8', 5), { code: 'ERR_INVALID_ARG_TYPE' });
assert.strictEqual(Object.prototype.toString.call(new TextDecoder()), '[object TextDecoder]');
