// process.stdout/stderr are stream.Writables over fds 1 and 2, process.stdin a stream.Readable.
import assert from 'node:assert';
import { Writable, Readable } from 'node:stream';
import process, { stdout as namedStdout, stdin as namedStdin } from 'node:process';

assert.strictEqual(namedStdout, process.stdout);
assert.strictEqual(namedStdin, process.stdin);
for (const [stream, fd] of [[process.stdout, 1], [process.stderr, 2]]) {
  assert.ok(stream instanceof Writable);
  assert.strictEqual(stream.fd, fd);
  assert.strictEqual(stream._isStdio, true);
  assert.strictEqual(stream.writable, true);
  assert.strictEqual(typeof stream.isTTY === 'boolean' || stream.isTTY === undefined, true);
  assert.strictEqual(typeof stream.cork, 'function');
}
assert.ok(process.stdin instanceof Readable);
assert.strictEqual(process.stdin.fd, 0);
assert.strictEqual(typeof process.stdin.setEncoding, 'function');
assert.strictEqual(typeof process.stdin[Symbol.asyncIterator], 'function');

// Synchronous fd writes: write() returns true and the callback runs afterwards.
let called = false;
assert.strictEqual(process.stdout.write('line one\n', () => { called = true; }), true);
assert.strictEqual(called, false);
await new Promise((r) => setImmediate(r));
assert.strictEqual(called, true);
assert.strictEqual(process.stdout.write(new Uint8Array([0x6f, 0x6b, 0x0a])), true);
assert.strictEqual(process.stdout.write('68690a', 'hex'), true);

// cork/uncork batch writes, in order.
process.stdout.cork();
process.stdout.write('corked a\n');
process.stdout.write('corked b\n');
assert.ok(process.stdout.writableLength > 0);
process.stdout.uncork();
await new Promise((r) => setImmediate(r));
assert.strictEqual(process.stdout.writableLength, 0);

assert.throws(() => process.stdout.write(42), { code: 'ERR_INVALID_ARG_TYPE' });

// end() finishes the stream (fd 1 itself stays open).
const finished = new Promise((r) => process.stdout.on('finish', r));
process.stdout.end('last line\n');
await finished;
