import assert from 'node:assert';
import net from 'node:net';

const bl = new net.BlockList();
bl.addAddress('10.0.0.1');
bl.addRange('192.168.0.10', '192.168.0.20');
bl.addSubnet('8592:757c:efae:4e45::', 64, 'ipv6');
assert.strictEqual(bl.check('10.0.0.1'), true);
assert.strictEqual(bl.check('10.0.0.2'), false);
assert.strictEqual(bl.check('192.168.0.15'), true);
assert.strictEqual(bl.check('192.168.0.21'), false);
assert.strictEqual(bl.check('8592:757c:efae:4e45:f::', 'ipv6'), true);
assert.strictEqual(bl.check('::ffff:10.0.0.1', 'ipv6'), true);
const sa = new net.SocketAddress({ address: '::1', family: 'ipv6', port: 80 });
assert.deepStrictEqual([sa.address, sa.port, sa.family], ['::1', 80, 'ipv6']);
