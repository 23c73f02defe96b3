// Worker errors reach the parent's 'error' event; exit codes, terminate() and unref().
import assert from 'node:assert';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

function run(source, options = {}) {
  const w = new Worker(source, { eval: true, ...options });
  const events = [];
  w.on('error', (err) => events.push(['error', err]));
  w.on('message', (m) => events.push(['message', m]));
  const exited = new Promise((resolve) => w.on('exit', (code) => resolve({ code, events })));
  return { w, exited };
}

// An uncaught exception becomes 'error' (a clone of the thrown error), then 'exit' with code 1.
{
  const { code, events } = await run(`
    const e = new TypeError('boom');
    e.code = 'E_BOOM';
    throw e;
  `).exited;
  assert.strictEqual(code, 1);
  assert.strictEqual(events.length, 1);
  assert.strictEqual(events[0][0], 'error');
  assert.ok(events[0][1] instanceof TypeError);
  assert.strictEqual(events[0][1].message, 'boom');
}

// A rejected promise nobody handles is uncaught too.
{
  const { code, events } = await run('Promise.reject(new Error("rejected"))').exited;
  assert.strictEqual(code, 1);
  assert.strictEqual(events[0][0], 'error');
  assert.strictEqual(events[0][1].message, 'rejected');
}

// The worker's own uncaughtException listener handles the error: no 'error' event.
{
  const { code, events } = await run(`
    process.on('uncaughtException', (e) => {
      require('node:worker_threads').parentPort.postMessage('handled ' + e.message);
    });
    setTimeout(() => { throw new Error('late'); }, 1);
  `).exited;
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(events, [['message', 'handled late']]);
}

// process.exit(n) and process.exitCode end the worker alone, with that code.
assert.strictEqual((await run('process.exit(7)').exited).code, 7);
assert.strictEqual((await run('process.exitCode = 3').exited).code, 3);

// workerData and env.
{
  const { code, events } = await run(`
    const { parentPort, workerData } = require('node:worker_threads');
    parentPort.postMessage([workerData, process.env.ATOLL_WORKER_X ?? null]);
  `, { workerData: { list: [1, 2], m: new Map([['a', 1]]) }, env: { ATOLL_WORKER_X: 'y' } }).exited;
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(events, [['message', [{ list: [1, 2], m: new Map([['a', 1]]) }, 'y']]]);
}

// terminate() stops even a busy loop; its promise gives the exit code (1).
{
  const { w, exited } = run(`
    require('node:worker_threads').parentPort.postMessage('spinning');
    for (;;) {}
  `);
  await once(w, 'message');
  const code = await w.terminate();
  assert.strictEqual(code, 1);
  assert.strictEqual((await exited).code, 1);
}

// A relative path must start with ./ or ../
assert.throws(() => new Worker('echo-worker.mjs'), { code: 'ERR_WORKER_PATH' });

// An unref'd worker does not keep the parent alive (this test would time out otherwise).
{
  const w = new Worker('setInterval(() => {}, 1000)', { eval: true });
  w.unref();
}
