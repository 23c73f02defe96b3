// node:https / node:tls client and server on 127.0.0.1 with the committed test certificates
// (fixtures/: a test CA, a localhost + 127.0.0.1 + ::1 server certificate it signed, and a
// self-signed one; valid 2020-2120). The node-compat harness runs atoll without --allow-net,
// so there the listen must be denied; runtime/tests/tls_cli.rs runs this same file under atoll
// with --allow-net=127.0.0.1 and TEST_NET=1, and under node the whole exchange always runs.
import assert from 'node:assert';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const fixture = (name) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const ca = fixture('ca.pem');
const key = fixture('server-key.pem');
const cert = fixture('server.pem');

const withNet = !process.versions.atoll || process.env.TEST_NET === '1';

if (!withNet) {
  const server = https.createServer({ key, cert });
  server.on('error', (err) => {
    assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
    assert.strictEqual(err.permission, 'Net');
    assert.match(err.message, /--allow-net=127\.0\.0\.1:0/);
  });
  server.listen(0, '127.0.0.1', () => assert.fail('listened without --allow-net'));
} else {
  await main();
  console.log('tls ok');
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function get(options) {
  return new Promise((resolve, reject) => {
    const req = https.get({ agent: false, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ res, body }));
    });
    req.on('error', reject);
  });
}

async function rejects(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

async function main() {
  const server = https.createServer({ key, cert }, (req, res) => {
    assert.strictEqual(req.socket.encrypted, true);
    res.end(`hello ${req.url}`);
  });
  const port = await listen(server);

  // The CA given: verified, by name and by IP.
  for (const host of ['localhost', '127.0.0.1']) {
    const { res, body } = await get({ host, port, path: `/by-${host}`, ca });
    assert.strictEqual(res.statusCode, 200);
    assert.strictEqual(body, `hello /by-${host}`);
    assert.strictEqual(res.socket.authorized, true);
    assert.strictEqual(res.socket.encrypted, true);
    assert.match(res.socket.getProtocol(), /^TLSv1\.[23]$/);
    const cipher = res.socket.getCipher();
    assert.match(cipher.standardName, /^TLS_/);
    assert.strictEqual(cipher.version, res.socket.getProtocol());
  }
  // An array of CAs works too, and the pooled global agent (keep-alive) as well.
  {
    const { body } = await get({ host: 'localhost', port, path: '/array', ca: [ca.toString()], agent: undefined });
    assert.strictEqual(body, 'hello /array');
  }

  // The default (Mozilla) roots do not know the test CA; the server sends only its leaf.
  let err = await rejects(get({ host: 'localhost', port }));
  assert.strictEqual(err.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  assert.strictEqual(err.message, 'unable to verify the first certificate');

  // rejectUnauthorized: false connects, and says why it is not authorized.
  {
    const { res, body } = await get({ host: 'localhost', port, path: '/insecure', rejectUnauthorized: false });
    assert.strictEqual(body, 'hello /insecure');
    assert.strictEqual(res.socket.authorized, false);
    assert.strictEqual(res.socket.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  }

  // A name the certificate does not carry.
  err = await rejects(get({ host: '127.0.0.1', port, ca, servername: 'example.com' }));
  assert.strictEqual(err.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.match(err.message, /^Hostname\/IP does not match certificate's altnames: Host: example\.com\. is not in the cert's altnames/);
  assert.strictEqual(err.host, 'example.com');

  // A self-signed server certificate.
  const selfSigned = https.createServer({ key: fixture('self-signed-key.pem'), cert: fixture('self-signed.pem') }, (req, res) => res.end('self'));
  const port2 = await listen(selfSigned);
  err = await rejects(get({ host: 'localhost', port: port2 }));
  assert.strictEqual(err.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  assert.strictEqual(err.message, 'self-signed certificate');
  {
    const { body } = await get({ host: 'localhost', port: port2, ca: fixture('self-signed.pem') });
    assert.strictEqual(body, 'self');
  }
  selfSigned.close();

  // tls.connect / tls.createServer: an echo with half-close.
  const echo = tls.createServer({ key, cert }, (s) => {
    assert.strictEqual(s.encrypted, true);
    s.pipe(s);
  });
  const port3 = await listen(echo);
  const got = await new Promise((resolve, reject) => {
    const c = tls.connect({ host: 'localhost', port: port3, ca }, () => {
      assert.strictEqual(c.authorized, true);
      assert.strictEqual(c.authorizationError, null);
      c.end('ping over tls');
    });
    let data = '';
    c.setEncoding('utf8');
    c.on('data', (d) => { data += d; });
    c.on('error', reject);
    c.on('close', () => resolve(data));
  });
  assert.strictEqual(got, 'ping over tls');
  echo.close();

  // A peer that does not speak TLS.
  const plain = net.createServer((s) => {
    s.resume();
    s.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  const port4 = await listen(plain);
  err = await new Promise((resolve) => {
    tls.connect({ host: 'localhost', port: port4, ca }, () => assert.fail('handshake with a plain server'))
      .on('error', resolve);
  });
  assert.strictEqual(err.code, 'ERR_SSL_WRONG_VERSION_NUMBER');
  plain.close();

  // fetch() takes the same TLS path: the test CA is unknown to it.
  err = await rejects(fetch(`https://localhost:${port}/fetch`));
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.cause.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');

  await new Promise((resolve) => server.close(resolve));
  https.globalAgent.destroy?.();
}
