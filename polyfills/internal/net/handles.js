// Routes native socket events to their JS owners. Rust queues `[handleId, kind, payload]` for
// every socket/server event and calls the one dispatcher registered here once per loop turn;
// it takes the whole queue and runs the nextTick queue and microtasks after each event, as
// Node does after each I/O callback (the loop does so after the last).
import { op_net_init, op_net_take_events } from 'atoll:ops';
import { runTicks, reportUncaught } from '../timers.js';

export const EV_DATA = 0;
export const EV_EOF = 1;
export const EV_ERROR = 2;
export const EV_CONNECTION = 3;
export const EV_HTTP = 4;

const handles = new Map();
let ready = false;

function dispatch() {
  const evs = op_net_take_events();
  const n = evs.length;
  for (let i = 0; i < n; i++) {
    if (i !== 0) runTicks();
    const ev = evs[i];
    const owner = handles.get(ev[0]);
    if (owner === undefined) continue;
    try {
      owner._onHandleEvent(ev[1], ev[2]);
    } catch (err) {
      reportUncaught(err);
    }
  }
}

export function ensureNet() {
  if (!ready) {
    op_net_init(dispatch);
    ready = true;
  }
}

export function attach(id, owner) {
  ensureNet();
  handles.set(id, owner);
}

export function detach(id) {
  handles.delete(id);
}
