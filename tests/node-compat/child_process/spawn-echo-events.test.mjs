// spawn with pipes: stdout data, then 'spawn' / 'exit' / 'close' in Node's order. Under atoll
// without --allow-run the spawn is refused with ERR_ACCESS_DENIED instead.
import assert from 'node:assert';
import { spawn } from 'node:child_process';

let child;
try {
  child = spawn('echo', ['hello', 'world']);
} catch (err) {
  assert.ok(process.versions.atoll, `unexpected throw under node: ${err}`);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  assert.strictEqual(err.permission, 'ChildProcess');
  assert.strictEqual(err.resource, 'echo');
  assert.match(err.message, /--allow-run/);
  process.exit(0);
}
assert.strictEqual(typeof child.pid, 'number');
const events = [];
let out = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => { out += d; });
child.on('spawn', () => events.push('spawn'));
child.on('exit', (code, signal) => events.push(`exit:${code}:${signal}`));
child.on('close', (code, signal) => {
  events.push(`close:${code}:${signal}`);
  assert.strictEqual(out, 'hello world\n');
  assert.deepStrictEqual(events, ['spawn', 'exit:0:null', 'close:0:null']);
  assert.strictEqual(child.exitCode, 0);
});
