// fetch, Request, Response, Headers and FormData (Fetch Standard, Node 20/undici flavour).
// Bodies are kept as their source (text, bytes, Blob, FormData) until someone asks for
// `.body`, which makes a ReadableStream on demand; `atoll serve` (internal/web/serve.js) reads
// the source directly. `fetch()` goes through node:http's / node:https's client (TLS by rustls),
// so every connect is checked by the --allow-net policy.
import { op_require_builtin } from 'atoll:ops';
import { codes } from '../errors.js';
import {
  ReadableStream, createReadableStream, controllerOf, isDisturbed, DecompressionStream,
} from './streams.js';
import { TextEncoder, TextDecoder } from './encoding.js';

const { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS } = codes;

const kHeaders = Symbol('kHeaders');
const kGuard = Symbol('kGuard');
const kBody = Symbol('kBody');
const kState = Symbol('kState');
const kEntries = Symbol('kEntries');
const customInspect = Symbol.for('nodejs.util.inspect.custom');

const encoder = new TextEncoder();
const utf8 = (bytes) => new TextDecoder().decode(bytes);

let httpModule;
let httpsModule;
let bufferModule;
const http = () => (httpModule ??= op_require_builtin('node:http'));
const https = () => (httpsModule ??= op_require_builtin('node:https'));
const buffer = () => (bufferModule ??= op_require_builtin('node:buffer'));

// ---- Headers -------------------------------------------------------------------------------

const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const badValueRe = /[\0\r\n]/;

function normalizeValue(v) {
  return `${v}`.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}
function checkName(name) {
  if (!tokenRe.test(name)) throw new TypeError(`Headers.append: "${name}" is an invalid header name.`);
}
function checkValue(name, value) {
  if (badValueRe.test(value)) throw new TypeError(`Headers.append: "${value}" is an invalid header value.`);
}

export class Headers {
  constructor(init = undefined) {
    this[kHeaders] = new Map(); // lowercase name -> { name, values: [] }
    this[kGuard] = 'none';
    if (init === undefined || init === null) {
      if (init === null) throw new ERR_INVALID_ARG_TYPE('init', 'object', init);
      return;
    }
    fillHeaders(this, init);
  }

  append(name, value) {
    checkMutable(this);
    appendHeader(this, `${name}`, normalizeValue(value));
  }

  delete(name) {
    checkMutable(this);
    name = `${name}`;
    checkName(name);
    this[kHeaders].delete(name.toLowerCase());
  }

  get(name) {
    name = `${name}`;
    checkName(name);
    const e = this[kHeaders].get(name.toLowerCase());
    if (e === undefined) return null;
    return e.values.join(', ');
  }

  getSetCookie() {
    const e = this[kHeaders].get('set-cookie');
    return e === undefined ? [] : e.values.slice();
  }

  has(name) {
    name = `${name}`;
    checkName(name);
    return this[kHeaders].has(name.toLowerCase());
  }

  set(name, value) {
    checkMutable(this);
    name = `${name}`;
    value = normalizeValue(value);
    checkName(name);
    checkValue(name, value);
    this[kHeaders].set(name.toLowerCase(), { name, values: [value] });
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    for (const [k, v] of this) Reflect.apply(callback, thisArg, [v, k, this]);
  }

  *entries() {
    yield* sortedPairs(this);
  }

  *keys() {
    for (const [k] of sortedPairs(this)) yield k;
  }

  *values() {
    for (const [, v] of sortedPairs(this)) yield v;
  }

  [Symbol.iterator]() {
    return this.entries();
  }

  get [Symbol.toStringTag]() { return 'Headers'; }

  [customInspect]() {
    const o = {};
    for (const [k, v] of this) o[k] = v;
    return `Headers ${JSON.stringify(o)}`;
  }
}

function checkMutable(h) {
  if (!(kHeaders in h)) throw new ERR_INVALID_THIS('Headers');
  if (h[kGuard] === 'immutable') throw new TypeError('immutable');
}

function appendHeader(h, name, value) {
  checkName(name);
  checkValue(name, value);
  const key = name.toLowerCase();
  const e = h[kHeaders].get(key);
  if (e === undefined) h[kHeaders].set(key, { name, values: [value] });
  else e.values.push(value);
}

function fillHeaders(h, init) {
  if (typeof init !== 'object' && typeof init !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('init', 'object', init);
  }
  if (init instanceof Headers) {
    for (const [k, e] of init[kHeaders]) h[kHeaders].set(k, { name: e.name, values: e.values.slice() });
    return;
  }
  if (typeof init[Symbol.iterator] === 'function') {
    for (const pair of init) {
      if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
        throw new TypeError('Headers constructor: expected name/value pair to be length 2, found undefined.');
      }
      const p = [...pair];
      if (p.length !== 2) throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${p.length}.`);
      appendHeader(h, `${p[0]}`, normalizeValue(p[1]));
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    const desc = Reflect.getOwnPropertyDescriptor(init, key);
    if (desc === undefined || !desc.enumerable) continue;
    if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    appendHeader(h, key, normalizeValue(init[key]));
  }
}

function sortedPairs(h) {
  const keys = [...h[kHeaders].keys()].sort();
  const out = [];
  for (const k of keys) {
    const e = h[kHeaders].get(k);
    if (k === 'set-cookie') {
      for (const v of e.values) out.push([k, v]);
    } else {
      out.push([k, e.values.join(', ')]);
    }
  }
  return out;
}

/** Headers from a flat [name, value, name, value, ...] list (no validation: from the wire). */
export function headersFromFlat(flat, guard = 'none') {
  const h = Object.create(Headers.prototype);
  const map = new Map();
  for (let i = 0; i < flat.length; i += 2) {
    const name = flat[i];
    const key = name.toLowerCase();
    const e = map.get(key);
    if (e === undefined) map.set(key, { name, values: [flat[i + 1]] });
    else e.values.push(flat[i + 1]);
  }
  h[kHeaders] = map;
  h[kGuard] = guard;
  return h;
}

/** Flat [name, value, ...] list for the wire (each set-cookie separately). */
export function headersToFlat(h) {
  const out = [];
  for (const [k, e] of h[kHeaders]) {
    if (k === 'set-cookie') for (const v of e.values) out.push(k, v);
    else out.push(k, e.values.join(', '));
  }
  return out;
}

// ---- FormData ------------------------------------------------------------------------------

function toEntryValue(value, filename) {
  const { Blob, File } = buffer();
  if (value instanceof Blob) {
    if (!(value instanceof File) || filename !== undefined) {
      return new File([value], filename !== undefined ? `${filename}` : (value instanceof File ? value.name : 'blob'), { type: value.type });
    }
    return value;
  }
  return `${value}`;
}

export class FormData {
  constructor(form = undefined) {
    if (form !== undefined) throw new TypeError("FormData constructor: Argument 1 is not of type 'HTMLFormElement'");
    this[kEntries] = [];
  }
  append(name, value, filename = undefined) {
    this[kEntries].push([`${name}`, toEntryValue(value, filename)]);
  }
  delete(name) {
    name = `${name}`;
    this[kEntries] = this[kEntries].filter(([n]) => n !== name);
  }
  get(name) {
    name = `${name}`;
    const e = this[kEntries].find(([n]) => n === name);
    return e === undefined ? null : e[1];
  }
  getAll(name) {
    name = `${name}`;
    return this[kEntries].filter(([n]) => n === name).map(([, v]) => v);
  }
  has(name) {
    name = `${name}`;
    return this[kEntries].some(([n]) => n === name);
  }
  set(name, value, filename = undefined) {
    name = `${name}`;
    const entry = [name, toEntryValue(value, filename)];
    const i = this[kEntries].findIndex(([n]) => n === name);
    if (i === -1) this[kEntries].push(entry);
    else {
      this[kEntries][i] = entry;
      this[kEntries] = this[kEntries].filter(([n], j) => j <= i || n !== name);
    }
  }
  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    for (const [k, v] of this) Reflect.apply(callback, thisArg, [v, k, this]);
  }
  *entries() {
    for (const [k, v] of this[kEntries]) yield [k, v];
  }
  *keys() {
    for (const [k] of this[kEntries]) yield k;
  }
  *values() {
    for (const [, v] of this[kEntries]) yield v;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  get [Symbol.toStringTag]() { return 'FormData'; }
}

function escapeMultipartName(s) {
  return s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

async function encodeMultipart(fd, boundary) {
  const parts = [];
  for (const [name, value] of fd[kEntries]) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeMultipartName(name)}"`;
    if (typeof value === 'string') {
      parts.push(encoder.encode(`${head}\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`));
    } else {
      head += `; filename="${escapeMultipartName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      parts.push(encoder.encode(head), new Uint8Array(await value.arrayBuffer()), encoder.encode('\r\n'));
    }
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(parts);
}

function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.byteLength;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function indexOf(hay, needle, from) {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function parseMultipart(bytes, boundary) {
  const { File } = buffer();
  const fd = new FormData();
  const delim = encoder.encode(`--${boundary}`);
  let pos = indexOf(bytes, delim, 0);
  if (pos === -1) throw new TypeError('Failed to parse body as FormData.');
  for (;;) {
    pos += delim.length;
    if (bytes[pos] === 0x2d && bytes[pos + 1] === 0x2d) break;
    pos += 2; // CRLF
    const headEnd = indexOf(bytes, encoder.encode('\r\n\r\n'), pos);
    if (headEnd === -1) throw new TypeError('Failed to parse body as FormData.');
    const head = utf8(bytes.subarray(pos, headEnd));
    const next = indexOf(bytes, delim, headEnd + 4);
    if (next === -1) throw new TypeError('Failed to parse body as FormData.');
    const content = bytes.subarray(headEnd + 4, next - 2);
    let name = '';
    let filename;
    let type = '';
    for (const line of head.split('\r\n')) {
      const [k, ...rest] = line.split(':');
      const v = rest.join(':').trim();
      if (k.toLowerCase() === 'content-disposition') {
        const n = /\bname="([^"]*)"/.exec(v);
        const f = /\bfilename="([^"]*)"/.exec(v);
        if (n) name = n[1];
        if (f) filename = f[1];
      } else if (k.toLowerCase() === 'content-type') {
        type = v;
      }
    }
    if (filename !== undefined) fd.append(name, new File([content.slice()], filename, { type }));
    else fd.append(name, utf8(content));
    pos = next;
  }
  return fd;
}

// ---- bodies --------------------------------------------------------------------------------

// kBody: null (no body) or { source, stream, used, length }; source is a string, Uint8Array,
// Blob, or null when the body only exists as `stream`.
function extractBody(init) {
  const { Blob } = buffer();
  if (typeof init === 'string') return [{ source: init, stream: null }, 'text/plain;charset=UTF-8'];
  if (init instanceof URLSearchParams) {
    return [{ source: init.toString(), stream: null }, 'application/x-www-form-urlencoded;charset=UTF-8'];
  }
  if (init instanceof ArrayBuffer) return [{ source: new Uint8Array(init.slice(0)), stream: null }, null];
  if (ArrayBuffer.isView(init)) {
    const copy = new Uint8Array(init.byteLength);
    copy.set(new Uint8Array(init.buffer, init.byteOffset, init.byteLength));
    return [{ source: copy, stream: null }, null];
  }
  if (init instanceof Blob) return [{ source: init, stream: null }, init.type || null];
  if (init instanceof FormData) {
    const boundary = `----formdata-atoll-${`${Math.random()}`.slice(2)}${`${Math.random()}`.slice(2)}`;
    const pending = encodeMultipart(init, boundary);
    pending.catch(() => {});
    return [{ source: null, stream: null, pending }, `multipart/form-data; boundary=${boundary}`];
  }
  if (init instanceof ReadableStream) {
    if (init.locked || isDisturbed(init)) throw new TypeError('Response body object should not be disturbed or locked');
    return [{ source: null, stream: init }, null];
  }
  if (init !== null && typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
    return [{ source: null, stream: ReadableStream.from(init) }, null];
  }
  return [{ source: `${init}`, stream: null }, 'text/plain;charset=UTF-8'];
}

function bytesOfSource(source) {
  return typeof source === 'string' ? encoder.encode(source) : source;
}

/** The body as a ReadableStream, made on first request. */
function bodyStream(b) {
  if (b.stream === null) {
    const src = b.source;
    const pending = b.pending;
    b.stream = createReadableStream(() => {}, () => Promise.resolve(), () => {}, 0);
    const c = controllerOf(b.stream);
    if (pending) {
      pending.then((bytes) => {
        if (bytes.length) c.enqueue(bytes);
        c.close();
      }, (e) => c.error(e));
    } else if (typeof src === 'string' || src instanceof Uint8Array) {
      const bytes = bytesOfSource(src);
      if (bytes.length) c.enqueue(bytes);
      c.close();
    } else {
      src.arrayBuffer().then((ab) => {
        if (ab.byteLength) c.enqueue(new Uint8Array(ab));
        c.close();
      }, (e) => c.error(e));
    }
    b.source = null;
    b.pending = undefined;
  }
  return b.stream;
}

function bodyUsed(b) {
  if (b === null) return false;
  if (b.used) return true;
  return b.stream !== null && isDisturbed(b.stream);
}

async function readAll(stream) {
  const reader = stream.getReader();
  const parts = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      if (ArrayBuffer.isView(value)) parts.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      else if (typeof value === 'string') parts.push(encoder.encode(value));
      else throw new TypeError('Received non-Uint8Array chunk');
    } else {
      parts.push(value);
    }
  }
  return parts.length === 1 ? parts[0] : concat(parts);
}

/** Consume a body to bytes (or a string for text() on a text source). */
function consume(self, wantText) {
  const b = self[kBody];
  if (bodyUsed(b)) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
  if (b === null) return Promise.resolve(wantText ? '' : new Uint8Array(0));
  if (b.stream !== null && b.stream.locked) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
  b.used = true;
  if (b.stream === null) {
    const src = b.source;
    if (b.pending) return b.pending.then((bytes) => (wantText ? utf8(bytes) : bytes));
    if (typeof src === 'string') return Promise.resolve(wantText ? src : encoder.encode(src));
    if (src instanceof Uint8Array) return Promise.resolve(wantText ? utf8(src) : src);
    return src.arrayBuffer().then((ab) => (wantText ? utf8(new Uint8Array(ab)) : new Uint8Array(ab)));
  }
  return readAll(b.stream).then((bytes) => (wantText ? utf8(bytes) : bytes));
}

function mimeType(self) {
  const ct = self[kState].headers.get('content-type');
  return ct === null ? '' : ct;
}

const bodyMethods = {
  get body() {
    const b = this[kBody];
    return b === null ? null : bodyStream(b);
  },
  get bodyUsed() {
    return bodyUsed(this[kBody]);
  },
  arrayBuffer() {
    return consume(this, false).then((u8) => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength
      ? u8.buffer : u8.buffer.slice(u8.byteOffset, u8.byteOffset + u8.byteLength)));
  },
  bytes() {
    return consume(this, false).then((u8) => new Uint8Array(u8));
  },
  text() {
    return consume(this, true);
  },
  json() {
    return consume(this, true).then((t) => JSON.parse(t));
  },
  blob() {
    const type = mimeType(this);
    return consume(this, false).then((u8) => new (buffer().Blob)([u8], { type }));
  },
  formData() {
    const type = mimeType(this);
    return consume(this, false).then((u8) => {
      const essence = type.split(';')[0].trim().toLowerCase();
      if (essence === 'multipart/form-data') {
        const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(type);
        if (!m) throw new TypeError('Failed to parse body as FormData.');
        return parseMultipart(u8, (m[1] ?? m[2]).trim());
      }
      if (essence === 'application/x-www-form-urlencoded') {
        const fd = new FormData();
        for (const [k, v] of new URLSearchParams(utf8(u8))) fd.append(k, v);
        return fd;
      }
      throw new TypeError('Response.formData: Could not parse content as FormData.');
    });
  },
};

function mixinBody(C) {
  for (const key of Object.getOwnPropertyNames(bodyMethods)) {
    const desc = Object.getOwnPropertyDescriptor(bodyMethods, key);
    desc.enumerable = true;
    Object.defineProperty(C.prototype, key, desc);
  }
}

function cloneBody(self) {
  const b = self[kBody];
  if (b === null) return null;
  if (bodyUsed(b) || (b.stream !== null && b.stream.locked)) throw new TypeError('Response.clone: Body has already been consumed.');
  if (b.stream === null && !b.pending) return { source: b.source, stream: null };
  const [s1, s2] = bodyStream(b).tee();
  b.stream = s1;
  return { source: null, stream: s2 };
}

// ---- Response ------------------------------------------------------------------------------

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
const redirectStatus = new Set([301, 302, 303, 307, 308]);
const reasonRe = /^[\t\x20-\x7e\x80-\xff]*$/;

export class Response {
  constructor(body = null, init = undefined) {
    if (init !== undefined && init !== null && typeof init !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('init', 'object', init);
    }
    const status = init?.status !== undefined ? Number(init.status) : 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    }
    const statusText = init?.statusText !== undefined ? `${init.statusText}` : '';
    if (!reasonRe.test(statusText)) throw new TypeError('Invalid statusText');
    const headers = new Headers(init?.headers ?? undefined);
    this[kState] = { type: 'default', status, statusText, headers, urlList: [], redirected: false };
    this[kBody] = null;
    if (body !== null && body !== undefined) {
      if (nullBodyStatus.has(status)) throw new TypeError('Response constructor: Invalid response status code ' + status);
      const [b, type] = extractBody(body);
      this[kBody] = b;
      if (type !== null && !headers[kHeaders].has('content-type')) headers[kHeaders].set('content-type', { name: 'content-type', values: [type] });
    }
    headers[kGuard] = 'response';
  }

  static error() {
    const r = makeResponse(0, '', headersFromFlat([], 'immutable'), null);
    r[kState].type = 'error';
    return r;
  }

  static redirect(url, status = 302) {
    const parsed = new URL(`${url}`);
    status = Number(status);
    if (!redirectStatus.has(status)) throw new RangeError(`Invalid status code ${status}`);
    return makeResponse(status, '', headersFromFlat(['location', parsed.href], 'immutable'), null);
  }

  static json(data, init = undefined) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = new Response(text, init);
    r[kState].headers[kHeaders].set('content-type', { name: 'content-type', values: ['application/json'] });
    return r;
  }

  get type() { return this[kState].type; }
  get url() {
    const list = this[kState].urlList;
    return list.length === 0 ? '' : `${list[list.length - 1]}`.replace(/#.*$/, '');
  }
  get redirected() { return this[kState].redirected; }
  get status() { return this[kState].status; }
  get ok() {
    const s = this[kState].status;
    return s >= 200 && s <= 299;
  }
  get statusText() { return this[kState].statusText; }
  get headers() { return this[kState].headers; }

  clone() {
    if (!(this instanceof Response)) throw new ERR_INVALID_THIS('Response');
    const s = this[kState];
    const r = makeResponse(s.status, s.statusText, headersFromFlat([]), cloneBody(this));
    for (const [k, e] of s.headers[kHeaders]) r[kState].headers[kHeaders].set(k, { name: e.name, values: e.values.slice() });
    r[kState].headers[kGuard] = s.headers[kGuard];
    Object.assign(r[kState], { type: s.type, urlList: s.urlList.slice(), redirected: s.redirected });
    return r;
  }

  get [Symbol.toStringTag]() { return 'Response'; }

  [customInspect]() {
    const s = this[kState];
    return `Response { status: ${s.status}, statusText: '${s.statusText}', url: '${this.url}', bodyUsed: ${this.bodyUsed} }`;
  }
}
mixinBody(Response);

function makeResponse(status, statusText, headers, body) {
  const r = Object.create(Response.prototype);
  r[kState] = { type: 'default', status, statusText, headers, urlList: [], redirected: false };
  r[kBody] = body;
  return r;
}

// ---- Request -------------------------------------------------------------------------------

const forbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);
const normalizeMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export class Request {
  constructor(input, init = undefined) {
    if (arguments.length === 0) throw new TypeError("Request constructor: 1 argument required, but only 0 present.");
    if (init !== undefined && init !== null && typeof init !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('init', 'object', init);
    }
    init ??= {};
    let url;
    let base = null;
    if (input instanceof Request) {
      base = input;
      url = input[kState].url;
    } else {
      try {
        url = new URL(`${input}`).href;
      } catch (err) {
        throw new TypeError(`Failed to parse URL from ${input}`, { cause: err });
      }
      const parsed = new URL(url);
      if (parsed.username || parsed.password) {
        throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
      }
    }
    let method = base ? base[kState].method : 'GET';
    if (init.method !== undefined) {
      method = `${init.method}`;
      if (!tokenRe.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const upper = method.toUpperCase();
      if (forbiddenMethods.has(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
      if (normalizeMethods.has(upper)) method = upper;
    }
    const redirect = init.redirect !== undefined ? `${init.redirect}` : (base ? base[kState].redirect : 'follow');
    if (!['follow', 'manual', 'error'].includes(redirect)) {
      throw new TypeError(`Request constructor: ${redirect} is not an accepted type. Expected one of follow, manual, error.`);
    }
    let signal = base ? base[kState].signal : null;
    if (init.signal !== undefined) {
      if (init.signal !== null && (typeof init.signal !== 'object' || !('aborted' in init.signal))) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      signal = init.signal;
    }
    const headers = new Headers(init.headers !== undefined ? init.headers : (base ? base[kState].headers : undefined));
    const ac = new AbortController();
    if (signal) {
      if (signal.aborted) ac.abort(signal.reason);
      else signal.addEventListener('abort', () => ac.abort(signal.reason), { once: true });
    }
    this[kState] = {
      method, url, headers, redirect, signal: ac.signal,
      credentials: init.credentials ?? (base ? base[kState].credentials : 'same-origin'),
      mode: init.mode ?? (base ? base[kState].mode : 'cors'),
      cache: init.cache ?? (base ? base[kState].cache : 'default'),
      keepalive: !!(init.keepalive ?? (base ? base[kState].keepalive : false)),
      integrity: init.integrity ?? (base ? base[kState].integrity : ''),
      referrer: 'about:client',
      referrerPolicy: init.referrerPolicy ?? '',
      duplex: init.duplex ?? 'half',
    };
    this[kBody] = null;
    const hasBody = init.body !== undefined && init.body !== null;
    if ((hasBody || (base && base[kBody] !== null && init.body === undefined)) && (method === 'GET' || method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    if (hasBody) {
      const [b, type] = extractBody(init.body);
      if (b.stream !== null && init.duplex !== 'half') {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
      this[kBody] = b;
      if (type !== null && !headers[kHeaders].has('content-type')) headers[kHeaders].set('content-type', { name: 'content-type', values: [type] });
    } else if (base && base[kBody] !== null && init.body === undefined) {
      if (bodyUsed(base[kBody])) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      this[kBody] = base[kBody];
      base[kBody] = { source: null, stream: null, used: true };
    }
    headers[kGuard] = 'request';
  }

  get method() { return this[kState].method; }
  get url() { return this[kState].url; }
  get headers() { return this[kState].headers; }
  get redirect() { return this[kState].redirect; }
  get signal() { return this[kState].signal; }
  get credentials() { return this[kState].credentials; }
  get mode() { return this[kState].mode; }
  get cache() { return this[kState].cache; }
  get keepalive() { return this[kState].keepalive; }
  get integrity() { return this[kState].integrity; }
  get referrer() { return this[kState].referrer; }
  get referrerPolicy() { return this[kState].referrerPolicy; }
  get destination() { return ''; }
  get duplex() { return this[kState].duplex; }

  clone() {
    if (!(this instanceof Request)) throw new ERR_INVALID_THIS('Request');
    const r = Object.create(Request.prototype);
    const s = this[kState];
    r[kState] = { ...s, headers: new Headers(s.headers) };
    r[kState].headers[kGuard] = s.headers[kGuard];
    r[kBody] = cloneBody(this);
    return r;
  }

  get [Symbol.toStringTag]() { return 'Request'; }

  [customInspect]() {
    return `Request { method: '${this.method}', url: '${this.url}' }`;
  }
}
mixinBody(Request);

/**
 * A Request for `atoll serve`: headers and body straight from the wire (flat header list,
 * body bytes or null), no validation or copies.
 */
export function makeServerRequest(method, url, flat, body, getSignal) {
  const r = Object.create(Request.prototype);
  let headers;
  let signal;
  // Headers and the signal are made on first use: most handlers never touch them.
  r[kState] = {
    method, url, redirect: 'follow',
    get headers() { return (headers ??= headersFromFlat(flat, 'request')); },
    get signal() { return (signal ??= getSignal()); },
    credentials: 'same-origin', mode: 'cors', cache: 'default', keepalive: false, integrity: '',
    referrer: 'about:client', referrerPolicy: '', duplex: 'half',
  };
  r[kBody] = body === null ? null : { source: body, stream: null };
  return r;
}

/**
 * What `atoll serve` sends for a Response: [status, flatHeaders, body], body being a string,
 * a Uint8Array, null, a Blob, or a ReadableStream (a promise for bytes when the body still
 * has to be encoded, e.g. FormData).
 */
export function responseParts(r) {
  if (!(r instanceof Response)) throw new TypeError(`The handler must return a Response, got ${typeof r === 'object' ? Object.prototype.toString.call(r) : typeof r}`);
  const s = r[kState];
  if (s.type === 'error') throw new TypeError('The handler returned Response.error()');
  const b = r[kBody];
  let body = null;
  if (b !== null) {
    if (bodyUsed(b)) throw new TypeError('Response body has already been used');
    if (b.pending) body = b.pending;
    else if (b.stream !== null) body = b.stream;
    else body = b.source;
    b.used = true;
  }
  return [s.status, s.statusText, headersToFlat(s.headers), body];
}

// ---- fetch ---------------------------------------------------------------------------------

function fetchFailed(cause) {
  return new TypeError('fetch failed', { cause });
}

export function fetch(input, init = undefined) {
  let request;
  try {
    request = new Request(input, init);
  } catch (err) {
    return Promise.reject(err);
  }
  const signal = request[kState].signal;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    run(request, resolve, reject);
  });
}

function run(request, resolveFetch, rejectFetch) {
  const s = request[kState];
  const signal = s.signal;
  let settled = false;
  let currentReq = null;
  let bodyController = null;
  const urlList = [s.url];
  let redirectCount = 0;
  let method = s.method;
  let body = request[kBody];
  if (body !== null) body.used = true;
  const headers = new Headers(s.headers);

  const fail = (err) => {
    if (!settled) {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      rejectFetch(err);
    } else if (bodyController) {
      try {
        bodyController.error(err);
      } catch {
        // already closed
      }
    }
  };
  const onAbort = () => {
    const reason = signal.reason;
    if (currentReq) currentReq.destroy();
    if (!settled) {
      settled = true;
      rejectFetch(reason);
    } else if (bodyController) {
      try {
        bodyController.error(reason);
      } catch {
        // already closed
      }
    }
  };
  signal.addEventListener('abort', onAbort, { once: true });

  const start = async (url) => {
    const u = new URL(url);
    if (u.protocol === 'data:') {
      return dataResponse(u);
    }
    const secure = u.protocol === 'https:';
    if (u.protocol !== 'http:' && !secure) throw fetchFailed(new TypeError(`fetch: unsupported URL scheme '${u.protocol}'`));
    let payload = null;
    if (body !== null) {
      if (body.pending) payload = await body.pending;
      else if (body.stream === null) {
        payload = typeof body.source === 'string' || body.source instanceof Uint8Array
          ? bytesOfSource(body.source) : new Uint8Array(await body.source.arrayBuffer());
      }
    }
    return new Promise((resolve, reject) => {
      const outHeaders = {};
      for (const [k, e] of headers[kHeaders]) outHeaders[e.name] = e.values.length === 1 ? e.values[0] : e.values.join(', ');
      if (!headers.has('accept')) outHeaders.accept = '*/*';
      if (!headers.has('user-agent')) outHeaders['user-agent'] = 'atoll';
      if (!headers.has('accept-encoding')) outHeaders['accept-encoding'] = 'gzip, deflate';
      if (payload !== null) outHeaders['content-length'] = payload.byteLength;
      else if (body === null && (method === 'POST' || method === 'PUT')) outHeaders['content-length'] = 0;
      const req = (secure ? https() : http()).request({
        host: u.hostname,
        port: u.port || (secure ? 443 : 80),
        path: `${u.pathname}${u.search}`,
        method,
        headers: outHeaders,
      });
      currentReq = req;
      req.on('error', (err) => reject(err && err.code === 'ERR_ACCESS_DENIED' ? err : fetchFailed(err)));
      req.on('response', (res) => resolve(res));
      if (payload !== null) req.end(payload);
      else if (body !== null && body.stream !== null) {
        const reader = body.stream.getReader();
        const pump = () => reader.read().then(({ value, done }) => {
          if (done) {
            req.end();
            return;
          }
          if (req.write(value)) pump();
          else req.once('drain', pump);
        }, (err) => req.destroy(err));
        pump();
      } else req.end();
    });
  };

  const step = (url) => {
    start(url).then((res) => {
      if (signal.aborted) return;
      if (res instanceof Response) {
        settled = true;
        signal.removeEventListener('abort', onAbort);
        resolveFetch(res);
        return;
      }
      const status = res.statusCode;
      const location = res.headers.location;
      if (redirectStatus.has(status) && location !== undefined && s.redirect !== 'manual') {
        res.resume();
        if (s.redirect === 'error') {
          fail(fetchFailed(new Error('unexpected redirect')));
          return;
        }
        if (++redirectCount > 20) {
          fail(fetchFailed(new Error('redirect count exceeded')));
          return;
        }
        let next;
        try {
          next = new URL(location, url).href;
        } catch (err) {
          fail(fetchFailed(err));
          return;
        }
        if ((status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = null;
          for (const h of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) {
            headers[kHeaders].delete(h);
          }
        } else if (body !== null && body.stream !== null) {
          fail(fetchFailed(new TypeError('Cannot follow a redirect with a streamed request body')));
          return;
        }
        if (new URL(next).origin !== new URL(url).origin) {
          headers[kHeaders].delete('authorization');
          headers[kHeaders].delete('cookie');
        }
        urlList.push(next);
        step(next);
        return;
      }
      const flat = res.rawHeaders;
      const respHeaders = headersFromFlat(flat, 'immutable');
      const noBody = method === 'HEAD' || nullBodyStatus.has(status);
      let stream = null;
      if (!noBody) {
        stream = createReadableStream(() => {}, () => {
          res.resume();
          return Promise.resolve();
        }, (reason) => {
          res.destroy(reason instanceof Error ? reason : undefined);
          if (currentReq) currentReq.destroy();
        }, 0);
        const c = controllerOf(stream);
        bodyController = c;
        res.pause();
        res.on('data', (chunk) => {
          try {
            c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          } catch {
            return;
          }
          if (c.desiredSize <= 0) res.pause();
        });
        res.on('end', () => {
          try {
            c.close();
          } catch {
            // canceled
          }
          signal.removeEventListener('abort', onAbort);
        });
        res.on('error', (err) => {
          try {
            c.error(fetchFailed(err));
          } catch {
            // canceled
          }
        });
        res.on('aborted', () => {
          try {
            c.error(fetchFailed(new Error('terminated')));
          } catch {
            // closed
          }
        });
        const coding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
        if (coding === 'gzip' || coding === 'x-gzip' || coding === 'deflate') {
          stream = stream.pipeThrough(new DecompressionStream(coding === 'deflate' ? 'deflate' : 'gzip'));
        }
      } else {
        res.resume();
        res.on('end', () => signal.removeEventListener('abort', onAbort));
      }
      const r = makeResponse(status, res.statusMessage ?? '', respHeaders, stream === null ? null : { source: null, stream });
      r[kState].type = 'basic';
      r[kState].urlList = urlList.slice();
      r[kState].redirected = urlList.length > 1;
      settled = true;
      resolveFetch(r);
    }, fail);
  };
  step(s.url);
}

function dataResponse(u) {
  const href = u.href;
  const comma = href.indexOf(',');
  if (comma === -1) throw fetchFailed(new TypeError('invalid data: URL'));
  let meta = href.slice(5, comma);
  const data = href.slice(comma + 1);
  let bytes;
  if (/;base64$/i.test(meta)) {
    meta = meta.slice(0, -7);
    const bin = atob(decodeURIComponent(data));
    bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  } else {
    bytes = encoder.encode(decodeURIComponent(data));
  }
  const type = meta || 'text/plain;charset=US-ASCII';
  const r = makeResponse(200, 'OK', headersFromFlat(['content-type', type], 'immutable'), { source: bytes, stream: null });
  r[kState].type = 'basic';
  r[kState].urlList = [href];
  return r;
}

export default { fetch, Request, Response, Headers, FormData };
