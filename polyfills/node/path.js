// node:path — posix and win32 path manipulation (Node 20 semantics).
import { validateString, validateObject } from '../internal/validators.js';

const RESERVED_DEVICE = /^(?:CON|PRN|AUX|NUL|COM[1-9\u00b9\u00b2\u00b3]|LPT[1-9\u00b9\u00b2\u00b3])$/i;

function cwd() {
  const proc = globalThis.process;
  return proc && typeof proc.cwd === 'function' ? proc.cwd() : '/';
}

const isPosixSep = (c) => c === '/';
const isWinSep = (c) => c === '/' || c === '\\';
const isDriveLetter = (c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

// Splits `str` on separators and resolves '.' / '..' segments. When
// `aboveRoot` is true, leading '..' segments that cannot be consumed are kept.
function collapse(str, aboveRoot, isSep) {
  const out = [];
  let start = 0;
  for (let i = 0; i <= str.length; i++) {
    if (i < str.length && !isSep(str[i])) continue;
    const seg = str.slice(start, i);
    start = i + 1;
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (aboveRoot) out.push('..');
    } else {
      out.push(seg);
    }
  }
  return out;
}

// Position just past the run of characters starting at `i` for which
// `pred` holds.
function skip(str, i, pred) {
  while (i < str.length && pred(str[i])) i++;
  return i;
}

// Recognises a UNC root `\\server\share`. Returns null when `path` does not
// start with one, otherwise { server, share, end } (`end` = index after share).
function matchUnc(path) {
  if (path.length < 2 || !isWinSep(path[0]) || !isWinSep(path[1])) return null;
  const serverEnd = skip(path, 2, (c) => !isWinSep(c));
  if (serverEnd === 2 || serverEnd >= path.length) return null;
  const shareStart = skip(path, serverEnd, isWinSep);
  if (shareStart >= path.length) return null;
  const end = skip(path, shareStart, (c) => !isWinSep(c));
  return { server: path.slice(2, serverEnd), share: path.slice(shareStart, end), end };
}

// Root analysis shared by win32 resolve/normalize. `\\.\x` and `\\?\x` are
// device-namespace paths whose root is just `\\.` / `\\?`.
function winRoot(path) {
  const len = path.length;
  let device = '';
  let rootEnd = 0;
  let isAbs = false;
  let uncOnly = false;
  if (len === 0) return { device, rootEnd, isAbs, uncOnly };
  const c0 = path[0];
  if (isWinSep(c0)) {
    isAbs = true;
    const unc = matchUnc(path);
    if (unc) {
      if (unc.server === '.' || unc.server === '?') {
        device = `\\\\${unc.server}`;
        rootEnd = 3;
      } else {
        device = `\\\\${unc.server}\\${unc.share}`;
        rootEnd = unc.end;
        uncOnly = unc.end === len;
      }
    } else if (len === 1 || !isWinSep(path[1])) {
      rootEnd = 1;
    }
  } else if (len >= 2 && isDriveLetter(c0) && path[1] === ':') {
    device = path.slice(0, 2);
    rootEnd = 2;
    if (len > 2 && isWinSep(path[2])) {
      isAbs = true;
      rootEnd = 3;
    }
  }
  return { device, rootEnd, isAbs, uncOnly };
}

// ---------------------------------------------------------------- posix

function posixResolve(...args) {
  let resolved = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1 && !absolute; i--) {
    const p = i >= 0 ? args[i] : cwd();
    validateString(p, `paths[${i}]`);
    if (p.length === 0) continue;
    resolved = `${p}/${resolved}`;
    absolute = p[0] === '/';
  }
  const body = collapse(resolved, !absolute, isPosixSep).join('/');
  if (absolute) return `/${body}`;
  return body.length > 0 ? body : '.';
}

function posixNormalize(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const abs = path[0] === '/';
  const trailing = path[path.length - 1] === '/';
  let body = collapse(path, !abs, isPosixSep).join('/');
  if (body.length === 0) {
    if (abs) return '/';
    return trailing ? './' : '.';
  }
  if (trailing) body += '/';
  return abs ? `/${body}` : body;
}

function posixIsAbsolute(path) {
  validateString(path, 'path');
  return path.length > 0 && path[0] === '/';
}

function posixJoin(...args) {
  let joined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    validateString(a, 'path');
    if (a.length > 0) joined = joined === undefined ? a : `${joined}/${a}`;
  }
  if (joined === undefined) return '.';
  return posixNormalize(joined);
}

function posixRelative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  from = posixResolve(from);
  to = posixResolve(to);
  if (from === to) return '';
  const f = from.split('/').filter(Boolean);
  const t = to.split('/').filter(Boolean);
  let k = 0;
  while (k < f.length && k < t.length && f[k] === t[k]) k++;
  const parts = [];
  for (let i = k; i < f.length; i++) parts.push('..');
  for (let i = k; i < t.length; i++) parts.push(t[i]);
  return parts.join('/');
}

function posixToNamespacedPath(path) {
  return path;
}

// Index just past the last non-separator character of `path` at or after
// `min` (trailing separators ignored), or -1 when there is none.
function trimEnd(path, min, isSep) {
  let end = path.length;
  while (end > min && isSep(path[end - 1])) end--;
  return end > min ? end : -1;
}

function posixDirname(path) {
  validateString(path, 'path');
  if (path.length === 0) return '.';
  const abs = path[0] === '/';
  const seg = lastSegment(path, abs ? 1 : 0, isPosixSep);
  if (seg === null) return abs ? '/' : '.';
  // Only the separator right before the last segment is dropped.
  const i = seg[0] - 1;
  if (i < 0) return '.';
  if (i === 0) return '/';
  if (abs && i === 1) return '//';
  return path.slice(0, i);
}

// Final segment of `path` starting at `start` (trailing separators ignored)
// as [begin, end), or null.
function lastSegment(path, start, isSep) {
  const end = trimEnd(path, start, isSep);
  if (end === -1) return null;
  let b = end;
  while (b > start && !isSep(path[b - 1])) b--;
  return [b, end];
}

// basename with a suffix, scanning backwards from the end of `path` (down
// to `start`). Node strips the suffix only when it is a proper tail of the
// last segment; a suffix that runs out of characters leaves the raw text.
function basenameWithSuffix(path, suffix, start, isSep) {
  if (suffix === path) return '';
  let k = suffix.length - 1;
  let stop = -1; // index where the suffix begins, once fully matched
  let segEnd = -1; // index after the last non-separator character
  let i = path.length - 1;
  for (; i >= start; i--) {
    const c = path[i];
    if (isSep(c)) {
      if (segEnd !== -1) break;
      continue;
    }
    if (segEnd === -1) segEnd = i + 1;
    if (k >= 0) {
      if (c === suffix[k]) {
        k--;
        if (k === -1) stop = i;
      } else {
        k = -1;
        stop = segEnd;
      }
    }
  }
  const begin = i + 1 > start ? i + 1 : start;
  if (begin === stop) stop = segEnd;
  else if (stop === -1) stop = path.length;
  return path.slice(begin, stop);
}

function posixBasename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    return basenameWithSuffix(path, suffix, 0, isPosixSep);
  }
  const seg = lastSegment(path, 0, isPosixSep);
  return seg === null ? '' : path.slice(seg[0], seg[1]);
}

function extOf(base) {
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || base === '..') return '';
  // A name made only of dots up to the last one ('..x' counts, '.x' not).
  return base.slice(dot);
}

function posixExtname(path) {
  validateString(path, 'path');
  const seg = lastSegment(path, 0, isPosixSep);
  if (seg === null) return '';
  return extOf(path.slice(seg[0], seg[1]));
}

function formatWith(sep, pathObject) {
  validateObject(pathObject, 'pathObject');
  const dir = pathObject.dir || pathObject.root;
  let base = pathObject.base;
  if (!base) {
    let ext = pathObject.ext || '';
    if (ext && ext[0] !== '.') ext = `.${ext}`;
    base = `${pathObject.name || ''}${ext}`;
  }
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

function posixFormat(pathObject) {
  return formatWith('/', pathObject);
}

function splitBase(ret, base) {
  ret.base = base;
  ret.ext = extOf(base);
  ret.name = ret.ext ? base.slice(0, base.length - ret.ext.length) : base;
}

function posixParse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  const abs = path[0] === '/';
  if (abs) ret.root = '/';
  const seg = lastSegment(path, abs ? 1 : 0, isPosixSep);
  if (seg === null) {
    if (abs) ret.dir = '/';
    return ret;
  }
  splitBase(ret, path.slice(seg[0], seg[1]));
  if (seg[0] === 1 && ret.base === '..') {
    // Node quirk: '/..' is split like a name '.' with extension '.'.
    ret.ext = ret.name = '.';
  }
  const i = seg[0] - 1;
  if (i > 0) ret.dir = path.slice(0, i);
  else if (abs) ret.dir = '/';
  return ret;
}

// ---------------------------------------------------------------- win32

function winResolve(...args) {
  let device = '';
  let tail = '';
  let absolute = false;
  for (let i = args.length - 1; i >= -1; i--) {
    let p;
    if (i >= 0) {
      p = args[i];
      validateString(p, `paths[${i}]`);
      if (p.length === 0) continue;
    } else if (device.length === 0) {
      p = cwd();
    } else {
      // Each drive has its own working directory, exposed through the
      // environment as `=C:`; fall back to the process cwd / drive root.
      const env = globalThis.process && globalThis.process.env;
      p = (env && env[`=${device}`]) || cwd();
      if (p === undefined ||
          (p.slice(0, 2).toLowerCase() !== device.toLowerCase() && p[2] === '\\')) {
        p = `${device}\\`;
      }
    }
    const r = winRoot(p);
    if (r.device.length > 0) {
      if (device.length > 0) {
        if (r.device.toLowerCase() !== device.toLowerCase()) continue;
      } else {
        device = r.device;
      }
    }
    if (absolute) {
      if (device.length > 0) break;
    } else {
      tail = `${p.slice(r.rootEnd)}\\${tail}`;
      absolute = r.isAbs;
      if (absolute && device.length > 0) break;
    }
  }
  const body = collapse(tail, !absolute, isWinSep).join('\\');
  if (absolute) return `${device}\\${body}`;
  return `${device}${body}` || '.';
}

function winNormalize(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  if (len === 1) return isWinSep(path) ? '\\' : path;
  const r = winRoot(path);
  let { device, rootEnd } = r;
  if (r.uncOnly) return `${device}\\`;
  let reserved = false;
  if (device.length === 0 && !r.isAbs) {
    // Reserved DOS device names (`CON:`, `COM1:`...) are kept out of the
    // collapsing and the result is marked relative with `.\\`. Like Node,
    // without a colon the name is taken as all but the last character.
    const colon = path.indexOf(':');
    const name = colon === -1 ? path.slice(0, -1) : path.slice(0, colon);
    if (RESERVED_DEVICE.test(name)) {
      device = path.slice(0, colon + 1);
      rootEnd = colon + 1;
      reserved = true;
    }
  }
  let body = rootEnd < len ? collapse(path.slice(rootEnd), !r.isAbs, isWinSep).join('\\') : '';
  if (body.length === 0 && !r.isAbs) body = '.';
  if (body.length > 0 && rootEnd < len && isWinSep(path[len - 1])) body += '\\';
  if (r.isAbs) return `${device}\\${body}`;
  const out = `${device}${body}`;
  if (reserved || (device.length === 0 && looksLikeDevice(path, out))) return `.\\${out}`;
  return out;
}

// A relative result must not turn into something Windows reads as a drive
// (`C:x`) or a stream/device name: prefix it with `.\` in those cases.
function looksLikeDevice(path, out) {
  if (out.length >= 2 && isDriveLetter(out[0]) && out[1] === ':') return true;
  for (let i = path.indexOf(':'); i !== -1; i = path.indexOf(':', i + 1)) {
    if (i === path.length - 1 || isWinSep(path[i + 1])) return true;
  }
  return false;
}

function winIsAbsolute(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return false;
  if (isWinSep(path[0])) return true;
  return len > 2 && isDriveLetter(path[0]) && path[1] === ':' && isWinSep(path[2]);
}

function winJoin(...args) {
  let joined;
  let first;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    validateString(a, 'path');
    if (a.length > 0) {
      if (joined === undefined) {
        joined = first = a;
      } else {
        joined = `${joined}\\${a}`;
      }
    }
  }
  if (joined === undefined) return '.';
  // Keep a UNC-looking start (`\\server`) given by the first part; any other
  // run of leading separators collapses to one.
  const keepUnc = first.length > 2 && isWinSep(first[0]) && isWinSep(first[1]) && !isWinSep(first[2]);
  if (!keepUnc) {
    const n = skip(joined, 0, isWinSep);
    if (n >= 2) joined = `\\${joined.slice(n)}`;
  }
  return winNormalize(joined);
}

function winRelative(from, to) {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  const fromOrig = winResolve(from);
  const toOrig = winResolve(to);
  if (fromOrig === toOrig) return '';
  const f = fromOrig.toLowerCase();
  const t = toOrig.toLowerCase();
  if (f === t) return '';
  if (f.length !== fromOrig.length || t.length !== toOrig.length) {
    return relativeBySegments(fromOrig, toOrig);
  }
  // Compare the paths without their leading/trailing separators.
  const fs = skip(f, 0, (c) => c === '\\');
  let fe = f.length;
  while (fe > fs && f[fe - 1] === '\\') fe--;
  let ts = skip(t, 0, (c) => c === '\\');
  let te = t.length;
  while (te > ts && t[te - 1] === '\\') te--;
  const fl = fe - fs;
  const tl = te - ts;
  const len = Math.min(fl, tl);
  let lastSep = -1;
  let i = 0;
  while (i < len && f[fs + i] === t[ts + i]) {
    if (f[fs + i] === '\\') lastSep = i;
    i++;
  }
  if (i !== len) {
    if (lastSep === -1) return toOrig;
  } else {
    if (tl > len) {
      if (t[ts + i] === '\\') return toOrig.slice(ts + i + 1, te);
      if (i === 2) return toOrig.slice(ts + i, te);
    }
    if (fl > len) {
      if (f[fs + i] === '\\') lastSep = i;
      else if (i === 2) lastSep = 3;
    }
    if (lastSep === -1) lastSep = 0;
  }
  const ups = [];
  for (let j = fs + lastSep + 1; j <= fe; j++) {
    if (j === fe || f[j] === '\\') ups.push('..');
  }
  let rest = ts + lastSep;
  if (ups.length > 0) return `${ups.join('\\')}${toOrig.slice(rest, te)}`;
  if (toOrig[rest] === '\\') rest++;
  return toOrig.slice(rest, te);
}

// Used when lower-casing changes a path's length (e.g. 'İ'), where
// character positions cannot be shared between the two spellings.
function relativeBySegments(fromOrig, toOrig) {
  const f = fromOrig.split('\\');
  const t = toOrig.split('\\');
  if (f.length > 1 && f[f.length - 1] === '') f.pop();
  if (t.length > 1 && t[t.length - 1] === '') t.pop();
  let k = 0;
  while (k < f.length && k < t.length && f[k].toLowerCase() === t[k].toLowerCase()) k++;
  if (k === 0) return toOrig;
  const parts = [];
  for (let i = k; i < f.length; i++) parts.push('..');
  for (let i = k; i < t.length; i++) parts.push(t[i]);
  return parts.join('\\');
}

function winToNamespacedPath(path) {
  if (typeof path !== 'string' || path.length === 0) return path;
  const resolved = winResolve(path);
  if (resolved.length <= 2) return path;
  if (resolved[0] === '\\' && resolved[1] === '\\') {
    if (resolved[2] !== '?' && resolved[2] !== '.') return `\\\\?\\UNC\\${resolved.slice(2)}`;
  } else if (isDriveLetter(resolved[0]) && resolved[1] === ':' && resolved[2] === '\\') {
    return `\\\\?\\${resolved}`;
  }
  return resolved;
}

// Root of `path` as used by dirname/parse: UNC `\\server\share[\]`, drive
// `C:` / `C:\`, or a single leading separator.
function winPlainRoot(path) {
  const len = path.length;
  if (len === 0) return { end: 0, isAbs: false, whole: false };
  if (isWinSep(path[0])) {
    const unc = matchUnc(path);
    if (unc) {
      if (unc.end === len) return { end: len, isAbs: true, whole: true };
      return { end: unc.end + 1, isAbs: true, whole: false };
    }
    return { end: 1, isAbs: true, whole: len === 1 };
  }
  if (len >= 2 && isDriveLetter(path[0]) && path[1] === ':') {
    if (len > 2 && isWinSep(path[2])) return { end: 3, isAbs: true, whole: len === 3 };
    return { end: 2, isAbs: false, whole: len === 2 };
  }
  return { end: 0, isAbs: false, whole: false };
}

function winDirname(path) {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  const root = winPlainRoot(path);
  if (root.whole) return path;
  const seg = lastSegment(path, root.end, isWinSep);
  if (seg === null) return root.end > 0 ? path.slice(0, root.end) : '.';
  const i = seg[0] - 1;
  if (i < root.end) return root.end > 0 ? path.slice(0, root.end) : '.';
  return path.slice(0, i);
}

function winBasename(path, suffix) {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  let start = 0;
  if (path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':') start = 2;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    return basenameWithSuffix(path, suffix, start, isWinSep);
  }
  const seg = lastSegment(path, start, isWinSep);
  return seg === null ? '' : path.slice(seg[0], seg[1]);
}

function winExtname(path) {
  validateString(path, 'path');
  let start = 0;
  if (path.length >= 2 && isDriveLetter(path[0]) && path[1] === ':') start = 2;
  const seg = lastSegment(path, start, isWinSep);
  if (seg === null) return '';
  return extOf(path.slice(seg[0], seg[1]));
}

function winFormat(pathObject) {
  return formatWith('\\', pathObject);
}

function winParse(path) {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  if (path.length === 0) return ret;
  const root = winPlainRoot(path);
  if (root.whole) {
    ret.root = ret.dir = path;
    return ret;
  }
  ret.root = path.slice(0, root.end);
  const seg = lastSegment(path, root.end, isWinSep);
  if (seg === null) {
    ret.dir = ret.root;
    return ret;
  }
  splitBase(ret, path.slice(seg[0], seg[1]));
  const i = seg[0] - 1;
  ret.dir = i > root.end ? path.slice(0, i) : ret.root;
  return ret;
}

// ---------------------------------------------------------------- exports

const win32 = {
  resolve: winResolve,
  normalize: winNormalize,
  isAbsolute: winIsAbsolute,
  join: winJoin,
  relative: winRelative,
  toNamespacedPath: winToNamespacedPath,
  dirname: winDirname,
  basename: winBasename,
  extname: winExtname,
  format: winFormat,
  parse: winParse,
  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
  _makeLong: winToNamespacedPath,
};

const posix = {
  resolve: posixResolve,
  normalize: posixNormalize,
  isAbsolute: posixIsAbsolute,
  join: posixJoin,
  relative: posixRelative,
  toNamespacedPath: posixToNamespacedPath,
  dirname: posixDirname,
  basename: posixBasename,
  extname: posixExtname,
  format: posixFormat,
  parse: posixParse,
  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
  _makeLong: posixToNamespacedPath,
};

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;

export const {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath,
  dirname, basename, extname, format, parse, sep, delimiter, _makeLong,
} = posix;
export { posix, win32 };
export default posix;
