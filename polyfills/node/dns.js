// node:dns — lookup() through the system resolver (tokio's getaddrinfo), gated by --allow-net:
// a name no --allow-net entry could cover is refused before any resolver sees it.
// resolve*() / reverse() / Resolver: DNS queries on the wire (runtime/src/ops/dns.rs, hickory),
// sent to the servers of /etc/resolv.conf unless setServers() chose others. As with Deno's
// resolveDns, a query is network access to each name server it may be sent to: every server
// must be granted (`--allow-net=10.0.0.53:53`, or its bare IP); the queried name is not checked.
// lookupService() is getnameinfo(3), gated like a connect to address:port (the system resolver
// may ask a name server about the address).
import {
  op_dns_lookup, op_dns_lookup_service, op_dns_default_servers, op_dns_query, op_dns_cancel,
} from 'atoll:ops';
import process from 'node:process';
import { codes, makeNodeError } from '../internal/errors.js';
import {
  validateArray, validateFunction, validateInt32, validateString, validateOneOf, validatePort,
} from '../internal/validators.js';
import { ensureNet } from '../internal/net/handles.js';
import { isIP } from '../internal/net/ip.js';

export const ADDRCONFIG = 1024;
export const V4MAPPED = 2048;
export const ALL = 256;
export const NODATA = 'ENODATA';
export const FORMERR = 'EFORMERR';
export const SERVFAIL = 'ESERVFAIL';
export const NOTFOUND = 'ENOTFOUND';
export const NOTIMP = 'ENOTIMP';
export const REFUSED = 'EREFUSED';
export const BADQUERY = 'EBADQUERY';
export const BADNAME = 'EBADNAME';
export const BADFAMILY = 'EBADFAMILY';
export const BADRESP = 'EBADRESP';
export const CONNREFUSED = 'ECONNREFUSED';
export const TIMEOUT = 'ETIMEOUT';
export const EOF = 'EOF';
export const FILE = 'EFILE';
export const NOMEM = 'ENOMEM';
export const DESTRUCTION = 'EDESTRUCTION';
export const BADSTR = 'EBADSTR';
export const BADFLAGS = 'EBADFLAGS';
export const NONAME = 'ENONAME';
export const BADHINTS = 'EBADHINTS';
export const NOTINITIALIZED = 'ENOTINITIALIZED';
export const LOADIPHLPAPI = 'ELOADIPHLPAPI';
export const ADDRGETNETWORKPARAMS = 'EADDRGETNETWORKPARAMS';
export const CANCELLED = 'ECANCELLED';

let defaultOrder = 'verbatim';
export function setDefaultResultOrder(order) {
  validateOneOf(order, 'dnsOrder', ['verbatim', 'ipv4first', 'ipv6first']);
  defaultOrder = order;
}
export function getDefaultResultOrder() { return defaultOrder; }

function lookupError(err, hostname) {
  if (err && err.code === 'ERR_ACCESS_DENIED') return err;
  const code = err && err.code ? err.code : 'ENOTFOUND';
  const e = new Error(`getaddrinfo ${code} ${hostname}`);
  e.errno = err && typeof err.errno === 'number' ? err.errno : -3008;
  e.code = code;
  e.syscall = 'getaddrinfo';
  e.hostname = hostname;
  return e;
}

function parseOptions(options) {
  let family = 0;
  let all = false;
  let order = defaultOrder;
  if (typeof options === 'number') {
    validateOneOf(options, 'family', [0, 4, 6]);
    family = options;
  } else if (options !== undefined && options !== null) {
    if (typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', ['integer', 'Object'], options);
    if (options.family !== undefined && options.family !== null) {
      family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
      validateOneOf(family, 'options.family', [0, 4, 6]);
    }
    all = options.all === true;
    if (options.verbatim === false) order = 'ipv4first';
    if (options.order !== undefined) {
      validateOneOf(options.order, 'options.order', ['verbatim', 'ipv4first', 'ipv6first']);
      order = options.order;
    }
  }
  return { family, all, order };
}

// Resolve to [{ address, family }] honouring family and order.
export function lookupAll(hostname, { family, order }) {
  const ip = isIP(hostname);
  if (ip) {
    if (family && family !== ip) return Promise.reject(lookupError({ code: 'ENOTFOUND' }, hostname));
    return Promise.resolve([{ address: hostname, family: ip }]);
  }
  ensureNet();
  return op_dns_lookup(hostname).then((list) => {
    let out = list.map(([address, fam]) => ({ address, family: fam }));
    if (family) out = out.filter((a) => a.family === family);
    if (order === 'ipv4first') out.sort((a, b) => a.family - b.family);
    else if (order === 'ipv6first') out.sort((a, b) => b.family - a.family);
    if (out.length === 0) throw lookupError({ code: 'ENOTFOUND' }, hostname);
    return out;
  }, (err) => { throw lookupError(err, hostname); });
}

export function lookup(hostname, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  validateFunction(callback, 'callback');
  if (hostname !== undefined && hostname !== null && hostname !== '') validateString(hostname, 'hostname');
  const opts = parseOptions(options);
  if (!hostname) {
    process.nextTick(() => (opts.all ? callback(null, []) : callback(null, null, opts.family === 6 ? 6 : 4)));
    return {};
  }
  lookupAll(hostname, opts).then((list) => {
    if (opts.all) callback(null, list);
    else callback(null, list[0].address, list[0].family);
  }, (err) => callback(err));
  return {};
}

// ---- resolve*() / reverse() / Resolver ----

// Node's binding names (they are the `syscall` of the errors) and the query types.
const bindingTypes = {
  queryAny: 'ANY', queryA: 'A', queryAaaa: 'AAAA', queryCaa: 'CAA', queryCname: 'CNAME',
  queryMx: 'MX', queryNs: 'NS', queryTxt: 'TXT', querySrv: 'SRV', queryPtr: 'PTR',
  queryNaptr: 'NAPTR', querySoa: 'SOA', getHostByAddr: 'REVERSE',
};
const methods = {
  resolveAny: 'queryAny', resolve4: 'queryA', resolve6: 'queryAaaa', resolveCaa: 'queryCaa',
  resolveCname: 'queryCname', resolveMx: 'queryMx', resolveNs: 'queryNs', resolveTxt: 'queryTxt',
  resolveSrv: 'querySrv', resolvePtr: 'queryPtr', resolveNaptr: 'queryNaptr',
  resolveSoa: 'querySoa', reverse: 'getHostByAddr',
};
const rrtypes = {
  ANY: 'resolveAny', A: 'resolve4', AAAA: 'resolve6', CAA: 'resolveCaa', CNAME: 'resolveCname',
  MX: 'resolveMx', NS: 'resolveNs', TXT: 'resolveTxt', SRV: 'resolveSrv', PTR: 'resolvePtr',
  NAPTR: 'resolveNaptr', SOA: 'resolveSoa',
};
const IANA_DNS_PORT = 53;

// c-ares failures carry a string code and no errno; EINVAL (reverse of a non-IP) is libuv's.
function dnsException(code, syscall, hostname) {
  const e = new Error(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
  e.errno = code === 'EINVAL' ? -22 : undefined;
  e.code = code;
  e.syscall = syscall;
  if (hostname) e.hostname = hostname;
  return e;
}

// CAA answers come as { critical, tag, value }: Node names the property after the tag.
function caa(r) {
  const o = { critical: r.critical, [r.tag]: r.value };
  if (r.type) o.type = r.type;
  return o;
}

function sockaddr([ip, port]) { return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`; }

let systemServers;
function defaultServers() {
  systemServers ??= op_dns_default_servers().map((s) => {
    const m = /^\[?(.*?)\]?:(\d+)$/.exec(s);
    return [m[1], Number(m[2])];
  });
  return systemServers.map((s) => s.slice());
}

let nextQuery = 1;
const kServers = Symbol('servers');
const kPending = Symbol('pending');

class ResolverBase {
  constructor(options = undefined) {
    const { timeout = -1, tries = 4 } = { ...options };
    validateInt32(timeout, 'options.timeout', -1);
    validateInt32(tries, 'options.tries', 1);
    this._timeout = timeout;
    this._tries = tries;
    this[kServers] = null;
    this[kPending] = new Set();
  }

  // One query: resolves to Node's result shape, rejects with Node's DNS error.
  _query(binding, name, ttl) {
    if (binding === 'getHostByAddr' && !isIP(name)) {
      return Promise.reject(dnsException('EINVAL', binding, name));
    }
    const id = nextQuery++;
    const servers = (this[kServers] ??= defaultServers()).map(sockaddr);
    this[kPending].add(id);
    return op_dns_query(id, servers, name, bindingTypes[binding], [this._timeout, this._tries, ttl ? 1 : 0])
      .then((r) => {
        this[kPending].delete(id);
        if (binding === 'queryCaa') return r.map(caa);
        if (binding === 'queryAny') return r.map((x) => (x.type === 'CAA' ? caa(x) : x));
        return r;
      }, (err) => {
        this[kPending].delete(id);
        if (err && err.code === 'ERR_ACCESS_DENIED') throw err;
        throw dnsException(err && err.code ? err.code : 'ESERVFAIL', binding, name);
      });
  }

  cancel() {
    for (const id of this[kPending]) op_dns_cancel(id);
  }

  getServers() {
    return (this[kServers] ??= defaultServers()).map(([ip, port]) => {
      if (!port || port === IANA_DNS_PORT) return ip;
      return isIP(ip) === 6 ? `[${ip}]:${port}` : `${ip}:${port}`;
    });
  }

  setServers(servers) {
    validateArray(servers, 'servers');
    const list = [];
    servers.forEach((serv, i) => {
      validateString(serv, `servers[${i}]`);
      if (isIP(serv)) return list.push([serv, IANA_DNS_PORT]);
      const v6 = /^\[([^[\]]*)\]/.exec(serv);
      if (v6 && isIP(v6[1])) {
        const port = Number.parseInt(serv.replace(/(^.+?)(?::(\d+))?$/, '$2')) || IANA_DNS_PORT;
        return list.push([v6[1], port]);
      }
      const split = /(^.+?)(?::(\d+))?$/.exec(serv);
      if (split && isIP(split[1])) {
        return list.push([split[1], Number.parseInt(split[2] || IANA_DNS_PORT)]);
      }
      throw makeNodeError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${serv}`);
    });
    for (const [ip, port] of list) {
      if (port > 65535) throw makeNodeError(TypeError, 'ERR_INVALID_IP_ADDRESS', `Invalid IP address: ${ip}:${port}`);
    }
    this[kServers] = list;
  }

  setLocalAddress() {
    throw new codes.ERR_NOT_IMPLEMENTED('dns.Resolver#setLocalAddress()');
  }
}

// Callback methods: (name[, options], callback).
function callbackQuery(binding) {
  const query = function (name, options, callback) {
    if (arguments.length <= 2) { callback = options; options = undefined; }
    validateString(name, 'name');
    validateFunction(callback, 'callback');
    if (binding === 'getHostByAddr' && !isIP(name)) throw dnsException('EINVAL', binding, name);
    // The callback runs on its own tick, so what it throws is an uncaught exception.
    this._query(binding, name, !!(options && options.ttl)).then(
      (r) => process.nextTick(callback, null, r),
      (e) => process.nextTick(callback, e));
    return {};
  };
  Object.defineProperty(query, 'name', { value: binding });
  return query;
}

function promiseQuery(binding) {
  const query = function (name, options) {
    validateString(name, 'name');
    return this._query(binding, name, !!(options && options.ttl));
  };
  Object.defineProperty(query, 'name', { value: binding });
  return query;
}

export class Resolver extends ResolverBase {}
class PromiseResolver extends ResolverBase {}
Object.defineProperty(PromiseResolver, 'name', { value: 'Resolver' });
for (const [method, binding] of Object.entries(methods)) {
  Resolver.prototype[method] = callbackQuery(binding);
  PromiseResolver.prototype[method] = promiseQuery(binding);
}
Resolver.prototype.resolve = function resolve(hostname, rrtype, callback) {
  let method;
  if (typeof rrtype === 'string') {
    method = rrtypes[rrtype];
  } else if (typeof rrtype === 'function') {
    method = 'resolve4';
    callback = rrtype;
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('rrtype', 'string', rrtype);
  }
  if (method === undefined) throw new codes.ERR_INVALID_ARG_VALUE('rrtype', rrtype);
  return this[method](hostname, callback);
};
PromiseResolver.prototype.resolve = function resolve(hostname, rrtype) {
  let method = 'resolve4';
  if (rrtype !== undefined) {
    validateString(rrtype, 'rrtype');
    method = rrtypes[rrtype];
    if (method === undefined) throw new codes.ERR_INVALID_ARG_VALUE('rrtype', rrtype);
  }
  return this[method](hostname);
};

// dns.* and dns.promises.* each have their own default resolver. As in Node (with dns.promises
// loaded, which it always is here), dns.setServers() sets both, dnsPromises.setServers() only
// the promise one.
const defaultResolver = new Resolver();
const defaultPromiseResolver = new PromiseResolver();
const bind = (target) => (proto, name) => function (...args) { return proto[name].apply(target, args); };
const bound = bind(defaultResolver);
const boundPromise = bind(defaultPromiseResolver);

export const resolve = bound(Resolver.prototype, 'resolve');
export const resolve4 = bound(Resolver.prototype, 'resolve4');
export const resolve6 = bound(Resolver.prototype, 'resolve6');
export const resolveAny = bound(Resolver.prototype, 'resolveAny');
export const resolveCname = bound(Resolver.prototype, 'resolveCname');
export const resolveCaa = bound(Resolver.prototype, 'resolveCaa');
export const resolveMx = bound(Resolver.prototype, 'resolveMx');
export const resolveNaptr = bound(Resolver.prototype, 'resolveNaptr');
export const resolveNs = bound(Resolver.prototype, 'resolveNs');
export const resolvePtr = bound(Resolver.prototype, 'resolvePtr');
export const resolveSoa = bound(Resolver.prototype, 'resolveSoa');
export const resolveSrv = bound(Resolver.prototype, 'resolveSrv');
export const resolveTxt = bound(Resolver.prototype, 'resolveTxt');
export const reverse = bound(Resolver.prototype, 'reverse');
export function getServers() { return defaultResolver.getServers(); }
export function setServers(servers) {
  defaultResolver.setServers(servers);
  defaultPromiseResolver.setServers(servers);
}

// Node checks the address (any value that is not an IP) and the port before the callback.
function validateLookupService(address, port) {
  if (isIP(address) === 0) throw new codes.ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
}

// getnameinfo(address, port), resolving to { hostname, service }.
function lookupServiceAsync(address, port) {
  ensureNet();
  return op_dns_lookup_service(address, +port).then(
    ([hostname, service]) => ({ hostname, service }),
    (err) => {
      if (err && err.code === 'ERR_ACCESS_DENIED') throw err;
      const e = new Error(`getnameinfo ${err.code} ${address}`);
      e.errno = err.errno;
      e.code = err.code;
      e.syscall = 'getnameinfo';
      e.hostname = address;
      throw e;
    },
  );
}

export function lookupService(address, port, callback) {
  if (arguments.length !== 3) throw new codes.ERR_MISSING_ARGS('address', 'port', 'callback');
  validateLookupService(address, port);
  validateFunction(callback, 'callback');
  lookupServiceAsync(address, port).then(
    ({ hostname, service }) => callback(null, hostname, service),
    (err) => callback(err),
  );
}

const constants = {
  NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY, BADNAME, BADFAMILY, BADRESP,
  CONNREFUSED, TIMEOUT, EOF, FILE, NOMEM, DESTRUCTION, BADSTR, BADFLAGS, NONAME, BADHINTS,
  NOTINITIALIZED, LOADIPHLPAPI, ADDRGETNETWORKPARAMS, CANCELLED,
};

export const promises = {
  lookup(hostname, options) {
    if (hostname !== undefined && hostname !== null && hostname !== '') validateString(hostname, 'hostname');
    const opts = parseOptions(options);
    return lookupAll(hostname, opts).then((list) => (opts.all ? list : list[0]));
  },
  lookupService(address, port) {
    if (arguments.length !== 2) throw new codes.ERR_MISSING_ARGS('address', 'port');
    validateLookupService(address, port);
    return lookupServiceAsync(address, port);
  },
  setDefaultResultOrder, getDefaultResultOrder,
  Resolver: PromiseResolver,
  ...constants,
};
for (const name of [...Object.keys(methods), 'resolve', 'getServers', 'setServers']) {
  promises[name] = boundPromise(PromiseResolver.prototype, name);
}

export default {
  lookup, lookupService, resolve, resolve4, resolve6, resolveAny, resolveCname, resolveCaa,
  resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse,
  getServers, setServers, setDefaultResultOrder, getDefaultResultOrder, Resolver, promises,
  ADDRCONFIG, V4MAPPED, ALL, ...constants,
};
