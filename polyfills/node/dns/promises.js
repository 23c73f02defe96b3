// node:dns/promises — the promise half of node:dns.
import dns from 'node:dns';

const p = dns.promises;
export const {
  lookup, lookupService, resolve, resolve4, resolve6, resolveAny, resolveCname, resolveCaa,
  resolveMx, resolveNaptr, resolveNs, resolvePtr, resolveSoa, resolveSrv, resolveTxt, reverse,
  getServers, setServers, setDefaultResultOrder, getDefaultResultOrder, Resolver,
} = p;
export default p;
