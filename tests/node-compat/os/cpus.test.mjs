import assert from 'node:assert';
import os from 'node:os';

const cpus = os.cpus();
assert.ok(Array.isArray(cpus) && cpus.length > 0);
assert.ok(os.availableParallelism() >= 1);
for (const c of cpus) {
  assert.strictEqual(typeof c.model, 'string');
  assert.strictEqual(typeof c.speed, 'number');
  for (const k of ['user', 'nice', 'sys', 'idle', 'irq']) assert.strictEqual(typeof c.times[k], 'number');
}
