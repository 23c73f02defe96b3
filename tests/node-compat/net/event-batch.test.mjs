// Several sockets ready in the same loop turn: each 'data' callback is followed by the
// nextTick queue and the microtasks before the next socket's callback (Node runs them after
// every I/O callback), and an exception in one callback does not lose the others' data.
import assert from 'node:assert';
import net from 'node:net';

const N = 4;
const log = [];
let got = 0;
let thrown = 0;
// The node-compat harness grants atoll no network: there the listen is denied and that is
// all this file checks (runtime/tests/net_cli.rs runs it with --allow-net).
let denied = false;

process.on('uncaughtException', (err) => {
  assert.strictEqual(err.message, 'boom');
  thrown++;
});

const server = net.createServer((sock) => {
  sock.once('data', (d) => {
    const name = d.toString();
    log.push(`data ${name}`);
    process.nextTick(() => log.push(`tick ${name}`));
    Promise.resolve().then(() => log.push(`micro ${name}`));
    got++;
    sock.end();
    if (name === 'c1') throw new Error('boom');
    if (got === N) server.close();
  });
});

server.on('error', (err) => {
  if (!process.versions.atoll) throw err;
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  denied = true;
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const clients = [];
  let connected = 0;
  for (let i = 0; i < N; i++) {
    const c = net.connect(port, '127.0.0.1', () => {
      connected++;
      // All at once: the server's reads are ready in the same loop turn.
      if (connected === N) for (let j = 0; j < N; j++) clients[j].write(`c${j}`);
    });
    c.on('data', () => {});
    c.on('error', () => {});
    clients.push(c);
  }
});

process.on('exit', () => {
  if (denied) return;
  assert.strictEqual(got, N);
  assert.strictEqual(thrown, 1);
  // Each data callback's tick and microtask come right after it, before the next callback.
  for (let i = 0; i < log.length; i += 3) {
    const name = log[i].slice(5);
    assert.deepStrictEqual(log.slice(i, i + 3), [`data ${name}`, `tick ${name}`, `micro ${name}`]);
  }
  assert.strictEqual(log.length, 3 * N);
});
