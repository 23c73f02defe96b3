// `atoll serve app.js`: loads the module, takes `export default { fetch(request, env, ctx) }`
// and answers each request event from ops/serve.rs (hyper) with the handler's Response, in one
// op when the body is text or bytes, or streamed chunk by chunk for a ReadableStream.
// A handler that throws (or returns something other than a Response) gets a 500 and the error
// on stderr; the server keeps serving. `ctx.waitUntil(promise)` work is awaited before a
// graceful shutdown (SIGINT/SIGTERM) exits with 0. A connection that has not sent a whole
// request head within `headersTimeout` ms (an optional field of the default export, 30 s by
// default, 0 = off) is dropped by hyper (slowloris).
import {
  op_module_resolve, op_serve_listen, op_serve_respond, op_serve_respond_stream, op_serve_write,
  op_serve_end, op_serve_release,
} from 'atoll:ops';
import { makeServerRequest, responseParts } from './fetch.js';

const EV_REQUEST = 0;
const EV_CLOSED = 1;
const EV_ABORT = 3;

function printError(prefix, err) {
  const text = err instanceof Error ? (err.stack && err.stack.includes(err.message) ? err.stack : `${err.name}: ${err.message}\n${err.stack ?? ''}`) : String(err);
  globalThis.console.error(`${prefix}${text}`);
}

function fatal(message) {
  globalThis.console.error(`atoll serve: ${message}`);
  globalThis.process.exit(1);
}

export function serve(filename, host, port, onError) {
  let resolved;
  try {
    resolved = op_module_resolve(filename, null, 'require');
  } catch (err) {
    onError(err);
    return;
  }
  import(resolved.path).then((ns) => {
    let app = ns.default;
    if (app && typeof app !== 'function' && typeof app.fetch !== 'function' && app.default) app = app.default;
    const handler = app && typeof app.fetch === 'function' ? app : null;
    if (handler === null) {
      fatal(`${filename} must export default an object with a fetch(request, env, ctx) method`);
      return;
    }
    const { headersTimeout } = handler;
    if (headersTimeout !== undefined && !(typeof headersTimeout === 'number' && headersTimeout >= 0)) {
      fatal(`headersTimeout must be a number of milliseconds >= 0 (0 turns it off); got ${String(headersTimeout)}`);
      return;
    }
    start(handler, host, port, headersTimeout);
  }, onError);
}

function start(app, host, port, headersTimeout) {
  const waitUntil = new Set();
  const env = {};
  const ctx = {
    waitUntil(promise) {
      const p = Promise.resolve(promise).then(undefined, (err) => printError('atoll serve: waitUntil promise rejected: ', err));
      waitUntil.add(p);
      p.then(() => waitUntil.delete(p));
    },
    passThroughOnException() {},
  };
  let id;
  let origin;
  // Requests whose handler asked for request.signal: aborted when the client goes away.
  const controllers = new Map();
  const fail = (req, err) => {
    printError(`atoll serve: error handling a request: `, err);
    op_serve_respond(id, req, 500, ['content-type', 'text/plain;charset=UTF-8'], 'Internal Server Error');
  };
  const send = (req, response) => {
    let parts;
    try {
      parts = responseParts(response);
    } catch (err) {
      fail(req, err);
      return;
    }
    const [status, , headers, body] = parts;
    if (body === null || typeof body === 'string' || body instanceof Uint8Array) {
      op_serve_respond(id, req, status, headers, body);
    } else if (typeof body.getReader === 'function') {
      sendStream(req, status, headers, body);
    } else if (typeof body.then === 'function') {
      body.then((bytes) => op_serve_respond(id, req, status, headers, bytes), (err) => fail(req, err));
    } else {
      body.arrayBuffer().then((ab) => op_serve_respond(id, req, status, headers, new Uint8Array(ab)), (err) => fail(req, err));
    }
  };
  const sendStream = (req, status, headers, stream) => {
    if (!op_serve_respond_stream(id, req, status, headers)) {
      stream.cancel().catch(() => {});
      return;
    }
    const reader = stream.getReader();
    const pump = () => {
      reader.read().then(({ value, done }) => {
        if (done) {
          op_serve_end(id, req);
          return;
        }
        const bytes = typeof value === 'string' ? value : value;
        const r = op_serve_write(id, req, bytes);
        if (r === true) pump();
        else if (r === false) reader.cancel().catch(() => {});
        else r.then((ok) => (ok ? pump() : reader.cancel().catch(() => {})));
      }, (err) => {
        printError('atoll serve: response body stream failed: ', err);
        op_serve_end(id, req, String(err && err.message));
      });
    };
    pump();
  };
  const onEvent = (ev) => {
    if (ev[0] === EV_REQUEST) {
      const req = ev[1];
      const flat = ev[4];
      let hostHeader = null;
      for (let i = 0; i < flat.length; i += 2) {
        if (flat[i] === 'host') {
          hostHeader = flat[i + 1];
          break;
        }
      }
      const target = ev[3];
      const url = target.charCodeAt(0) === 47 /* / */
        ? (hostHeader === null ? origin : `http://${hostHeader}`) + target
        : target;
      const request = makeServerRequest(ev[2], url, flat, ev[5], () => {
        const ac = new AbortController();
        controllers.set(req, ac);
        return ac.signal;
      });
      let result;
      try {
        result = app.fetch(request, env, ctx);
      } catch (err) {
        controllers.delete(req);
        fail(req, err);
        return;
      }
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        result.then((r) => {
          controllers.delete(req);
          send(req, r);
        }, (err) => {
          controllers.delete(req);
          fail(req, err);
        });
      } else {
        controllers.delete(req);
        send(req, result);
      }
    } else if (ev[0] === EV_ABORT) {
      const ac = controllers.get(ev[1]);
      if (ac !== undefined) {
        controllers.delete(ev[1]);
        ac.abort(new DOMException('The client closed the connection', 'AbortError'));
      }
    } else if (ev[0] === EV_CLOSED) {
      Promise.allSettled([...waitUntil]).then(() => {
        op_serve_release(id);
        globalThis.process.exit(0);
      });
    } else {
      globalThis.console.error(`atoll serve: ${ev[1]}`);
    }
  };
  let address;
  let boundPort;
  [id, address, boundPort] = op_serve_listen(host, port, onEvent, headersTimeout);
  const shown = address.includes(':') ? `[${address}]` : address;
  origin = `http://${shown}:${boundPort}`;
  globalThis.console.log(`Listening on ${origin}/`);
}
