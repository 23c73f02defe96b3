// nextTick argument passing, emitWarning event, beforeExit then exit with exitCode.
import assert from 'node:assert';
const order = [];
process.nextTick((a, b) => order.push(a + b), 1, 2);
process.on('warning', (w) => order.push(`warning:${w.name}:${w.message}`));
process.emitWarning('careful', 'CustomWarning');
let once = false;
process.on('beforeExit', (code) => {
  order.push(`beforeExit:${code}`);
  if (!once) { once = true; setTimeout(() => order.push('revived'), 1); }
});
process.on('exit', (code) => {
  order.push(`exit:${code}`);
  assert.deepStrictEqual(order, [3, 'warning:CustomWarning:careful', 'beforeExit:0', 'revived', 'beforeExit:0', 'exit:0']);
});
