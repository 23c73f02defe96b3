// execSync throws on a non-zero exit: 'Command failed: <cmd>' with status, signal, output, pid,
// stdout and stderr; on success it returns stdout.
import assert from 'node:assert';
import { execSync } from 'node:child_process';

try {
  assert.strictEqual(execSync('echo ok', { encoding: 'utf8' }), 'ok\n');
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  process.exit(0);
}
assert.throws(() => execSync('echo bad >&2; exit 5', { stdio: 'pipe' }), (err) => {
  assert.strictEqual(err.message, 'Command failed: echo bad >&2; exit 5\nbad\n');
  assert.strictEqual(err.status, 5);
  assert.strictEqual(err.signal, null);
  assert.deepStrictEqual(Object.keys(err), ['status', 'signal', 'output', 'pid', 'stdout', 'stderr']);
  assert.strictEqual(err.stderr.toString(), 'bad\n');
  return true;
});
