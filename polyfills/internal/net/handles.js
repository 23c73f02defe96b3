// Routes native socket events to their JS owners. Rust sends `[handleId, kind, payload]` for
// every socket/server event through the one dispatcher registered here.
import { op_net_init } from 'atoll:ops';

export const EV_DATA = 0;
export const EV_EOF = 1;
export const EV_ERROR = 2;
export const EV_CONNECTION = 3;
export const EV_HTTP = 4;

const handles = new Map();
let ready = false;

function dispatch(ev) {
  const owner = handles.get(ev[0]);
  if (owner !== undefined) owner._onHandleEvent(ev[1], ev[2]);
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
