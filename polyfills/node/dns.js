// node:dns — lookup() through the system resolver (tokio's getaddrinfo), gated by --allow-net:
// a name no --allow-net entry could cover is refused before any resolver sees it.
// resolve*() / reverse() (DNS wire queries) are not implemented yet: ERR_NOT_IMPLEMENTED.
import { op_dns_lookup } from 'atoll:ops';
import process from 'node:process';
import { codes } from '../internal/errors.js';
import { validateFunction, validateString, validateOneOf } from '../internal/validators.js';
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

function notImplemented(name) {
  return function () {
    throw new codes.ERR_NOT_IMPLEMENTED(`dns.${name}() (only dns.lookup() is available)`);
  };
}

export const resolve = notImplemented('resolve');
export const resolve4 = notImplemented('resolve4');
export const resolve6 = notImplemented('resolve6');
export const resolveAny = notImplemented('resolveAny');
export const resolveCname = notImplemented('resolveCname');
export const resolveCaa = notImplemented('resolveCaa');
export const resolveMx = notImplemented('resolveMx');
export const resolveNaptr = notImplemented('resolveNaptr');
export const resolveNs = notImplemented('resolveNs');
export const resolvePtr = notImplemented('resolvePtr');
export const resolveSoa = notImplemented('resolveSoa');
export const resolveSrv = notImplemented('resolveSrv');
export const resolveTxt = notImplemented('resolveTxt');
export const reverse = notImplemented('reverse');
export const lookupService = notImplemented('lookupService');

export function getServers() { return []; }
export function setServers() { throw new codes.ERR_NOT_IMPLEMENTED('dns.setServers()'); }

export class Resolver {
  constructor() {}
  cancel() {}
  getServers() { return []; }
  setServers() { throw new codes.ERR_NOT_IMPLEMENTED('dns.Resolver#setServers()'); }
  setLocalAddress() {}
}
for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveCaa',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse']) {
  Resolver.prototype[name] = notImplemented(name);
}

export const promises = {
  lookup(hostname, options) {
    if (hostname !== undefined && hostname !== null && hostname !== '') validateString(hostname, 'hostname');
    const opts = parseOptions(options);
    return lookupAll(hostname, opts).then((list) => (opts.all ? list : list[0]));
  },
  getServers, setDefaultResultOrder, getDefaultResultOrder,
  Resolver,
};
for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveCaa',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt',
  'reverse', 'lookupService', 'setServers']) {
  const f = notImplemented(name);
  promises[name] = (...args) => { try { return f(...args); } catch (e) { return Promise.reject(e); } };
}

export default {
  lookup, lookupService, resolve, resolve4, resolve6, resolveAny, resolveCname, resolveCaa,
  resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse,
  getServers, setServers, setDefaultResultOrder, getDefaultResultOrder, Resolver, promises,
  ADDRCONFIG, V4MAPPED, ALL, NODATA, FORMERR, SERVFAIL, NOTFOUND, NOTIMP, REFUSED, BADQUERY,
  BADNAME, BADFAMILY, BADRESP, CONNREFUSED, TIMEOUT, EOF, FILE, NOMEM, DESTRUCTION, BADSTR,
  BADFLAGS, NONAME, BADHINTS, NOTINITIALIZED, LOADIPHLPAPI, ADDRGETNETWORKPARAMS, CANCELLED,
};
