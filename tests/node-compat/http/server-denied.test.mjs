// An http server/client pair on 127.0.0.1 under node; under atoll (no --allow-net) listen is
// denied with ERR_ACCESS_DENIED on the server's 'error' event.
import assert from 'node:assert';
import http from 'node:http';

const server = http.createServer((req, res) => res.end(`${req.method} ${req.url}`));
if (process.versions.atoll) {
  let denied = false;
  server.on('error', (err) => {
    assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
    assert.strictEqual(err.permission, 'Net');
    denied = true;
  });
  server.listen(0, '127.0.0.1');
  process.on('exit', () => assert.ok(denied));
} else {
  server.listen(0, '127.0.0.1', () => {
    http.get({ port: server.address().port, host: '127.0.0.1', path: '/a?b' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => {
        assert.strictEqual(res.statusCode, 200);
        assert.strictEqual(body, 'GET /a?b');
        server.close();
      });
    });
  });
}
