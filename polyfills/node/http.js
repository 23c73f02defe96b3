// node:http — HTTP/1.1 server and client over node:net. Heads and body framing are parsed by
// httparse in Rust (ops/http.rs); keep-alive, pipelining, 100-continue, upgrade and the
// header/timeout APIs follow Node's _http_* modules.
import { METHODS, STATUS_CODES, maxHeaderSize, validateHeaderName, validateHeaderValue } from '../internal/http/common.js';
import { IncomingMessage } from '../internal/http/incoming.js';
import { OutgoingMessage } from '../internal/http/outgoing.js';
import { Server, ServerResponse, createServer } from '../internal/http/server.js';
import { Agent, ClientRequest, globalAgent, request, get } from '../internal/http/client.js';

let globalAgentRef = globalAgent;

export {
  METHODS, STATUS_CODES, maxHeaderSize, validateHeaderName, validateHeaderValue, IncomingMessage,
  OutgoingMessage, Server, ServerResponse, createServer, Agent, ClientRequest, request, get,
  globalAgentRef as globalAgent,
};

export function setMaxIdleHTTPParsers() {}

const http = {
  METHODS, STATUS_CODES, maxHeaderSize, validateHeaderName, validateHeaderValue, IncomingMessage,
  OutgoingMessage, Server, ServerResponse, createServer, Agent, ClientRequest, request, get,
  setMaxIdleHTTPParsers,
};
Object.defineProperty(http, 'globalAgent', {
  enumerable: true,
  configurable: true,
  get() { return globalAgentRef; },
  set(v) { globalAgentRef = v; },
});
export default http;
