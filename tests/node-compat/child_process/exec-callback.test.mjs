// exec runs through /bin/sh: a failing command calls back with an Error carrying code, killed,
// signal and cmd, plus stdout and stderr. Denied (resource /bin/sh) without --allow-run.
import assert from 'node:assert';
import { exec } from 'node:child_process';

try {
  exec('echo out; echo err >&2; exit 3', (err, stdout, stderr) => {
    assert.ok(err instanceof Error);
    assert.strictEqual(err.code, 3);
    assert.strictEqual(err.killed, false);
    assert.strictEqual(err.signal, null);
    assert.strictEqual(err.cmd, 'echo out; echo err >&2; exit 3');
    assert.strictEqual(err.message, 'Command failed: echo out; echo err >&2; exit 3\nerr\n');
    assert.strictEqual(stdout, 'out\n');
    assert.strictEqual(stderr, 'err\n');
  });
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  assert.strictEqual(err.resource, '/bin/sh');
}
