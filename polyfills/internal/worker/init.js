// Start-up of a worker runtime, run by the engine after bootstrap and before the worker's
// script: the env it was given, and uncaught exceptions reported to the parent's 'error' event
// (rather than printed) before the worker exits with code 1.
import { op_worker_info } from 'atoll:ops';
import process from 'node:process';
import { reportUncaught } from 'node:worker_threads';

export function init() {
  const info = op_worker_info();
  if (info?.env) {
    const env = JSON.parse(info.env);
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, env);
  }
  // Installed first, so a user's own listener (which handles the error, as in Node) runs after
  // it; this one only reports when it is the sole listener.
  process.on('uncaughtException', function workerUncaught(err) {
    if (process.listenerCount('uncaughtException') > 1) return;
    reportUncaught(err);
    process.exitCode = 1;
    process.exit(1);
  });
}
