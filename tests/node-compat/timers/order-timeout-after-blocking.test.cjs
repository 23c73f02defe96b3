// After a script that blocks longer than 1 ms, a 0 ms timeout runs before setImmediate.
const assert = require('node:assert');
const order = [];
setTimeout(() => order.push('timeout'), 0);
setImmediate(() => order.push('immediate'));
const until = Date.now() + 20;
while (Date.now() < until) { /* block */ }
process.on('exit', () => assert.deepStrictEqual(order, ['timeout', 'immediate']));
