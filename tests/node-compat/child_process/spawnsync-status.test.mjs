// spawnSync: status, signal, output/stdout/stderr (strings with `encoding`), input on stdin.
import assert from 'node:assert';
import { spawnSync } from 'node:child_process';

let r;
try {
  r = spawnSync('sh', ['-c', 'cat; echo err >&2; exit 2'], { input: 'in', encoding: 'utf8' });
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  assert.strictEqual(err.resource, 'sh');
  process.exit(0);
}
assert.strictEqual(r.status, 2);
assert.strictEqual(r.signal, null);
assert.strictEqual(r.stdout, 'in');
assert.strictEqual(r.stderr, 'err\n');
assert.deepStrictEqual(r.output, [null, 'in', 'err\n']);
assert.strictEqual(typeof r.pid, 'number');
assert.strictEqual(r.error, undefined);
