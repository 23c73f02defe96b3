// atoll: the IPC channel of child_process.fork() (and of a stdio 'ipc' entry), following Node's
// lib/internal/child_process.js setupChannel: send()/'message'/connected/disconnect()/'disconnect'
// on a ChildProcess in the parent and on `process` in the child. The bytes travel over a Unix
// socketpair (runtime/src/ops/ipc.rs), one message per line:
// - 'json' (Node's default): JSON.stringify(message) + '\n', the same wire format as Node, so a
//   Node child started with { execPath: 'node' } can take part;
// - 'advanced': atoll's structured-clone text (internal/worker/serialize.js: Map, Set, BigInt,
//   typed arrays, Dates, cycles, ...), one line too. Both ends must be atoll for this mode.
// Passing handles (send()'s sendHandle) is not supported: it throws ERR_NOT_IMPLEMENTED.
import { op_ipc_start, op_ipc_write, op_ipc_close, op_ipc_ref } from 'atoll:ops';
import EventEmitter from 'node:events';
import process from 'node:process';
import { codes } from '../errors.js';
import { validateObject } from '../validators.js';
import { serialize, deserialize } from '../worker/serialize.js';

const {
  ERR_IPC_CHANNEL_CLOSED, ERR_IPC_DISCONNECTED, ERR_MISSING_ARGS, ERR_INVALID_ARG_TYPE,
  ERR_NOT_IMPLEMENTED,
} = codes;

const kPendingMessages = Symbol('kPendingMessages');
// Node's answer to a full pipe: send() returns false past two reads' worth of queued bytes.
const kWriteQueueLimit = 65536 * 2;

const serializations = {
  json: { encode: (m) => `${JSON.stringify(m)}\n`, decode: JSON.parse },
  advanced: { encode: (m) => `${serialize(m)}\n`, decode: deserialize },
};

// `subprocess.channel` / `process.channel`. The counted refs follow 'message' listeners (child)
// and writes in flight; an explicit ref()/unref() wins over the counting, as in Node.
class Control extends EventEmitter {
  #rid;
  #fd;
  #refs = 0;
  #refExplicitlySet = false;

  constructor(rid, fd) {
    super();
    this.#rid = rid;
    this.#fd = fd;
    this[kPendingMessages] = [];
  }

  refCounted() {
    if (++this.#refs === 1 && !this.#refExplicitlySet) op_ipc_ref(this.#rid, true);
  }

  unrefCounted() {
    if (--this.#refs === 0 && !this.#refExplicitlySet) {
      op_ipc_ref(this.#rid, false);
      this.emit('unref');
    }
  }

  ref() {
    this.#refExplicitlySet = true;
    op_ipc_ref(this.#rid, true);
  }

  unref() {
    this.#refExplicitlySet = true;
    op_ipc_ref(this.#rid, false);
  }

  get fd() { return this.#fd; }
}

const INTERNAL_PREFIX = 'NODE_';
function isInternal(message) {
  return message !== null && typeof message === 'object' && typeof message.cmd === 'string' &&
    message.cmd.length > INTERNAL_PREFIX.length && message.cmd.startsWith(INTERNAL_PREFIX);
}

// Wire `target` (a ChildProcess, or `process` in the child) to channel `rid` and start reading.
// `onClose` runs once the peer's end is gone (the ChildProcess counts it towards 'close').
export function setupChannel(target, rid, serializationMode, { fd, refed, onClose } = {}) {
  const control = new Control(rid, fd);
  target.channel = control;
  target._handleQueue = null;
  target._pendingMessage = null;
  const { encode, decode } = serializations[serializationMode];
  let queuedBytes = 0;
  let flushCallbacks = null; // callbacks of sends waiting for the running flush

  function emit(event, message) {
    if (event === 'internalMessage' || target.listenerCount('message')) {
      target.emit(event, message);
      return;
    }
    target.channel[kPendingMessages].push([event, message]);
  }

  function onLines(lines) {
    if (lines === null) {
      // The other end is gone (it exited or disconnected).
      if (target.connected) target.disconnect();
      op_ipc_close(rid);
      target.channel = null;
      if (onClose) onClose();
      return;
    }
    for (let i = 0; i < lines.length; i++) {
      if (!target.channel) return;
      const message = decode(lines[i]);
      process.nextTick(emit, isInternal(message) ? 'internalMessage' : 'message', message);
    }
  }

  // Messages that came before the first 'message' listener are delivered to it.
  target.on('newListener', function onNewListener() {
    process.nextTick(() => {
      if (!target.channel || !target.listenerCount('message')) return;
      const messages = target.channel[kPendingMessages];
      if (!messages.length) return;
      target.channel[kPendingMessages] = [];
      for (let i = 0; i < messages.length; i++) Reflect.apply(target.emit, target, messages[i]);
    });
  });

  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined) {
      validateObject(options, 'options');
    }
    options = { swallowErrors: false, ...options };
    if (this.connected) return this._send(message, handle, options, callback);
    const ex = new ERR_IPC_CHANNEL_CLOSED();
    if (typeof callback === 'function') process.nextTick(callback, ex);
    else process.nextTick(() => this.emit('error', ex));
    return false;
  };

  target._send = function _send(message, handle, options, callback) {
    if (message === undefined) throw new ERR_MISSING_ARGS('message');
    if (typeof message !== 'string' && typeof message !== 'object' && typeof message !== 'number' &&
        typeof message !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    }
    if (typeof options === 'boolean') options = { swallowErrors: options };
    if (handle) throw new ERR_NOT_IMPLEMENTED('child_process send() with a sendHandle (passing sockets and servers)');
    const data = encode(message);
    let written;
    try {
      written = op_ipc_write(rid, data);
    } catch (err) {
      if (!options.swallowErrors) {
        if (typeof callback === 'function') process.nextTick(callback, err);
        else process.nextTick(() => this.emit('error', err));
      }
      return queuedBytes < kWriteQueueLimit;
    }
    if (written === true) {
      if (typeof callback === 'function') process.nextTick(callback, null);
    } else if (typeof written === 'number') {
      // Behind a flush in progress: its end calls back.
      queuedBytes = written;
      if (typeof callback === 'function') flushCallbacks.push(callback);
    } else {
      // The kernel's buffer is full: the queue drains in the background and keeps the channel
      // ref'd meanwhile. A failure reaches the callbacks (Node emits no 'error' for it).
      // (A new flush may start before this one's promise settles: each keeps its own list.)
      const callbacks = typeof callback === 'function' ? [callback] : [];
      flushCallbacks = callbacks;
      queuedBytes = data.length;
      control.refCounted();
      const settle = (err) => {
        if (flushCallbacks === callbacks) {
          flushCallbacks = null;
          queuedBytes = 0;
        }
        control.unrefCounted();
        for (let i = 0; i < callbacks.length; i++) callbacks[i](err);
      };
      written.then(() => settle(null), settle);
    }
    return queuedBytes < kWriteQueueLimit;
  };

  // connected: false as soon as disconnect() is asked for; channel: null once it is closed.
  target.connected = true;

  target.disconnect = function disconnect() {
    if (!this.connected) {
      this.emit('error', new ERR_IPC_DISCONNECTED());
      return;
    }
    this.connected = false;
    this._disconnect();
  };

  target._disconnect = function _disconnect() {
    this.channel = null;
    process.nextTick(() => {
      op_ipc_close(rid);
      target.emit('disconnect');
    });
  };

  op_ipc_start(rid, onLines, !!refed);
  return control;
}

// In a forked child (bootstrap, with op_ipc_take_inherited()'s channel): `process.send`, `process.on('message')`, `process.channel`,
// `process.connected`, `process.disconnect()`. The channel keeps the process alive only while
// 'message' or 'disconnect' listeners exist (or a write is in flight), as in Node.
export function setupChildChannel(inherited) {
  const control = setupChannel(process, inherited.rid, inherited.serialization, {
    fd: inherited.fd, refed: false,
  });
  process.on('newListener', (name) => {
    if (name === 'message' || name === 'disconnect') control.refCounted();
  });
  process.on('removeListener', (name) => {
    if (name === 'message' || name === 'disconnect') control.unrefCounted();
  });
}
