// node:path/win32 — the win32 flavour of node:path.
import path from '../path.js';

const flavour = path.win32;
export const {
  resolve, normalize, isAbsolute, join, relative, toNamespacedPath,
  dirname, basename, extname, format, parse, sep, delimiter, _makeLong,
} = flavour;
export const posix = path.posix;
export const win32 = path.win32;
export default flavour;
