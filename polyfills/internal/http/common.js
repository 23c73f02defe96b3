// Shared bits of node:http: status texts, methods, header validation, Date caching.
import { Buffer } from 'node:buffer';
import { codes } from '../errors.js';

export const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK',
  'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH',
  'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE',
  'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE',
];

export const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
  204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status',
  208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required',
  403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
  411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
  415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error', 501: 'Not Implemented',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
  508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

export const maxHeaderSize = 16384;

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
export function checkIsHttpToken(val) { return typeof val === 'string' && tokenRegExp.test(val); }
const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
export function checkInvalidHeaderChar(val) { return headerCharRegex.test(val); }

// Names and short values already found valid: a Set lookup is several times cheaper than the
// regular expressions, and servers send the same few headers on every response.
const validNames = new Set();
const validValues = new Set();
const kMaxCached = 1024;

export function validateHeaderName(name, label = 'Header name') {
  if (validNames.has(name)) return;
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw new codes.ERR_INVALID_HTTP_TOKEN(label, name);
  }
  if (validNames.size < kMaxCached) validNames.add(name);
}

export function validateHeaderValue(name, value) {
  if (validValues.has(value)) return;
  if (value === undefined) throw new codes.ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  const s = String(value);
  if (checkInvalidHeaderChar(s)) throw new codes.ERR_INVALID_CHAR('header content', name);
  if (typeof value === 'string' && s.length <= 128 && validValues.size < kMaxCached) validValues.add(value);
}

// UTF-8 length of `s` without leaving JS for the common ASCII case.
export function utf8Length(s) {
  const n = s.length;
  if (n > 64) return Buffer.byteLength(s);
  for (let i = 0; i < n; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s);
  return n;
}

let dateCache;
let dateSecond = -1;
export function utcDate() {
  const now = Date.now();
  const s = Math.floor(now / 1000);
  if (s !== dateSecond) {
    dateSecond = s;
    dateCache = new Date(now).toUTCString();
  }
  return dateCache;
}

// raw [k, v, k, v] -> Node's headers object (duplicates joined per Node's rules).
const dropDups = new Set(['content-type', 'content-length', 'user-agent', 'referer', 'host',
  'authorization', 'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from',
  'location', 'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires']);
export function headersFromRaw(raw, dest, distinct) {
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i].toLowerCase();
    const value = raw[i + 1];
    if (distinct) {
      if (dest[key] === undefined) dest[key] = [value];
      else dest[key].push(value);
      continue;
    }
    const cur = dest[key];
    if (cur === undefined) dest[key] = key === 'set-cookie' ? [value] : value;
    else if (key === 'set-cookie') cur.push(value);
    else if (dropDups.has(key)) continue;
    else dest[key] = `${cur}${key === 'cookie' ? '; ' : ', '}${value}`;
  }
  return dest;
}
