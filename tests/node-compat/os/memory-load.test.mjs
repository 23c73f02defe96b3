import assert from 'node:assert';
import os from 'node:os';

assert.ok(os.totalmem() > 0);
assert.ok(os.freemem() > 0 && os.freemem() <= os.totalmem());
const load = os.loadavg();
assert.strictEqual(load.length, 3);
for (const l of load) assert.strictEqual(typeof l, 'number');
assert.ok(os.uptime() > 0);
