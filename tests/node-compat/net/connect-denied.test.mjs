// connect(): denied without --allow-net under atoll (an 'error' event, never a throw); under
// node, a closed port is refused with Node's message shape.
import assert from 'node:assert';
import net from 'node:net';

const c = net.connect(1, '127.0.0.1');
let errored = false;
c.on('error', (err) => {
  errored = true;
  if (process.versions.atoll) {
    assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
    assert.strictEqual(err.resource, '127.0.0.1:1');
  } else {
    assert.strictEqual(err.code, 'ECONNREFUSED');
    assert.strictEqual(err.message, 'connect ECONNREFUSED 127.0.0.1:1');
    assert.strictEqual(err.syscall, 'connect');
  }
});
process.on('exit', () => assert.ok(errored));
