// Resolving a name needs --allow-net under atoll; node resolves localhost.
import assert from 'node:assert';
import dns from 'node:dns/promises';

if (process.versions.atoll) {
  await assert.rejects(dns.lookup('example.com'), { code: 'ERR_ACCESS_DENIED' });
} else {
  const { address } = await dns.lookup('localhost', { family: 4 });
  assert.strictEqual(address, '127.0.0.1');
}
