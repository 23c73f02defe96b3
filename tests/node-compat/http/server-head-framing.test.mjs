// The exact response heads node:http writes (Connection / Keep-Alive / Content-Length /
// chunked framing) for HTTP/1.1 and HTTP/1.0 requests, with and without keep-alive, through
// writeHead objects (number values, own properties only), setHeader, arrays and implicit
// heads. Date is turned off to compare bytes.
// Under atoll it needs --allow-net=127.0.0.1 (runtime/tests/net_cli.rs runs it so); without the
// grant only the denial is checked.
import assert from 'node:assert';
import http from 'node:http';
import net from 'node:net';

const handlers = [
  (req, res) => { res.writeHead(200, { 'Content-Type': 'text/plain' }); res.end('hi'); },
  (req, res) => { res.end('x'); },
  (req, res) => { res.setHeader('X-A', 'b'); res.setHeader('Content-Length', 3); res.end('abc'); },
  (req, res) => { res.writeHead(201, 'Made', { Connection: 'close' }); res.end(); },
  (req, res) => { res.writeHead(204); res.end(); },
  (req, res) => { res.writeHead(200, [['X-Y', '1'], ['X-Z', '2']]); res.end('z'); },
  (req, res) => { res.writeHead(200, { 'Keep-Alive': 'timeout=9', 'X-N': 5 }); res.end('k'); },
  (req, res) => { res.writeHead(200, { 'Content-Length': '2' }); res.end('ok'); },
  (req, res) => {
    try { res.writeHead(200, { 'Bad Name': 'x' }); } catch (e) { res.end(e.code); }
  },
  // setHeader's store merged with writeHead's object; number values as `${value}`.
  (req, res) => {
    res.setHeader('X-S', 's');
    res.writeHead(200, { 'X-F': 1.5, 'X-G': 2e3, 'Content-Length': 0 });
    res.end();
  },
  // Only the object's own properties are headers.
  (req, res) => {
    const h = Object.create({ 'X-P': 'inherited' });
    h['X-O'] = 'own';
    res.writeHead(200, h);
    res.end();
  },
  // A chunk size of more than one hex digit.
  (req, res) => { res.writeHead(200); res.end('x'.repeat(300)); },
];

// [case, request version and connection] -> the whole response.
const KA = 'Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n';
const expected = {
  '0 1.1': `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n${KA}Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n`,
  '0 1.0': 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nhi',
  '0 1.0 keep-alive': 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nhi',
  '1 1.1': `HTTP/1.1 200 OK\r\n${KA}Content-Length: 1\r\n\r\nx`,
  '1 1.0 keep-alive': 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nx',
  '2 1.1': `HTTP/1.1 200 OK\r\nX-A: b\r\nContent-Length: 3\r\n${KA}\r\nabc`,
  '2 1.0': 'HTTP/1.1 200 OK\r\nX-A: b\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc',
  '2 1.0 keep-alive': `HTTP/1.1 200 OK\r\nX-A: b\r\nContent-Length: 3\r\n${KA}\r\nabc`,
  '3 1.1': 'HTTP/1.1 201 Made\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  '4 1.1': `HTTP/1.1 204 No Content\r\n${KA}\r\n`,
  '5 1.1': `HTTP/1.1 200 OK\r\nX-Y: 1\r\nX-Z: 2\r\n${KA}Transfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n`,
  '6 1.1': 'HTTP/1.1 200 OK\r\nKeep-Alive: timeout=9\r\nX-N: 5\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nk\r\n0\r\n\r\n',
  '7 1.0 keep-alive': `HTTP/1.1 200 OK\r\nContent-Length: 2\r\n${KA}\r\nok`,
  '8 1.1': `HTTP/1.1 200 OK\r\n${KA}Content-Length: 22\r\n\r\nERR_INVALID_HTTP_TOKEN`,
  '9 1.1': `HTTP/1.1 200 OK\r\nX-S: s\r\nX-F: 1.5\r\nX-G: 2000\r\nContent-Length: 0\r\n${KA}\r\n`,
  '10 1.1': `HTTP/1.1 200 OK\r\nX-O: own\r\n${KA}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
  '11 1.1': `HTTP/1.1 200 OK\r\n${KA}Transfer-Encoding: chunked\r\n\r\n12c\r\n${'x'.repeat(300)}\r\n0\r\n\r\n`,
};

const server = http.createServer((req, res) => {
  res.sendDate = false;
  handlers[Number(req.url.slice(1))](req, res);
});

// One request; the response is complete when the server closes or, on a kept connection,
// when the expected number of bytes arrived.
function fetchRaw(port, key) {
  const [n, version, conn] = key.split(' ');
  const want = expected[key].length;
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1', () => {
      c.write(`GET /${n} HTTP/${version}\r\nHost: x\r\n${conn ? `Connection: ${conn}\r\n` : ''}\r\n`);
    });
    let out = '';
    c.setEncoding('latin1');
    c.on('data', (d) => {
      out += d;
      if (out.length >= want) c.destroy();
    });
    c.on('error', () => {});
    c.on('close', () => resolve(out));
  });
}

server.on('error', (err) => {
  assert.ok(process.versions.atoll, err.message);
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  for (const key of Object.keys(expected)) {
    assert.strictEqual(await fetchRaw(port, key), expected[key], key);
  }
  server.close();
});
