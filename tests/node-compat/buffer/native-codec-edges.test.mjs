// Edge cases of the string codecs: lone surrogates in every position and through every
// entry point (from, write, byteLength, TextEncoder), writes that stop before a character
// that does not fit, Node's lenient base64 and hex, latin1 of non-Latin-1 text, and UTF-8
// decoding of truncated and invalid sequences (one U+FFFD per maximal subpart).
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

const hex = (b) => Buffer.from(b).toString('hex');

// ---- lone surrogates -> EF BF BD, in long strings too (not only the short pool path)
const big = 'a'.repeat(5000) + '\ud800' + 'b'.repeat(5000) + '\udfff';
const bigBuf = Buffer.from(big);
assert.strictEqual(bigBuf.length, 10006);
assert.strictEqual(hex(bigBuf.subarray(5000, 5003)), 'efbfbd');
assert.strictEqual(hex(bigBuf.subarray(10003)), 'efbfbd');
assert.strictEqual(Buffer.byteLength(big), 10006);
assert.strictEqual(hex(new TextEncoder().encode('\udbff\udbff\udc00')), 'efbfbdf48fb080');
assert.strictEqual(hex(Buffer.from('\ud800\ud800')), 'efbfbdefbfbd');
assert.strictEqual(hex(Buffer.from('\udc00\ud800')), 'efbfbdefbfbd');
assert.strictEqual(Buffer.from('\ud83d').toString(), '\ufffd');

// ---- write() never writes part of a character
const w = Buffer.alloc(5, 0x2e);
assert.strictEqual(w.write('ab€'), 5);
assert.strictEqual(hex(w), '6162e282ac');
w.fill(0x2e);
assert.strictEqual(w.write('abc€'), 3); // € (3 bytes) does not fit in the 2 left
assert.strictEqual(hex(w), '6162632e2e');
w.fill(0x2e);
assert.strictEqual(w.write('a😀', 1), 1); // the pair needs 4 bytes, 4 are left: it fits
w.fill(0x2e);
assert.strictEqual(w.write('a😀', 2), 1); // 3 left: only 'a'
assert.strictEqual(hex(w), '2e2e612e2e');
w.fill(0x2e);
assert.strictEqual(w.write('x\ud800', 1, 3), 1); // 'x', then U+FFFD (3 bytes) > the 2 left
assert.strictEqual(hex(w), '2e782e2e2e');
assert.strictEqual(w.write('\ud800', 0), 3);
assert.strictEqual(hex(w.subarray(0, 3)), 'efbfbd');
assert.strictEqual(w.write('hi', 1, 1), 1);
assert.strictEqual(w.write('héllo', 0, 'latin1'), 5);
assert.strictEqual(hex(w), '68e96c6c6f');

// ---- latin1 / ascii take each UTF-16 code unit's low byte
assert.strictEqual(hex(Buffer.from('é€😀', 'latin1')), 'e9ac3d00');
assert.strictEqual(hex(Buffer.from('é€', 'ascii')), 'e9ac');
assert.strictEqual(hex(Buffer.from('\ud800x', 'latin1')), '0078');
assert.strictEqual(Buffer.from([0x61, 0xe9, 0xff, 0x80]).toString('latin1'), 'a\xe9\xff\x80');
assert.strictEqual(Buffer.from([0x61, 0xe9, 0xff]).toString('ascii'), 'ai\x7f');

// ---- base64: whitespace and invalid characters skipped, both alphabets, '=' ends, no padding
assert.strictEqual(hex(Buffer.from(' aG V_s-bw\n', 'base64')), '68657fb3e6f0');
assert.strictEqual(hex(Buffer.from('aGk=aGk=', 'base64')), '6869');
assert.strictEqual(hex(Buffer.from('aGk', 'base64')), '6869');
assert.strictEqual(hex(Buffer.from('aGk', 'base64url')), '6869');
assert.strictEqual(hex(Buffer.from('a', 'base64')), '');
assert.strictEqual(hex(Buffer.from('a!G@k#', 'base64')), '6869');
// é (0xE9) and € (0x20AC: low byte 0xAC) are outside the alphabet by their low byte: skipped
assert.strictEqual(hex(Buffer.from('aé€Gk', 'base64')), '6869');
assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64'), '+/8=');
assert.strictEqual(Buffer.from([0xfb, 0xff]).toString('base64url'), '-_8');
const b64buf = Buffer.alloc(4);
assert.strictEqual(b64buf.write('AQIDBAUG', 'base64'), 4); // stops at the buffer's end
assert.strictEqual(hex(b64buf), '01020304');

// ---- hex: stops at the first pair that is not two hex digits; an odd last digit is dropped
assert.strictEqual(hex(Buffer.from('0aFfzz11', 'hex')), '0aff');
assert.strictEqual(hex(Buffer.from('abc', 'hex')), 'ab');
assert.strictEqual(hex(Buffer.from('g0', 'hex')), '');
assert.strictEqual(hex(Buffer.from('00é0', 'hex')), '00');
const hb = Buffer.alloc(3);
assert.strictEqual(hb.write('aabbccdd', 'hex'), 3);
assert.strictEqual(hb.write('11x2', 1, 'hex'), 1);
assert.strictEqual(hex(hb), 'aa11cc');

// ---- UTF-8 decoding: truncated and invalid sequences
const dec = (arr) => Buffer.from(arr).toString();
assert.strictEqual(dec([0xe2, 0x82]), '\ufffd'); // truncated 3-byte: one U+FFFD
assert.strictEqual(dec([0xf0, 0x9f, 0x98]), '\ufffd');
assert.strictEqual(dec([0xf0, 0x9f, 0x41]), '\ufffdA');
assert.strictEqual(dec([0xed, 0xa0, 0x80]), '\ufffd\ufffd\ufffd'); // encoded surrogate
assert.strictEqual(dec([0xc0, 0xaf]), '\ufffd\ufffd'); // overlong
assert.strictEqual(dec([0xf4, 0x90, 0x80, 0x80]), '\ufffd\ufffd\ufffd\ufffd'); // > U+10FFFF
assert.strictEqual(dec([0x80, 0x61]), '\ufffda');
assert.strictEqual(dec([0x61, 0xe2, 0x82, 0xac, 0xe2]), 'a€\ufffd');
const euro = Buffer.from('€€');
// from the middle of the first € to the middle of the second: two continuation bytes, then
// a truncated sequence
assert.strictEqual(euro.toString('utf8', 1, 5), '\ufffd\ufffd\ufffd');
assert.strictEqual(new TextDecoder().decode(Uint8Array.of(0xe2, 0x82)), '\ufffd');
assert.strictEqual(new TextDecoder().decode(new Uint16Array([0x6968])), 'hi');
assert.strictEqual(new TextDecoder().decode(new DataView(Uint8Array.of(0x68, 0x69).buffer)), 'hi');

// ---- subarray / slice are views with Node's offset rules
const base = Buffer.from('0123456789');
assert.strictEqual(base.subarray(2, 5).toString(), '234');
assert.strictEqual(base.slice(-3).toString(), '789');
assert.strictEqual(base.subarray(5, 2).length, 0);
assert.strictEqual(base.subarray(1.7, 3.2).toString(), '12');
assert.strictEqual(base.subarray('2', '4').toString(), '23');
assert.strictEqual(base.subarray(NaN, 20).toString(), '0123456789');
assert.ok(base.subarray(1) instanceof Buffer);
assert.strictEqual(Buffer.prototype.slice.name, 'slice');
assert.notStrictEqual(Buffer.prototype.slice, Buffer.prototype.subarray);
const view = base.slice(1, 3);
view[0] = 0x41;
assert.strictEqual(base.toString(), '0A23456789');
