// A leading BOM is stripped unless ignoreBOM is set; only at the start of a stream.
import assert from 'node:assert';

const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
assert.strictEqual(new TextDecoder().decode(bytes), 'A');
assert.strictEqual(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), '\ufeffA');
assert.strictEqual(new TextDecoder('utf-8', { ignoreBOM: true }).ignoreBOM, true);

const td = new TextDecoder();
assert.strictEqual(td.decode(new Uint8Array([0xef, 0xbb]), { stream: true }), '');
assert.strictEqual(td.decode(new Uint8Array([0xbf, 0x42]), { stream: true }), 'B');
assert.strictEqual(td.decode(new Uint8Array([0xef, 0xbb, 0xbf])), '\ufeff'); // not at start
assert.strictEqual(td.decode(bytes), 'A'); // a new stream strips again

assert.strictEqual(new TextDecoder('utf-16le').decode(new Uint8Array([0xff, 0xfe, 0x41, 0])), 'A');
assert.strictEqual(
  new TextDecoder('utf-16le', { ignoreBOM: true }).decode(new Uint8Array([0xff, 0xfe, 0x41, 0])),
  '\ufeffA');
