// kill() delivers SIGTERM by default: 'exit' reports (null, 'SIGTERM') and killed is true;
// killing an exited child returns false.
import assert from 'node:assert';
import { spawn } from 'node:child_process';

let child;
try {
  child = spawn('sleep', ['10']);
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  process.exit(0);
}
assert.throws(() => child.kill('SIGNOPE'), { code: 'ERR_UNKNOWN_SIGNAL' });
child.on('exit', (code, signal) => {
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGTERM');
  assert.strictEqual(child.killed, true);
  assert.strictEqual(child.signalCode, 'SIGTERM');
  assert.strictEqual(child.kill(), false);
});
assert.strictEqual(child.kill(), true);
