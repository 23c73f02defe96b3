// node:fs before anything else has loaded node:buffer (atoll loads it on first need): reads
// still give Buffers, Uint8Array and file: URL paths work, callbacks come on a later tick.
'use strict';
const fs = require('fs');
const { join } = require('path');
const dir = join(process.env.TEST_TMPDIR || require('os').tmpdir(), `fs-lazy-buffer-${process.pid}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const file = join(dir, 'a.txt');
fs.writeFileSync(file, 'h\u00e9llo');
const bytes = fs.readFileSync(file);
const viaBytes = fs.readFileSync(new TextEncoder().encode(file), 'latin1');
const viaUrl = fs.readFileSync(new URL(`file://${file}`), 'utf8');
const names = fs.readdirSync(dir, { encoding: 'buffer' });

const assert = require('assert');
assert.ok(Buffer.isBuffer(bytes));
assert.ok(bytes instanceof Buffer);
assert.strictEqual(bytes.toString(), 'h\u00e9llo');
assert.strictEqual(viaBytes, 'h\u00c3\u00a9llo');
assert.strictEqual(viaUrl, 'h\u00e9llo');
assert.ok(Buffer.isBuffer(names[0]));
assert.strictEqual(names[0].toString(), 'a.txt');
assert.strictEqual(require('fs').promises, require('fs/promises'));

const order = [];
fs.readFile(file, (err, data) => {
  order.push('readFile');
  assert.ifError(err);
  assert.ok(Buffer.isBuffer(data));
  fs.exists(file, (yes) => {
    order.push(`exists ${yes}`);
    fs.stat(join(dir, 'missing'), (e) => {
      order.push(e.code);
      assert.deepStrictEqual(order, ['sync', 'readFile', 'exists true', 'ENOENT']);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
order.push('sync');
process.on('exit', () => assert.strictEqual(order.length, 4));
