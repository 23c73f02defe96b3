// node:querystring: Node's legacy query-string codec (not WHATWG URLSearchParams).

const noEscape = /[A-Za-z0-9\-_.!~*'()]/;

export function escape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  let out = '';
  for (const ch of str) {
    out += noEscape.test(ch) ? ch : encodeURIComponent(ch.isWellFormed?.() === false ? '\ufffd' : ch);
  }
  return out;
}

export function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces);
  }
}

function unescapeBuffer(s, decodeSpaces) {
  // Percent sequences that do not form valid UTF-8 decode byte by byte, as Node does.
  const bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '+' && decodeSpaces) { bytes.push(32); continue; }
    if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    for (const b of new TextEncoder().encode(c)) bytes.push(b);
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return `${v}`;
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

export function stringify(obj, sep = '&', eq = '=', options = undefined) {
  const encode = options?.encodeURIComponent ?? escape;
  if (obj === null || typeof obj !== 'object') return '';
  const parts = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const k = `${encode(stringifyPrimitive(key))}${eq}`;
    if (Array.isArray(value)) {
      for (const v of value) parts.push(k + encode(stringifyPrimitive(v)));
    } else {
      parts.push(k + encode(stringifyPrimitive(value)));
    }
  }
  return parts.join(sep);
}

export function parse(qs, sep = '&', eq = '=', options = undefined) {
  const result = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return result;
  const maxKeys = options?.maxKeys ?? 1000;
  const decode = options?.decodeURIComponent ?? unescape;
  let parts = qs.split(sep || '&');
  if (maxKeys > 0) parts = parts.slice(0, maxKeys);
  for (const part of parts) {
    if (part.length === 0 && parts.length > 1) continue;
    const i = part.indexOf(eq || '=');
    const rawKey = i >= 0 ? part.slice(0, i) : part;
    const rawValue = i >= 0 ? part.slice(i + (eq || '=').length) : '';
    const key = decode(rawKey.replace(/\+/g, ' '), true);
    const value = decode(rawValue.replace(/\+/g, ' '), true);
    if (key in result) {
      const cur = result[key];
      if (Array.isArray(cur)) cur.push(value); else result[key] = [cur, value];
    } else {
      result[key] = value;
    }
  }
  return result;
}

export const decode = parse;
export const encode = stringify;
export { unescapeBuffer };

export default { escape, unescape, unescapeBuffer, stringify, parse, decode, encode };
