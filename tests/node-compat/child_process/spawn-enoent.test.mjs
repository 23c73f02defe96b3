// A missing program: 'error' with Node's spawn error shape, then 'close' (-2, null); no 'exit'.
// (Under atoll without --allow-run the program is refused before it is looked up.)
import assert from 'node:assert';
import { spawn } from 'node:child_process';

let child;
try {
  child = spawn('atoll-no-such-program', ['x', 'y']);
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  assert.strictEqual(err.resource, 'atoll-no-such-program');
  process.exit(0);
}
assert.strictEqual(child.pid, undefined);
const events = [];
child.on('exit', () => events.push('exit'));
child.on('error', (err) => {
  events.push('error');
  assert.strictEqual(err.message, 'spawn atoll-no-such-program ENOENT');
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.errno, -2);
  assert.strictEqual(err.syscall, 'spawn atoll-no-such-program');
  assert.strictEqual(err.path, 'atoll-no-such-program');
  assert.deepStrictEqual(err.spawnargs, ['x', 'y']);
});
child.on('close', (code, signal) => {
  assert.deepStrictEqual(events, ['error']);
  assert.strictEqual(code, -2);
  assert.strictEqual(signal, null);
});
