// An AbortSignal kills the child (killSignal, default SIGTERM) and emits an AbortError.
import assert from 'node:assert';
import { spawn } from 'node:child_process';

const ac = new AbortController();
let child;
try {
  child = spawn('sleep', ['10'], { signal: ac.signal });
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  process.exit(0);
}
let sawError = false;
child.on('error', (err) => {
  sawError = true;
  assert.strictEqual(err.name, 'AbortError');
  assert.strictEqual(err.code, 'ABORT_ERR');
});
child.on('exit', (code, signal) => {
  assert.ok(sawError);
  assert.strictEqual(signal, 'SIGTERM');
});
ac.abort();
