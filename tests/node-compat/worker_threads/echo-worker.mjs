// Fixture for worker-echo.test.mjs: says hello with what it was given, then echoes messages
// back until it is told 'bye'.
import { parentPort, workerData, isMainThread, threadId } from 'node:worker_threads';

parentPort.postMessage({ kind: 'hello', workerData, isMainThread, threadId, argv: process.argv.slice(2) });
parentPort.on('message', (msg) => {
  if (msg === 'bye') {
    parentPort.close();
    return;
  }
  parentPort.postMessage(msg);
});
