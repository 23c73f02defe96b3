// node:url: WHATWG URL (globals), file-URL helpers, and the legacy url.parse/format/resolve API.
import { URL, URLSearchParams } from '../internal/web/url.js';
import { op_url_domain_to_ascii } from 'atoll:ops';
import { codes } from '../internal/errors.js';
import { validateString } from '../internal/validators.js';
import * as querystring from 'node:querystring';

export { URL, URLSearchParams };

export function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!(path instanceof URL) && !(path && typeof path.href === 'string')) {
    throw new codes.ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  }
  if (path.protocol !== 'file:') throw new codes.ERR_INVALID_URL_SCHEME('file');
  if (path.hostname !== '') throw new codes.ERR_INVALID_FILE_URL_HOST('linux');
  const pathname = path.pathname;
  for (let i = 0; i < pathname.length; i++) {
    if (pathname[i] === '%') {
      const third = pathname.codePointAt(i + 2) | 0x20;
      if (pathname[i + 1] === '2' && third === 102) {
        throw new codes.ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

export function pathToFileURL(filepath) {
  validateString(filepath, 'path');
  let resolved = filepath;
  if (!filepath.startsWith('/')) {
    resolved = `${globalThis.process.cwd()}/${filepath}`;
  }
  // Normalise like path.resolve, keeping a trailing slash.
  const trailing = filepath.endsWith('/') && resolved !== '/';
  const parts = [];
  for (const seg of resolved.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop(); else parts.push(seg);
  }
  let out = `/${parts.join('/')}${trailing && parts.length ? '/' : ''}`;
  out = out.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  const url = new URL('file://');
  url.pathname = out;
  return url;
}

export function urlToHttpOptions(url) {
  const options = {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

export function domainToASCII(domain) {
  return op_url_domain_to_ascii(`${domain}`);
}

export function domainToUnicode(domain) {
  // The url crate keeps hosts in ASCII form; decode punycode labels here.
  return `${domain}`.split('.').map((label) => (label.startsWith('xn--') ? punyDecode(label.slice(4)) : label)).join('.');
}

function punyDecode(input) {
  const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
  let n = 128, i = 0, bias = 72;
  const basic = input.lastIndexOf('-');
  const output = basic > 0 ? [...input.slice(0, basic)].map((c) => c.codePointAt(0)) : [];
  for (let idx = basic > 0 ? basic + 1 : 0; idx < input.length;) {
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      const c = input.charCodeAt(idx++);
      const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    const len = output.length + 1;
    let delta = oldi === 0 ? Math.floor((i - oldi) / damp) : (i - oldi) >> 1;
    delta += Math.floor(delta / len);
    let k = 0;
    while (delta > ((base - tMin) * tMax) >> 1) { delta = Math.floor(delta / (base - tMin)); k += base; }
    bias = Math.floor(k + ((base - tMin + 1) * delta) / (delta + skew));
    n += Math.floor(i / len);
    i %= len;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

// ---- legacy API ----
export function Url() {
  this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
  this.hostname = null; this.hash = null; this.search = null; this.query = null;
  this.pathname = null; this.path = null; this.href = null;
}

const slashedProtocols = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);

export function parse(url, parseQueryString = false, slashesDenoteHost = false) {
  if (url instanceof Url) return url;
  validateString(url, 'url');
  const u = new Url();
  let rest = url.trim();
  const hashIdx = rest.indexOf('#');
  if (hashIdx !== -1) { u.hash = rest.slice(hashIdx); rest = rest.slice(0, hashIdx); }
  const qIdx = rest.indexOf('?');
  if (qIdx !== -1) {
    u.search = rest.slice(qIdx);
    u.query = rest.slice(qIdx + 1);
    rest = rest.slice(0, qIdx);
  } else if (parseQueryString) {
    u.search = '';
    u.query = {};
  }
  if (parseQueryString && typeof u.query === 'string') u.query = querystring.parse(u.query);
  const proto = /^([a-zA-Z][a-zA-Z0-9+\-.]*:)/.exec(rest);
  if (proto) {
    u.protocol = proto[1].toLowerCase();
    rest = rest.slice(proto[1].length);
  }
  if ((slashesDenoteHost || proto) && rest.startsWith('//') && !(u.protocol === 'javascript:')) {
    u.slashes = true;
    rest = rest.slice(2);
    const end = rest.search(/[/\\]/);
    let authority = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    if (at !== -1) {
      u.auth = decodeURIComponent(authority.slice(0, at));
      authority = authority.slice(at + 1);
    }
    const portMatch = /:(\d*)$/.exec(authority);
    if (portMatch) {
      if (portMatch[1] !== '') u.port = portMatch[1];
      authority = authority.slice(0, -portMatch[0].length);
    }
    u.hostname = authority.toLowerCase();
    u.host = u.hostname + (u.port ? `:${u.port}` : '');
    if (rest === '' && slashedProtocols.has(u.protocol)) rest = '/';
  }
  u.pathname = rest === '' ? (u.slashes ? null : null) : rest;
  if (u.pathname === null && (u.search || u.hash) && u.slashes) u.pathname = '/';
  u.path = (u.pathname ?? '') + (u.search ?? '') || null;
  u.href = format(u);
  return u;
}

export function format(urlObject, options) {
  if (typeof urlObject === 'string') urlObject = parse(urlObject);
  else if (urlObject instanceof URL) {
    const o = { auth: true, fragment: true, search: true, unicode: false, ...options };
    let out = `${urlObject.protocol}`;
    if (urlObject.host !== '' || urlObject.protocol === 'file:') {
      out += '//';
      if (o.auth && (urlObject.username || urlObject.password)) {
        out += urlObject.username + (urlObject.password ? `:${urlObject.password}` : '') + '@';
      }
      out += o.unicode ? domainToUnicode(urlObject.host) : urlObject.host;
    }
    out += urlObject.pathname;
    if (o.search) out += urlObject.search;
    if (o.fragment) out += urlObject.hash;
    return out;
  } else if (urlObject === null || typeof urlObject !== 'object') {
    throw new codes.ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  }
  let auth = urlObject.auth ? `${encodeURIComponent(urlObject.auth).replace(/%3A/i, ':')}@` : '';
  let protocol = urlObject.protocol || '';
  if (protocol && !protocol.endsWith(':')) protocol += ':';
  let pathname = urlObject.pathname || '';
  let hash = urlObject.hash || '';
  let search = urlObject.search || '';
  let host = '';
  if (urlObject.host) {
    host = auth + urlObject.host;
  } else if (urlObject.hostname) {
    host = auth + (urlObject.hostname.includes(':') ? `[${urlObject.hostname}]` : urlObject.hostname);
    if (urlObject.port) host += `:${urlObject.port}`;
  }
  if (!search && urlObject.query && typeof urlObject.query === 'object') {
    const qs = querystring.stringify(urlObject.query);
    if (qs) search = `?${qs}`;
  }
  if (search && search[0] !== '?') search = `?${search}`;
  if (hash && hash[0] !== '#') hash = `#${hash}`;
  if (urlObject.slashes || slashedProtocols.has(protocol)) {
    if (urlObject.slashes || host) {
      if (pathname && pathname[0] !== '/') pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.length >= 4 && protocol.startsWith('file')) {
      host = '//';
    }
  }
  search = search.replace(/#/g, '%23');
  pathname = pathname.replace(/[?#]/g, encodeURIComponent);
  return protocol + host + pathname + search + hash;
}

export function resolve(from, to) {
  const base = new URL(from, 'resolve://');
  const resolved = new URL(to, base);
  if (resolved.protocol === 'resolve:') {
    const { pathname, search, hash } = resolved;
    return pathname + search + hash;
  }
  return resolved.toString();
}

export function resolveObject(source, relative) {
  return parse(resolve(typeof source === 'string' ? source : format(source), typeof relative === 'string' ? relative : format(relative)));
}

export default {
  URL, URLSearchParams, fileURLToPath, pathToFileURL, urlToHttpOptions, domainToASCII,
  domainToUnicode, parse, format, resolve, resolveObject, Url,
};
