// atoll: each node:fs operation written once. `run` is callSync (the *Sync API: values) or
// callAsync (callback and promise APIs: promises); `then` continues either way. Validation
// happens before any op runs, so the callback API throws it synchronously like Node.
import {
  constants, then, callSync, stringToFlags, parseFileMode, getValidatedPath, getValidatedFd, getOptions,
  checkAborted, encodeName, toUnixTimestamp, dataToBytes, makeStats, statSyncOp, Dirent, bufferFrom,
  validateRmOptions, systemError, lazyBuffer, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE,
} from './utils.js';
import { codes, nodeError, uvException } from '../errors.js';
import {
  validateBoolean, validateInteger, validateObject, validateFunction, validateBuffer,
  validateInt32, validateString, validateOneOf,
} from '../validators.js';

const { F_OK, COPYFILE_EXCL, UV_DIRENT_DIR } = constants;

// Numbers cross into Rust as f64; -1 means "current position".
function posArg(position) {
  if (position == null) return -1;
  if (typeof position === 'bigint') return Number(position);
  validateInteger(position, 'position', -1);
  return position;
}

function done(run, value) {
  return run === callSync ? value : Promise.resolve(value);
}

function decode(bytes, encoding) {
  const buf = bufferFrom(bytes);
  return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
}

// ---- whole files ----

// Option defaults shared by every call (getOptions copies them before changing anything).
const kReadFileDefaults = Object.freeze({ __proto__: null, flag: 'r' });
const kWriteFileDefaults = Object.freeze({ __proto__: null, encoding: 'utf8', mode: 0o666, flag: 'w' });
const kAppendFileDefaults = Object.freeze({ __proto__: null, encoding: 'utf8', mode: 0o666, flag: 'a' });

export function readFile(run, path, options) {
  options = getOptions(options, kReadFileDefaults);
  checkAborted(options.signal);
  const flags = stringToFlags(options.flag);
  const res = typeof path === 'number'
    ? run('read_fd_all', getValidatedFd(path))
    : run('read_file', getValidatedPath(path), flags);
  return then(res, (bytes) => {
    checkAborted(options.signal);
    return decode(bytes, options.encoding);
  });
}

export function writeFile(run, path, data, options, defFlag = 'w') {
  options = getOptions(options, defFlag === 'a' ? kAppendFileDefaults : kWriteFileDefaults);
  checkAborted(options.signal);
  const bytes = dataToBytes(data, options.encoding);
  if (typeof path === 'number') return then(run('write', getValidatedFd(path), bytes, -1), () => undefined);
  const flags = stringToFlags(options.flag);
  const mode = parseFileMode(options.mode, 'mode', 0o666);
  return run('write_file', getValidatedPath(path, 'path'), bytes, flags, mode);
}

// ---- descriptors ----

export function open(run, path, flags, mode) {
  const p = getValidatedPath(path);
  return run('open', p, stringToFlags(flags ?? 'r'), parseFileMode(mode, 'mode', 0o666));
}

export function close(run, fd) {
  return run('close', getValidatedFd(fd));
}

// (fd, buffer, offset, length, position) | (fd, buffer, { offset, length, position }) |
// (fd, { buffer, offset, length, position }). Result: { bytesRead, buffer }.
export function read(run, fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (!ArrayBuffer.isView(buffer)) {
    const opts = buffer ?? {};
    validateObject(opts, 'options', { nullable: true });
    ({ buffer = lazyBuffer().alloc(16384), offset = 0, length, position = null } = opts);
  } else if (offsetOrOptions != null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length, position = null } = offsetOrOptions);
  }
  validateBuffer(buffer);
  offset ??= 0;
  if (typeof offset === 'bigint') offset = Number(offset);
  validateInteger(offset, 'offset', 0);
  length ??= buffer.byteLength - offset;
  if (length === 0) return done(run, { bytesRead: 0, buffer });
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateInteger(length, 'length', 0, buffer.byteLength - offset);
  return then(run('read', fd, length, posArg(position)), (bytes) => {
    new Uint8Array(buffer.buffer, buffer.byteOffset + offset, bytes.byteLength).set(bytes);
    return { bytesRead: bytes.byteLength, buffer };
  });
}

// (fd, buffer, offset?, length?, position?) | (fd, buffer, { offset, length, position }) |
// (fd, string, position?, encoding?). Result: { bytesWritten, buffer }.
export function write(run, fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  if (ArrayBuffer.isView(buffer)) {
    let offset = offsetOrOptions;
    if (offset != null && typeof offset === 'object') ({ offset = 0, length, position = null } = offset);
    offset ??= 0;
    validateInteger(offset, 'offset', 0);
    length ??= buffer.byteLength - offset;
    validateInteger(length, 'length', 0, buffer.byteLength - offset);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
    return then(run('write', fd, bytes, posArg(position)), (n) => ({ bytesWritten: n, buffer }));
  }
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  // write(fd, string, position, encoding)
  const pos = offsetOrOptions;
  const encoding = typeof length === 'string' ? length : 'utf8';
  const bytes = lazyBuffer().from(buffer, encoding);
  return then(run('write', fd, bytes, posArg(typeof pos === 'number' ? pos : null)),
    (n) => ({ bytesWritten: n, buffer }));
}

function validateBufferArray(buffers, name = 'buffers') {
  if (!Array.isArray(buffers)) throw new ERR_INVALID_ARG_TYPE(name, 'ArrayBufferView[]', buffers);
  for (const b of buffers) {
    if (!ArrayBuffer.isView(b)) throw new ERR_INVALID_ARG_TYPE(name, 'ArrayBufferView[]', buffers);
  }
}

export function readv(run, fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  return then(run('read', fd, total, posArg(position)), (bytes) => {
    let off = 0;
    for (const b of buffers) {
      if (off >= bytes.byteLength) break;
      const n = Math.min(b.byteLength, bytes.byteLength - off);
      new Uint8Array(b.buffer, b.byteOffset, n).set(bytes.subarray(off, off + n));
      off += n;
    }
    return { bytesRead: bytes.byteLength, buffers };
  });
}

export function writev(run, fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  const views = buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  return then(run('writev', fd, views, posArg(position)), (n) => ({ bytesWritten: n, buffers }));
}

export function fsync(run, fd) { return run('fsync', getValidatedFd(fd)); }
export function fdatasync(run, fd) { return run('fdatasync', getValidatedFd(fd)); }

export function ftruncate(run, fd, len = 0) {
  fd = getValidatedFd(fd);
  validateInteger(len, 'len');
  return run('ftruncate', fd, Math.max(0, len));
}

export function fstat(run, fd, options) {
  fd = getValidatedFd(fd);
  if (run === callSync) return statSyncOp('fstat', !!options?.bigint, fd);
  return run('fstat', fd).then((a) => makeStats(a, !!options?.bigint));
}

export function futimes(run, fd, atime, mtime) {
  fd = getValidatedFd(fd);
  return run('futimes', fd, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'));
}

export function fchmod(run, fd, mode) {
  return run('fchmod', getValidatedFd(fd), parseFileMode(mode, 'mode'));
}

export function fchown(run, fd, uid, gid) {
  fd = getValidatedFd(fd);
  validateInteger(uid, 'uid', -1, 4294967295);
  validateInteger(gid, 'gid', -1, 4294967295);
  return run('fchown', fd, uid, gid);
}

// ---- paths ----

export function stat(run, path, options, follow = true) {
  const p = getValidatedPath(path);
  const bigint = !!options?.bigint;
  if (run === callSync) {
    if (options?.throwIfNoEntry === false) {
      // Sync only: a missing entry gives undefined instead of ENOENT.
      try {
        return statSyncOp('stat', bigint, p, follow);
      } catch (err) {
        if (err?.code === 'ENOENT' || err?.code === 'ENOTDIR') return undefined;
        throw err;
      }
    }
    return statSyncOp('stat', bigint, p, follow);
  }
  return run('stat', p, follow).then((a) => makeStats(a, bigint));
}

function joinPath(dir, name) {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export function readdir(run, path, options) {
  options = getOptions(options, { encoding: 'utf8', withFileTypes: false, recursive: false });
  const root = getValidatedPath(path);
  const withTypes = !!options.withFileTypes;
  if (options.recursive !== undefined) validateBoolean(options.recursive, 'options.recursive');
  const convert = (rel, dir, entries, out) => {
    for (const [name, type] of entries) {
      if (withTypes) out.push(new Dirent(encodeName(name, options.encoding), type, dir));
      else out.push(encodeName(rel ? `${rel}/${name}` : name, options.encoding));
    }
  };
  if (!options.recursive) {
    return then(run('read_dir', root), (entries) => {
      const out = [];
      convert('', root, entries, out);
      return out;
    });
  }
  // Breadth-first, like Node's recursive readdir.
  const out = [];
  const queue = [['', root]];
  const step = () => {
    while (queue.length > 0) {
      const [rel, dir] = queue.shift();
      const res = run('read_dir', dir);
      const handle = (entries) => {
        convert(rel, dir, entries, out);
        for (const [name, type] of entries) {
          if (type === UV_DIRENT_DIR) queue.push([rel ? `${rel}/${name}` : name, joinPath(dir, name)]);
        }
      };
      if (res instanceof Promise) return res.then((e) => { handle(e); return step(); });
      handle(res);
    }
    return out;
  };
  return step();
}

export function mkdir(run, path, options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options) {
    if (options.recursive !== undefined) recursive = options.recursive;
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'options.mode');
  }
  validateBoolean(recursive, 'options.recursive');
  return then(run('mkdir', getValidatedPath(path), recursive, mode), (first) => (recursive ? first : undefined));
}

export function mkdtemp(run, prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  return then(run('mkdtemp', prefix), (p) => encodeName(p, options.encoding));
}

function eisdir(syscall, path, message = 'is a directory') {
  return systemError('ERR_FS_EISDIR', 'Path is a directory', {
    syscall, errno: 21, errCode: 'EISDIR', message, path,
  });
}

export function rm(run, path, options) {
  const p = getValidatedPath(path);
  options = validateRmOptions(options, { recursive: false, force: false, retryDelay: 100, maxRetries: 0 });
  const onStat = (a) => {
    const st = makeStats(a);
    if (st.isDirectory() && !options.recursive) throw eisdir('rm', p);
    return then(run('rm', p, st.isDirectory()), () => undefined);
  };
  const onErr = (err) => {
    if (options.force && err?.code === 'ENOENT') return undefined;
    throw err;
  };
  let res;
  try {
    res = run('stat', p, false);
  } catch (err) {
    return onErr(err);
  }
  if (res instanceof Promise) return res.then(onStat, onErr);
  return onStat(res);
}

export function rmdir(run, path, options) {
  const p = getValidatedPath(path);
  if (options?.recursive) return rm(run, p, { recursive: true, force: false });
  return run('rmdir', p);
}

export function unlink(run, path) { return run('unlink', getValidatedPath(path)); }

export function rename(run, from, to) {
  return run('rename', getValidatedPath(from, 'oldPath'), getValidatedPath(to, 'newPath'));
}

export function copyFile(run, src, dest, mode = 0) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  validateInteger(mode, 'mode', 0, 7);
  return run('copy_file', src, dest, (mode & COPYFILE_EXCL) !== 0);
}

export function link(run, existing, newPath) {
  return run('link', getValidatedPath(existing, 'existingPath'), getValidatedPath(newPath, 'newPath'));
}

export function symlink(run, target, path, type) {
  if (type != null) validateOneOf(type, 'type', ['dir', 'file', 'junction', null, undefined]);
  return run('symlink', getValidatedPath(target, 'target'), getValidatedPath(path));
}

export function readlink(run, path, options) {
  options = getOptions(options);
  return then(run('read_link', getValidatedPath(path, 'oldPath')), (t) => encodeName(t, options.encoding));
}

export function realpath(run, path, options) {
  options = getOptions(options);
  return then(run('realpath', getValidatedPath(path)), (t) => encodeName(t, options.encoding));
}

export function access(run, path, mode = F_OK) {
  const p = getValidatedPath(path);
  validateInteger(mode, 'mode', 0, 7);
  return run('access', p, mode);
}

export function chmod(run, path, mode) {
  return run('chmod', getValidatedPath(path), parseFileMode(mode, 'mode'));
}

export function chown(run, path, uid, gid) {
  const p = getValidatedPath(path);
  validateInteger(uid, 'uid', -1, 4294967295);
  validateInteger(gid, 'gid', -1, 4294967295);
  return run('chown', p, uid, gid);
}

export function utimes(run, path, atime, mtime, follow = true) {
  const p = getValidatedPath(path);
  return run('utimes', p, toUnixTimestamp(atime, 'atime'), toUnixTimestamp(mtime, 'mtime'), follow);
}

export function truncate(run, path, len = 0) {
  if (typeof path === 'number') return ftruncate(run, path, len);
  const p = getValidatedPath(path);
  validateInteger(len, 'len');
  return run('truncate', p, Math.max(0, len));
}

// ---- cp (files, directories, symlinks) ----

function cpError(code, message, path) {
  const err = nodeError(Error, code, message);
  err.name = 'SystemError';
  if (path !== undefined) err.path = path;
  return err;
}

export function cp(run, src, dest, options) {
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  options = { force: true, errorOnExist: false, recursive: false, dereference: false, preserveTimestamps: false, ...(options ?? {}) };
  validateBoolean(options.recursive, 'options.recursive');
  validateBoolean(options.force, 'options.force');
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  const isAsync = (x) => x instanceof Promise;
  const seq = (x, f) => (isAsync(x) ? x.then(f) : f(x));
  const tryStat = (p, follow) => {
    const onErr = (e) => { if (e?.code === 'ENOENT') return null; throw e; };
    let r;
    try { r = run('stat', p, follow); } catch (e) { return onErr(e); }
    return isAsync(r) ? r.then((a) => makeStats(a), onErr) : makeStats(r);
  };
  const copyOne = (s, d) => seq(options.filter ? options.filter(s, d) : true, (keep) => {
    if (!keep) return undefined;
    return seq(tryStat(s, options.dereference), (st) => {
      if (st === null) throw uvException({ errno: -2, code: 'ENOENT', syscall: 'lstat', path: s });
      return seq(tryStat(d, false), (dst) => {
        if (st.isDirectory()) {
          if (!options.recursive) {
            throw cpError('ERR_FS_EISDIR', `Recursive option is required to copy a directory: ${s}`, s);
          }
          if (d === s || d.startsWith(`${s}/`)) {
            throw cpError('ERR_FS_CP_EINVAL', `Invalid src or dest: cp returned EINVAL (cannot copy ${s} to a subdirectory of self ${d}) ${d}`, d);
          }
          if (dst && !dst.isDirectory()) {
            throw cpError('ERR_FS_CP_DIR_TO_NON_DIR', `Cannot overwrite non-directory ${d} with directory ${s}`, d);
          }
          return seq(dst ? undefined : run('mkdir', d, false, st.mode & 0o777), () =>
            seq(run('read_dir', s), (entries) => {
              const names = entries.map(([n]) => n);
              const next = (i) => {
                if (i >= names.length) return undefined;
                return seq(copyOne(joinPath(s, names[i]), joinPath(d, names[i])), () => next(i + 1));
              };
              return next(0);
            }));
        }
        if (dst && dst.isDirectory()) {
          throw cpError('ERR_FS_CP_NON_DIR_TO_DIR', `Cannot overwrite directory ${d} with non-directory ${s}`, d);
        }
        if (dst) {
          if (!options.force) {
            if (options.errorOnExist) throw cpError('ERR_FS_CP_EEXIST', `Target already exists: cp returned EEXIST (${d} already exists) ${d}`, d);
            return undefined;
          }
        }
        if (st.isSymbolicLink()) {
          return seq(run('read_link', s), (target) =>
            seq(dst ? run('unlink', d) : undefined, () => run('symlink', target, d)));
        }
        return seq(run('copy_file', s, d, false), () => (options.preserveTimestamps
          ? run('utimes', d, st.atimeMs / 1000, st.mtimeMs / 1000, true)
          : undefined));
      });
    });
  });
  return seq(copyOne(src, dest), () => undefined);
}

export {
  validateString, validateInt32, ERR_OUT_OF_RANGE, codes,
};
