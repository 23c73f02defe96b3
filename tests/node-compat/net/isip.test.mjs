import assert from 'node:assert';
import net from 'node:net';

assert.strictEqual(net.isIP('127.0.0.1'), 4);
assert.strictEqual(net.isIP('::1'), 6);
assert.strictEqual(net.isIP('fe80::1%eth0'), 6);
assert.strictEqual(net.isIP('::ffff:1.2.3.4'), 6);
assert.strictEqual(net.isIP('1.2.3'), 0);
assert.strictEqual(net.isIP('256.1.1.1'), 0);
assert.strictEqual(net.isIP('example.com'), 0);
assert.strictEqual(net.isIPv4('10.0.0.1'), true);
assert.strictEqual(net.isIPv6('10.0.0.1'), false);
