// node:worker_threads — each Worker runs in a fresh runtime on its own thread (own heap and event
// loop) with the parent's grants and no more. Messages are structured-cloned to a string
// (internal/worker/serialize.js) and cross threads as such; a transfer list copies rather than
// moves. Workers share no memory (SharedArrayBuffer contents are copied) and their stdout/stderr
// go straight to the process's fds (`worker.stdout`/`stderr` are null).
import EventEmitter from 'node:events';
import {
  op_worker_spawn, op_worker_post, op_worker_terminate, op_worker_ref, op_worker_release,
  op_worker_info, op_worker_port_listen, op_worker_port_post, op_worker_port_ref,
} from 'atoll:ops';
import { serialize, deserialize } from '../internal/worker/serialize.js';
import { MessageChannel, MessagePort, receiveMessageOnPort } from '../internal/worker/port.js';
import { codes, makeNodeError } from '../internal/errors.js';
import { fileURLToPath } from 'node:url';
import { resolve as resolvePath } from 'node:path';
import process from 'node:process';

const { ERR_INVALID_ARG_TYPE } = codes;

const info = op_worker_info();
export const isMainThread = info === null;
export const threadId = info ? info.threadId : 0;
export const resourceLimits = {};
export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

const environmentData = info?.environment ? deserialize(info.environment) : new Map();
export function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}
export function getEnvironmentData(key) { return environmentData.get(key); }

const untransferable = new WeakSet();
export function markAsUntransferable(obj) {
  if (obj !== null && (typeof obj === 'object' || typeof obj === 'function')) untransferable.add(obj);
}
export function isMarkedAsUntransferable(obj) { return untransferable.has(obj); }
export function moveMessagePortToContext(port) { return port; }

function workerPathError(filename) {
  return makeNodeError(TypeError, 'ERR_WORKER_PATH',
    'The worker script or module filename must be an absolute path or a relative path starting ' +
    `with './' or '../'. Received "${filename}"`, Worker);
}

const kId = Symbol('kId');
const kExited = Symbol('kExited');
const kWaiters = Symbol('kWaiters');

export class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (options === null || typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    let main;
    const isEval = Boolean(options.eval);
    if (isEval) {
      if (typeof filename !== 'string') throw new ERR_INVALID_ARG_TYPE('filename', 'string', filename);
      main = filename;
    } else if (filename instanceof URL || (typeof filename === 'string' && filename.startsWith('file:'))) {
      main = fileURLToPath(filename);
    } else if (typeof filename === 'string') {
      if (!(filename.startsWith('/') || filename.startsWith('./') || filename.startsWith('../'))) {
        throw workerPathError(filename);
      }
      main = resolvePath(filename);
    } else {
      throw new ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
    }
    let env = '';
    if (options.env !== undefined && options.env !== SHARE_ENV && options.env !== process.env) {
      if (options.env === null || typeof options.env !== 'object') {
        throw new ERR_INVALID_ARG_TYPE('options.env', 'object', options.env);
      }
      const copy = {};
      for (const k of Object.keys(options.env)) copy[k] = String(options.env[k]);
      env = JSON.stringify(copy);
    }
    const argv = Array.isArray(options.argv) ? options.argv.map(String) : [];
    const data = serialize(options.workerData);
    const environment = environmentData.size ? serialize(environmentData) : '';
    this[kExited] = false;
    this[kWaiters] = [];
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.resourceLimits = {};
    this[kId] = op_worker_spawn({ main, eval: isEval, argv, data, env, environment },
      (ev) => this.#onEvent(ev[0], ev[1]));
    this.threadId = this[kId];
  }

  #onEvent(kind, payload) {
    switch (kind) {
      case 'online':
        this.emit('online');
        break;
      case 'message': {
        let value;
        try {
          value = deserialize(payload);
        } catch (err) {
          this.emit('messageerror', err);
          return;
        }
        this.emit('message', value);
        break;
      }
      case 'error':
        this.emit('error', deserialize(payload));
        break;
      case 'exit': {
        this[kExited] = true;
        op_worker_release(this[kId]);
        this.threadId = -1;
        const waiters = this[kWaiters].splice(0);
        for (const w of waiters) w(payload);
        this.emit('exit', payload);
        break;
      }
      default: break;
    }
  }

  postMessage(value, transferList) {
    void transferList; // copied, not moved
    if (this[kExited]) return;
    op_worker_post(this[kId], serialize(value));
  }

  terminate(callback) {
    const done = new Promise((resolve) => {
      if (this[kExited]) { resolve(undefined); return; }
      this[kWaiters].push(resolve);
      op_worker_terminate(this[kId]);
    });
    if (typeof callback === 'function') done.then((code) => callback(null, code), callback);
    return done;
  }

  ref() { if (!this[kExited]) op_worker_ref(this[kId], true); }
  unref() { if (!this[kExited]) op_worker_ref(this[kId], false); }

  getHeapSnapshot() { return Promise.reject(new Error('getHeapSnapshot is not supported by atoll')); }
  get performance() { return { eventLoopUtilization: () => ({ idle: 0, active: 0, utilization: 0 }) }; }
}

// The worker's end of the channel to its parent.
class ParentPort extends EventEmitter {
  #listening = false;
  #closed = false;

  constructor() {
    super();
    this.on('newListener', (name) => {
      if (name === 'message' && !this.#closed) {
        if (!this.#listening) {
          this.#listening = true;
          op_worker_port_listen((payload) => this.#deliver(payload));
        }
        op_worker_port_ref(true);
      }
    });
    this.on('removeListener', (name) => {
      if (name === 'message' && this.listenerCount('message') === 0) op_worker_port_ref(false);
    });
  }

  #deliver(payload) {
    if (this.#closed) return;
    let value;
    try {
      value = deserialize(payload);
    } catch (err) {
      this.emit('messageerror', err);
      return;
    }
    this.emit('message', value);
  }

  postMessage(value, transferList) {
    void transferList;
    if (this.#closed) return;
    op_worker_port_post('message', serialize(value));
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    op_worker_port_ref(false);
    process.nextTick(() => this.emit('close'));
  }

  start() {}
  ref() { if (!this.#closed && this.listenerCount('message')) op_worker_port_ref(true); return this; }
  unref() { op_worker_port_ref(false); return this; }
}

export const parentPort = info ? new ParentPort() : null;
export const workerData = info ? deserialize(info.data) : null;

/** Report an uncaught exception to the parent ('error' on its Worker). Used by init.js. */
export function reportUncaught(err) {
  let data;
  try {
    data = serialize(err);
  } catch {
    data = serialize(new Error(String(err?.message ?? err)));
  }
  op_worker_port_post('error', data);
}

export class BroadcastChannel extends EventEmitter {
  constructor(name) { super(); this.name = `${name}`; }
  postMessage() {}
  close() {}
  ref() { return this; }
  unref() { return this; }
}

export { MessageChannel, MessagePort, receiveMessageOnPort };

export default {
  isMainThread, threadId, parentPort, workerData, resourceLimits, SHARE_ENV, Worker,
  MessageChannel, MessagePort, BroadcastChannel, receiveMessageOnPort, setEnvironmentData,
  getEnvironmentData, markAsUntransferable, isMarkedAsUntransferable, moveMessagePortToContext,
};
