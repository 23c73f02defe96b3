// MessageChannel / MessagePort within one thread. Messages are structured-cloned on post and
// delivered as macrotasks (setImmediate) once the receiving port is started (a 'message'
// listener, `onmessage` or `start()`). Pending deliveries keep the loop alive; an idle started
// port does not (Node keeps it alive until close()). Ports cannot be transferred to a worker.
import EventEmitter from 'node:events';
import { serialize, deserialize } from './serialize.js';

const kQueue = Symbol('kQueue');
const kPeer = Symbol('kPeer');
const kState = Symbol('kState');

function makeEvent(port, data) {
  const Ctor = globalThis.MessageEvent;
  if (typeof Ctor === 'function') {
    try { return new Ctor('message', { data }); } catch { /* fall through */ }
  }
  return { type: 'message', data, target: port, currentTarget: port };
}

export class MessagePort extends EventEmitter {
  constructor() {
    super();
    this[kQueue] = [];
    this[kPeer] = null;
    this[kState] = { started: false, closed: false, scheduled: false, onmessage: null, wrapped: new Map() };
    this.on('newListener', (name) => { if (name === 'message') queueMicrotask(() => this.start()); });
  }

  postMessage(value, transferList) {
    void transferList; // transfer is a copy: the sender keeps its buffers
    const data = serialize(value);
    const peer = this[kPeer];
    if (this[kState].closed || !peer || peer[kState].closed) return;
    peer[kQueue].push(data);
    schedule(peer);
  }

  start() {
    const st = this[kState];
    if (st.started || st.closed) return;
    st.started = true;
    schedule(this);
  }

  close() {
    const closing = [this, this[kPeer]].filter((p) => p && !p[kState].closed);
    for (const p of closing) {
      p[kState].closed = true;
      p[kQueue].length = 0;
    }
    if (closing.length) setImmediate(() => { for (const p of closing) p.emit('close'); });
  }

  ref() { return this; }
  unref() { return this; }
  hasRef() { return this[kState].started && !this[kState].closed; }

  get onmessage() { return this[kState].onmessage; }
  set onmessage(fn) {
    const st = this[kState];
    if (st.onmessage) this.removeEventListener('message', st.onmessage);
    st.onmessage = typeof fn === 'function' ? fn : null;
    if (st.onmessage) this.addEventListener('message', st.onmessage);
  }

  // EventTarget-style listeners get a MessageEvent; EventEmitter ones get the data.
  addEventListener(type, listener, options) {
    const wrapped = (data) => {
      const ev = makeEvent(this, data);
      if (typeof listener === 'function') listener.call(this, ev);
      else listener?.handleEvent?.(ev);
    };
    this[kState].wrapped.set(listener, wrapped);
    if (options?.once) this.once(type, wrapped);
    else this.on(type, wrapped);
  }

  removeEventListener(type, listener) {
    const wrapped = this[kState].wrapped.get(listener);
    if (wrapped) {
      this[kState].wrapped.delete(listener);
      this.off(type, wrapped);
    }
  }

  dispatchEvent(ev) { this.emit(ev.type, ev.data); return true; }
}

function schedule(port) {
  const st = port[kState];
  if (!st.started || st.closed || st.scheduled || port[kQueue].length === 0) return;
  st.scheduled = true;
  setImmediate(() => {
    st.scheduled = false;
    const queue = port[kQueue];
    while (queue.length && !st.closed) {
      const data = queue.shift();
      let value;
      try {
        value = deserialize(data);
      } catch (err) {
        port.emit('messageerror', err);
        continue;
      }
      port.emit('message', value);
    }
  });
}

export class MessageChannel {
  constructor() {
    this.port1 = new MessagePort();
    this.port2 = new MessagePort();
    this.port1[kPeer] = this.port2;
    this.port2[kPeer] = this.port1;
  }
}

/** The oldest message queued on `port`, taken synchronously: `{ message }`, or undefined. */
export function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) {
    const err = new TypeError('The "port" argument must be a MessagePort instance');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const queue = port[kQueue];
  if (!queue.length) return undefined;
  return { message: deserialize(queue.shift()) };
}
