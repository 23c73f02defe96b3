// A TCP echo pair on 127.0.0.1. The harness runs atoll without --allow-net, so there the
// listen must fail with ERR_ACCESS_DENIED; under node the real exchange runs.
import assert from 'node:assert';
import net from 'node:net';

const server = net.createServer((s) => s.pipe(s));
if (process.versions.atoll) {
  server.on('error', (err) => {
    assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
    assert.strictEqual(err.permission, 'Net');
    assert.strictEqual(err.resource, '127.0.0.1:0');
    assert.match(err.message, /--allow-net=127\.0\.0\.1:0/);
  });
  server.listen(0, '127.0.0.1', () => assert.fail('listened without --allow-net'));
} else {
  server.listen(0, '127.0.0.1', () => {
    const c = net.connect(server.address().port, '127.0.0.1', () => c.end('ping'));
    let got = '';
    c.on('data', (d) => { got += d; });
    c.on('close', () => {
      assert.strictEqual(got, 'ping');
      server.close();
    });
  });
}
