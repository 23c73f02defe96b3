// node:http server timeouts against raw sockets on 127.0.0.1 (short values, a fast
// connectionsCheckingInterval): headersTimeout and requestTimeout answer 408 (or 'clientError'),
// keepAliveTimeout closes an idle connection, server.setTimeout / server.timeout / res.setTimeout
// fire 'timeout'. Under atoll it needs --allow-net=127.0.0.1 (runtime/tests/net_cli.rs runs it so);
// without the grant only the denial is checked.
import assert from 'node:assert';
import http from 'node:http';
import net from 'node:net';

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

// Connect, write `data`, collect what comes back until the server closes; resolves with the
// text and how long the connection lived.
function exchange(port, data, { endAfter } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const c = net.connect(port, '127.0.0.1', () => { if (data) c.write(data); });
    let out = '';
    c.setEncoding('latin1');
    c.on('data', (d) => { out += d; });
    c.on('error', () => {});
    c.on('close', () => resolve({ out, ms: Date.now() - t0 }));
    if (endAfter) setTimeout(() => c.destroy(), endAfter);
  });
}

const opts = { headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 };

async function main() {
  // Node's defaults.
  const plain = http.createServer();
  assert.strictEqual(plain.headersTimeout, 60000);
  assert.strictEqual(plain.requestTimeout, 300000);
  assert.strictEqual(plain.keepAliveTimeout, 5000);
  assert.strictEqual(plain.timeout, 0);

  const requests = [];
  const server = http.createServer(opts, (req, res) => {
    requests.push(req.url);
    if (req.url === '/slow-body') {
      req.resume(); // never answered: requestTimeout ends it
      return;
    }
    if (req.url === '/res-timeout') {
      res.setTimeout(150, () => res.end('late'));
      return;
    }
    res.end(`ok ${req.url}`);
  });
  let port;
  try {
    port = await listen(server);
  } catch (err) {
    if (!process.versions.atoll) throw err;
    assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
    return;
  }
  assert.strictEqual(server.headersTimeout, 300);
  assert.strictEqual(server.requestTimeout, 600);

  // Slowloris: a head that never completes gets 408 and the connection is closed.
  let r = await exchange(port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n');
  assert.match(r.out, /^HTTP\/1\.1 408 Request Timeout\r\nConnection: close\r\n\r\n$/);
  assert.ok(r.ms >= 250 && r.ms < 5000, `headersTimeout after ${r.ms} ms`);

  // A connection that sends nothing at all is timed out the same way.
  r = await exchange(port, '');
  assert.match(r.out, /^HTTP\/1\.1 408 /);

  // requestTimeout: the head arrived but the body never completes.
  r = await exchange(port, 'POST /slow-body HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab');
  assert.match(r.out, /^HTTP\/1\.1 408 Request Timeout/);
  assert.ok(r.ms >= 550 && r.ms < 5000, `requestTimeout after ${r.ms} ms`);
  assert.ok(requests.includes('/slow-body'));

  // The server still serves.
  r = await exchange(port, 'GET /fine HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(r.out, /^HTTP\/1\.1 200 OK[^]*ok \/fine$/);

  // res.setTimeout: the response's listener handles the idle socket, which stays open.
  r = await exchange(port, 'GET /res-timeout HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(r.out, /^HTTP\/1\.1 200 OK[^]*late$/);

  // keepAliveTimeout: an idle keep-alive connection is closed by the server.
  server.keepAliveTimeout = 200;
  r = await exchange(port, 'GET /ka HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.match(r.out, /Keep-Alive: timeout=0\r\n[^]*ok \/ka$/);
  assert.ok(r.ms >= 150 && r.ms < 5000, `keepAliveTimeout after ${r.ms} ms`);

  // With a 'clientError' listener the timeout is the listener's to handle.
  const clientErrors = [];
  server.on('clientError', (err, socket) => {
    clientErrors.push(err.code);
    socket.end('HTTP/1.1 408 Custom\r\nConnection: close\r\n\r\n');
  });
  r = await exchange(port, 'GET / HTTP/1.1\r\n');
  assert.deepStrictEqual(clientErrors, ['ERR_HTTP_REQUEST_TIMEOUT']);
  assert.match(r.out, /^HTTP\/1\.1 408 Custom/);
  await new Promise((resolve) => server.close(resolve));

  // server.setTimeout(ms, cb): 'timeout' with the idle socket; the listener decides.
  const idle = http.createServer((req, res) => res.end('x'));
  const timedOut = [];
  assert.strictEqual(idle.setTimeout(200, (socket) => {
    timedOut.push(socket instanceof net.Socket);
    socket.destroy();
  }), idle);
  assert.strictEqual(idle.timeout, 200);
  const idlePort = await listen(idle);
  r = await exchange(idlePort, '');
  assert.deepStrictEqual(timedOut, [true]);
  assert.strictEqual(r.out, '');
  assert.ok(r.ms >= 150 && r.ms < 5000, `server.setTimeout after ${r.ms} ms`);
  await new Promise((resolve) => idle.close(resolve));

  // server.timeout without any 'timeout' listener: the socket is destroyed.
  const bare = http.createServer((req, res) => res.end('x'));
  bare.timeout = 200;
  const barePort = await listen(bare);
  r = await exchange(barePort, '');
  assert.strictEqual(r.out, '');
  assert.ok(r.ms >= 150 && r.ms < 5000, `server.timeout after ${r.ms} ms`);
  await new Promise((resolve) => bare.close(resolve));
}

await main();
