// WHATWG URL and URLSearchParams. Parsing and serialisation are the `url` crate's (Rust ops);
// URLSearchParams (application/x-www-form-urlencoded) is plain JS.
import { op_url_parse, op_url_set } from 'atoll:ops';
import { codes } from '../errors.js';

const kInspect = Symbol.for('nodejs.util.inspect.custom');

// ---- application/x-www-form-urlencoded ----
const encoder = new (class {
  // Bytes that the urlencoded serializer leaves alone: *-._ alphanumerics.
  encode(str) {
    let out = '';
    for (const ch of str.toWellFormed ? str.toWellFormed() : str) {
      if (/[A-Za-z0-9*\-._]/.test(ch)) out += ch;
      else if (ch === ' ') out += '+';
      else out += encodeURIComponent(ch).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    return out;
  }
})();

function decodeComponent(s) {
  s = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(s);
  } catch {
    // Invalid percent sequences stay literal, as the spec's percent-decode does.
    return s.replace(/%([0-9A-Fa-f]{2})/g, (m, h) => {
      try { return decodeURIComponent(m); } catch { return m; }
    });
  }
}

function parseQuery(query) {
  const list = [];
  if (query.startsWith('?')) query = query.slice(1);
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    list.push([decodeComponent(name), decodeComponent(value)]);
  }
  return list;
}

const toUSV = (v) => {
  const s = `${v}`;
  return s.toWellFormed ? s.toWellFormed() : s;
};

export class URLSearchParams {
  #list = [];
  #url = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) {
      // empty
    } else if (typeof init === 'object' || typeof init === 'function') {
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
            throw new codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
          const items = [...pair];
          if (items.length !== 2) throw new codes.ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          this.#list.push([toUSV(items[0]), toUSV(items[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          if (typeof key !== 'string' || !Object.prototype.propertyIsEnumerable.call(init, key)) continue;
          this.#list.push([toUSV(key), toUSV(init[key])]);
        }
      }
    } else {
      this.#list = parseQuery(toUSV(init));
    }
  }

  static _attach(params, url, query) {
    params.#url = url;
    params.#list = parseQuery(query);
  }

  static _reparse(params, query) {
    params.#list = parseQuery(query);
  }

  #update() {
    if (this.#url) this.#url._setSearchFromParams(this.toString());
  }

  get size() { return this.#list.length; }

  append(name, value) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('name', 'value');
    this.#list.push([toUSV(name), toUSV(value)]);
    this.#update();
  }

  delete(name, value) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    if (value !== undefined) {
      value = toUSV(value);
      this.#list = this.#list.filter(([k, v]) => !(k === name && v === value));
    } else {
      this.#list = this.#list.filter(([k]) => k !== name);
    }
    this.#update();
  }

  get(name) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    const hit = this.#list.find(([k]) => k === name);
    return hit ? hit[1] : null;
  }

  getAll(name) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    return this.#list.filter(([k]) => k === name).map(([, v]) => v);
  }

  has(name, value) {
    if (arguments.length < 1) throw new codes.ERR_MISSING_ARGS('name');
    name = toUSV(name);
    if (value !== undefined) {
      value = toUSV(value);
      return this.#list.some(([k, v]) => k === name && v === value);
    }
    return this.#list.some(([k]) => k === name);
  }

  set(name, value) {
    if (arguments.length < 2) throw new codes.ERR_MISSING_ARGS('name', 'value');
    name = toUSV(name);
    value = toUSV(value);
    const i = this.#list.findIndex(([k]) => k === name);
    if (i === -1) {
      this.#list.push([name, value]);
    } else {
      this.#list[i][1] = value;
      this.#list = this.#list.filter(([k], j) => j <= i || k !== name);
    }
    this.#update();
  }

  sort() {
    // Stable sort by UTF-16 code units, as the spec requires.
    this.#list = this.#list
      .map((entry, i) => [entry, i])
      .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
      .map(([entry]) => entry);
    this.#update();
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    for (let i = 0; i < this.#list.length; i++) {
      const [k, v] = this.#list[i];
      callback.call(thisArg, v, k, this);
    }
  }

  *entries() { for (const [k, v] of this.#list) yield [k, v]; }
  *keys() { for (const [k] of this.#list) yield k; }
  *values() { for (const [, v] of this.#list) yield v; }
  [Symbol.iterator]() { return this.entries(); }

  toString() {
    return this.#list.map(([k, v]) => `${encoder.encode(k)}=${encoder.encode(v)}`).join('&');
  }

  get [Symbol.toStringTag]() { return 'URLSearchParams'; }

  [kInspect](depth, options, inspect) {
    if (this.#list.length === 0) return 'URLSearchParams {}';
    const parts = this.#list.map(([k, v]) => `${inspect(k, options)} => ${inspect(v, options)}`);
    return `URLSearchParams { ${parts.join(', ')} }`;
  }
}

export class URL {
  #c;
  #params = null;

  constructor(input, base = undefined) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('url');
    input = toUSV(input);
    if (base !== undefined) base = toUSV(base);
    this.#c = parseOrThrow(input, base);
  }

  static canParse(input, base = undefined) {
    try {
      op_url_parse(toUSV(input), base === undefined ? undefined : toUSV(base));
      return true;
    } catch {
      return false;
    }
  }

  static parse(input, base = undefined) {
    try {
      return new URL(input, base);
    } catch {
      return null;
    }
  }

  #set(field, value) {
    this.#c = op_url_set(this.#c.href, field, toUSV(value));
    if (field !== 'hash' && this.#params) URLSearchParams._reparse(this.#params, this.#c.search);
  }

  _setSearchFromParams(query) {
    this.#c = op_url_set(this.#c.href, 'search', query);
  }

  get href() { return this.#c.href; }
  set href(v) {
    this.#c = parseOrThrow(toUSV(v));
    if (this.#params) URLSearchParams._reparse(this.#params, this.#c.search);
  }
  get origin() { return this.#c.origin; }
  get protocol() { return this.#c.protocol; }
  set protocol(v) { this.#set('protocol', v); }
  get username() { return this.#c.username; }
  set username(v) { this.#set('username', v); }
  get password() { return this.#c.password; }
  set password(v) { this.#set('password', v); }
  get host() { return this.#c.host; }
  set host(v) { this.#set('host', v); }
  get hostname() { return this.#c.hostname; }
  set hostname(v) { this.#set('hostname', v); }
  get port() { return this.#c.port; }
  set port(v) { this.#set('port', v); }
  get pathname() { return this.#c.pathname; }
  set pathname(v) { this.#set('pathname', v); }
  get search() { return this.#c.search; }
  set search(v) { this.#set('search', v); }
  get hash() { return this.#c.hash; }
  set hash(v) { this.#set('hash', v); }
  get searchParams() {
    if (!this.#params) {
      this.#params = new URLSearchParams();
      URLSearchParams._attach(this.#params, this, this.#c.search);
    }
    return this.#params;
  }
  toString() { return this.#c.href; }
  toJSON() { return this.#c.href; }
  get [Symbol.toStringTag]() { return 'URL'; }

  static createObjectURL() {
    throw new codes.ERR_NOT_IMPLEMENTED('URL.createObjectURL');
  }

  static revokeObjectURL() {
    throw new codes.ERR_NOT_IMPLEMENTED('URL.revokeObjectURL');
  }

  [kInspect](depth, options, inspect) {
    const obj = {
      href: this.href, origin: this.origin, protocol: this.protocol, username: this.username,
      password: this.password, host: this.host, hostname: this.hostname, port: this.port,
      pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash,
    };
    if (depth < 0) return '[URL]';
    return `URL ${inspect(obj, { ...options, depth })}`;
  }
}

for (const key of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toString', 'toJSON']) {
  Object.defineProperty(URL.prototype, key, { enumerable: true });
}

function parseOrThrow(input, base) {
  try {
    return op_url_parse(input, base);
  } catch {
    const err = codes.ERR_INVALID_URL(input, base);
    throw err;
  }
}
