// child.stdin is a Writable: what is written comes back through `cat` on child.stdout.
import assert from 'node:assert';
import { spawn } from 'node:child_process';
import { Writable, Readable } from 'node:stream';

let child;
try {
  child = spawn('cat');
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  process.exit(0);
}
assert.ok(child.stdin instanceof Writable);
assert.ok(child.stdout instanceof Readable);
const chunks = [];
child.stdout.on('data', (c) => chunks.push(c));
child.stdin.write('one ');
child.stdin.end(Buffer.from('two'));
child.on('close', (code) => {
  assert.strictEqual(code, 0);
  assert.strictEqual(Buffer.concat(chunks).toString(), 'one two');
});
