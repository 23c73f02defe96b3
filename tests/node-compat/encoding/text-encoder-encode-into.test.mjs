// TextEncoder.encodeInto reports read code units / written bytes, never splits a character.
import assert from 'node:assert';

const te = new TextEncoder();
const dst = new Uint8Array(5);
assert.deepStrictEqual(te.encodeInto('a€😀', dst), { read: 2, written: 4 });
assert.deepStrictEqual([...dst], [0x61, 0xe2, 0x82, 0xac, 0]);
assert.deepStrictEqual(te.encodeInto('😀', new Uint8Array(4)), { read: 2, written: 4 });
assert.deepStrictEqual(te.encodeInto('😀', new Uint8Array(3)), { read: 0, written: 0 });
assert.deepStrictEqual(te.encodeInto('abc', new Uint8Array(0)), { read: 0, written: 0 });
assert.deepStrictEqual(te.encodeInto('\ud800x', new Uint8Array(5)), { read: 2, written: 4 });
const view = new Uint8Array(new ArrayBuffer(8), 4, 2);
assert.deepStrictEqual(te.encodeInto('hey', view), { read: 2, written: 2 });
assert.deepStrictEqual([...new Uint8Array(view.buffer)], [0, 0, 0, 0, 0x68, 0x65, 0, 0]);
assert.throws(() => te.encodeInto('a', []), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => te.encodeInto('a', new Uint16Array(2)), { code: 'ERR_INVALID_ARG_TYPE' });
