// atob / btoa (HTML Standard "forgiving-base64").
import { codes } from '../errors.js';
import { DOMException } from './dom_exception.js';

const { ERR_MISSING_ARGS } = codes;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function invalid() {
  return new DOMException('Invalid character', 'InvalidCharacterError');
}

export function btoa(data) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  const s = `${data}`;
  let out = '';
  let i = 0;
  for (; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) throw invalid();
  }
  for (i = 0; i + 2 < s.length; i += 3) {
    const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = s.length - i;
  if (rest === 1) {
    const n = s.charCodeAt(i) << 16;
    out += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8);
    out += `${ALPHABET[n >> 18]}${ALPHABET[(n >> 12) & 63]}${ALPHABET[(n >> 6) & 63]}=`;
  }
  return out;
}

export function atob(data) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  // Strip ASCII whitespace: TAB, LF, FF, CR, SPACE.
  let s = `${data}`.replace(/[\t\n\f\r ]+/g, '');
  // Characters first: only the alphabet, then at most two trailing '='.
  let pad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d) {
      if (++pad > 2) throw invalid();
    } else if (pad > 0 || c >= 128 || DECODE[c] === -1) {
      throw invalid();
    }
  }
  if ((s.length - pad) % 4 === 1) {
    throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  if (pad > 0) {
    if (s.length % 4 !== 0) throw invalid();
    s = s.slice(0, s.length - pad);
  }
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    buffer = ((buffer << 6) | DECODE[s.charCodeAt(i)]) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return out;
}

export default { atob, btoa };
