// What a node:http request handler sees of req and res (atoll builds both from templates and
// splits rawHeaders lazily): header order, case, duplicates and empty values; listener `this`;
// defaults before and after writeHead; HTTP/1.0 and HEAD; pipelined requests answered in
// order; 'finish' before 'close'. Under atoll it needs --allow-net=127.0.0.1
// (runtime/tests/net_cli.rs runs it so); without the grant only the denial is checked.
import assert from 'node:assert';
import http from 'node:http';
import net from 'node:net';

const seen = [];
const server = http.createServer(function (req, res) {
  assert.strictEqual(this, server);
  assert.ok(req instanceof http.IncomingMessage);
  assert.ok(res instanceof http.ServerResponse);
  assert.strictEqual(res.req, req);
  assert.strictEqual(res.statusCode, 200);
  assert.strictEqual(res.headersSent, false);
  assert.strictEqual(res.writableEnded, false);
  const n = Number(req.url.slice(1));
  seen.push([n, req.method, req.httpVersion, req.httpVersionMinor]);
  if (n === 0) {
    assert.deepStrictEqual(req.rawHeaders, ['Host', 'x', 'X-Dup', 'a', 'x-dup', 'b', 'X-Empty', '', 'Cookie', 'c=1', 'cookie', 'd=2']);
    assert.ok(Object.hasOwn(req, 'rawHeaders'));
    assert.deepStrictEqual({ ...req.headers }, { host: 'x', 'x-dup': 'a, b', 'x-empty': '', cookie: 'c=1; d=2' });
    req.rawHeaders = ['A', 'b'];
    assert.deepStrictEqual(req.rawHeaders, ['A', 'b']);
    const order = [];
    res.on('finish', () => { order.push('finish'); assert.strictEqual(res.writableFinished, true); });
    res.on('close', () => {
      order.push('close');
      assert.deepStrictEqual(order, ['finish', 'close']);
    });
  }
  if (n === 1) assert.deepStrictEqual(req.rawHeaders, []);
  res.sendDate = false;
  res.writeHead(201, { 'X-N': String(n) });
  assert.strictEqual(res.headersSent, true);
  assert.strictEqual(res.statusMessage, 'Created');
  assert.strictEqual(res.getHeader('x-n'), undefined); // writeHead's object is not the store
  res.end(`body${n}`);
  assert.strictEqual(res.writableEnded, true);
});

function exchange(port, text, want) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => c.write(text));
    let out = '';
    c.setEncoding('latin1');
    c.on('data', (d) => {
      out += d;
      if (out.length >= want.length) c.destroy();
    });
    c.on('error', () => {});
    c.on('close', () => resolve(out));
  });
}

const ka = 'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n';
const chunked = (n) => `HTTP/1.1 201 Created\r\nX-N: ${n}\r\n${ka}Transfer-Encoding: chunked\r\n\r\n5\r\nbody${n}\r\n0\r\n\r\n`;

server.on('error', (err) => {
  assert.ok(process.versions.atoll, err.message);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const first = 'GET /0 HTTP/1.1\r\nHost: x\r\nX-Dup: a\r\nx-dup: b\r\nX-Empty:\r\nCookie: c=1\r\ncookie: d=2\r\n\r\n';
  // Three pipelined requests in one write: answered in order on the one connection.
  const want = chunked(0) + chunked(2) + chunked(3);
  const got = await exchange(port, `${first}GET /2 HTTP/1.1\r\nHost: x\r\n\r\nGET /3 HTTP/1.1\r\nHost: x\r\n\r\n`, want);
  assert.strictEqual(got, want);
  // HTTP/1.0 without headers: no keep-alive, body until close.
  const v10 = await exchange(port, 'GET /1 HTTP/1.0\r\n\r\n', 'HTTP/1.1 201 Created\r\nX-N: 1\r\nConnection: close\r\n\r\nbody1');
  assert.strictEqual(v10, 'HTTP/1.1 201 Created\r\nX-N: 1\r\nConnection: close\r\n\r\nbody1');
  // HEAD: the head only (no framing header either).
  const headWant = `HTTP/1.1 201 Created\r\nX-N: 4\r\n${ka}\r\n`;
  assert.strictEqual(await exchange(port, 'HEAD /4 HTTP/1.1\r\nHost: x\r\n\r\n', headWant), headWant);
  assert.deepStrictEqual(seen, [
    [0, 'GET', '1.1', 1], [2, 'GET', '1.1', 1], [3, 'GET', '1.1', 1],
    [1, 'GET', '1.0', 0], [4, 'HEAD', '1.1', 1],
  ]);
  server.close();
});
