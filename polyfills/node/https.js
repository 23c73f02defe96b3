// node:https — TLS is not available in atoll yet (no rustls binding): every entry point throws
// ERR_NOT_IMPLEMENTED naming it. The classes exist so `instanceof` checks and imports work.
import { codes } from '../internal/errors.js';
import { Agent as HttpAgent } from '../internal/http/client.js';
import { Server as HttpServer } from '../internal/http/server.js';

function notImplemented(what) {
  return new codes.ERR_NOT_IMPLEMENTED(`node:https ${what} (TLS via rustls is not wired up yet)`);
}

export class Agent extends HttpAgent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}

export const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

export function Server() { throw notImplemented('Server'); }
Object.setPrototypeOf(Server.prototype, HttpServer.prototype);
export function createServer() { throw notImplemented('createServer()'); }
export function request() { throw notImplemented('request()'); }
export function get() { throw notImplemented('get()'); }

export default { Agent, globalAgent, Server, createServer, request, get };
