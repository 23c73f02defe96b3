// dns.Resolver / dns.promises argument checks and server lists: no query leaves the process.
// Under atoll a query to a server that --allow-net does not grant is refused.
import assert from 'node:assert';
import dns from 'node:dns';
import dnsPromises from 'node:dns/promises';

const r = new dns.Resolver({ timeout: 100, tries: 1 });
assert.throws(() => r.resolve4(1, () => {}), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => r.resolveMx('example.test'), { code: 'ERR_INVALID_ARG_TYPE', message: /"callback"/ });
assert.throws(() => r.resolve('example.test', 'BOGUS', () => {}), {
  code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'rrtype' is invalid. Received 'BOGUS'",
});
assert.throws(() => dnsPromises.resolve('example.test', 7), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => new dns.Resolver({ tries: 0 }), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => new dnsPromises.Resolver({ timeout: -2 }), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => r.setServers(['256.1.1.1']), {
  code: 'ERR_INVALID_IP_ADDRESS', message: 'Invalid IP address: 256.1.1.1',
});
assert.throws(() => r.setServers('192.0.2.1'), { code: 'ERR_INVALID_ARG_TYPE' });

// Ports other than 53 are kept; IPv6 servers with a port come back in brackets.
r.setServers(['192.0.2.1', '192.0.2.2:5300', '[2001:db8::1]:53', '[2001:db8::2]:5301', '2001:db8::3']);
assert.deepStrictEqual(r.getServers(),
  ['192.0.2.1', '192.0.2.2:5300', '2001:db8::1', '[2001:db8::2]:5301', '2001:db8::3']);
// Each resolver has its own list. dns.setServers() also sets the dns.promises default (once
// dns.promises is loaded, as an ESM import of node:dns does); dnsPromises.setServers() only its own.
assert.notDeepStrictEqual(new dns.Resolver().getServers(), r.getServers());
dns.setServers(['192.0.2.8']);
assert.deepStrictEqual(dnsPromises.getServers(), ['192.0.2.8']);
dnsPromises.setServers(['192.0.2.9']);
assert.deepStrictEqual(dnsPromises.getServers(), ['192.0.2.9']);
assert.deepStrictEqual(dns.getServers(), ['192.0.2.8']);
dns.setServers(['192.0.2.7']);
assert.deepStrictEqual(dns.getServers(), ['192.0.2.7']);

// reverse() of something that is not an IP fails before any query.
assert.throws(() => dns.reverse('not-an-ip', () => {}), {
  code: 'EINVAL', syscall: 'getHostByAddr', hostname: 'not-an-ip', message: 'getHostByAddr EINVAL not-an-ip',
});
await assert.rejects(dnsPromises.reverse('not-an-ip'), { code: 'EINVAL', errno: -22 });

if (process.versions.atoll) {
  // 192.0.2.7:53 is not granted: the query is refused without touching the network.
  await assert.rejects(new Promise((resolve, reject) => dns.resolveTxt('example.test', (e, v) => (e ? reject(e) : resolve(v)))), {
    code: 'ERR_ACCESS_DENIED', permission: 'Net', resource: '192.0.2.7:53',
  });
}
