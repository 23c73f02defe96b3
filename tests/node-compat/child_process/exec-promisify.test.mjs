// util.promisify(exec) resolves { stdout, stderr } (and exposes .child).
import assert from 'node:assert';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(exec);
let p;
try {
  p = run('echo a; echo b >&2');
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  process.exit(0);
}
assert.ok(p.child);
assert.deepStrictEqual(await p, { stdout: 'a\n', stderr: 'b\n' });
await assert.rejects(run('echo partial; exit 4'), (err) => err.code === 4 && err.stdout === 'partial\n');
