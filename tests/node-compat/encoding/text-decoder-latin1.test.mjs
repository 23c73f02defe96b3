// latin1 / windows-1252 labels decode one byte per character.
import assert from 'node:assert';

const td = new TextDecoder('latin1');
const bytes = new Uint8Array(96);
for (let i = 0; i < 96; i++) bytes[i] = 0xa0 + (i % 96);
let expected = '';
for (let i = 0; i < 96; i++) expected += String.fromCharCode(0xa0 + (i % 96));
assert.strictEqual(td.decode(bytes), expected);
assert.strictEqual(td.decode(new Uint8Array([0x63, 0x61, 0x66, 0xe9])), 'café');
assert.strictEqual(td.decode(new Uint8Array([0xef, 0xbb, 0xbf])), '\u00ef\u00bb\u00bf'); // no BOM
const big = new Uint8Array(70000).fill(0x41);
assert.strictEqual(td.decode(big), 'A'.repeat(70000));
