// dns.lookupService(): Node's argument checks, then getnameinfo of 127.0.0.1. Under atoll it is
// gated like a connect to address:port: the node-compat harness (no --allow-net) checks the
// denial; runtime/tests/net_cli.rs runs this file with --allow-net=127.0.0.1 and expects the
// lookup itself.
import assert from 'node:assert';
import dns from 'node:dns';

assert.throws(() => dns.lookupService('127.0.0.1', 22), { code: 'ERR_MISSING_ARGS', name: 'TypeError' });
assert.throws(() => dns.lookupService('not-an-ip', 22, () => {}), {
  code: 'ERR_INVALID_ARG_VALUE',
  message: "The argument 'address' is invalid. Received 'not-an-ip'",
});
assert.throws(() => dns.lookupService(5, 22, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
assert.throws(() => dns.lookupService('127.0.0.1', 70000, () => {}), { code: 'ERR_SOCKET_BAD_PORT', name: 'RangeError' });
assert.throws(() => dns.lookupService('127.0.0.1', 22, 5), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => dns.promises.lookupService('127.0.0.1'), { code: 'ERR_MISSING_ARGS' });
assert.throws(() => dns.promises.lookupService('::zz', 80), { code: 'ERR_INVALID_ARG_VALUE' });

let names;
try {
  names = await dns.promises.lookupService('127.0.0.1', '22');
} catch (err) {
  if (!process.versions.atoll) throw err;
  assert.strictEqual(err.code, 'ERR_ACCESS_DENIED');
  assert.match(err.message, /--allow-net=127\.0\.0\.1:22/);
}
if (names) {
  // /etc/hosts names 127.0.0.1; /etc/services may be absent (then the port comes back as digits).
  assert.strictEqual(typeof names.hostname, 'string');
  assert.ok(names.hostname.length > 0);
  assert.ok(['ssh', '22'].includes(names.service), names.service);
  const viaCallback = await new Promise((resolve, reject) => {
    dns.lookupService('127.0.0.1', 80, (err, hostname, service) => (err ? reject(err) : resolve([hostname, service])));
  });
  assert.strictEqual(viaCallback[0], names.hostname);
  assert.ok(['http', '80'].includes(viaCallback[1]), viaCallback[1]);
  console.log('lookupService ok');
}
