// Buffer.isEncoding accepts Node's encoding names case-insensitively.
import assert from 'node:assert';
import { Buffer } from 'node:buffer';

for (const e of ['utf8', 'UTF-8', 'utf-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'latin1',
  'binary', 'BINARY', 'ascii', 'hex', 'HEX', 'base64', 'base64url']) {
  assert.strictEqual(Buffer.isEncoding(e), true, e);
}
for (const e of ['', 'utf16', 'utf-16', 'latin-1', 'nope', null, undefined, 8, {}]) {
  assert.strictEqual(Buffer.isEncoding(e), false, String(e));
}
