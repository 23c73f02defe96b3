// node:os for atoll.
//
// Permission decision: facts that identify the host or its user — hostname(), userInfo(),
// networkInterfaces(), the CPU model/speed in cpus() and homedir() — are the same kind of
// information as $HOSTNAME/$USER/$HOME, and atoll has no separate --allow-sys flag (Deno gates
// these behind --allow-sys; Node's permission model does not gate them at all). So they need the
// environment grant: homedir() follows $HOME (--allow-env=HOME is enough, since Node itself
// reads $HOME first); hostname(), userInfo() and networkInterfaces() need bare --allow-env or -A,
// and otherwise throw ERR_ACCESS_DENIED with permission 'Env'. cpus() always returns one entry
// per CPU (so `os.cpus().length` keeps working) but reports model 'unknown' and speed 0 without
// the grant. tmpdir() reads $TMPDIR/$TMP/$TEMP only when granted, else '/tmp'. Platform, memory,
// load and uptime are open. Host facts come from libc and /proc in Rust, not through fs grants.
import {
  op_os_info, op_os_host, op_os_loadavg, op_os_uptime, op_os_freemem, op_os_cpus,
  op_os_network_interfaces, op_os_get_priority, op_os_set_priority,
} from 'atoll:ops';
import { validateInt32, validateObject } from '../internal/validators.js';
import { Buffer } from 'node:buffer';
import process from 'node:process';

let info;
function facts() { return (info ??= op_os_info()); }

export const EOL = '\n';
export const devNull = '/dev/null';

export function arch() { return facts().arch; }
export function platform() { return facts().platform; }
export function type() { return facts().type; }
export function release() { return facts().release; }
export function version() { return facts().version; }
export function machine() { return facts().machine; }
export function endianness() { return facts().endianness; }
export function totalmem() { return facts().totalmem; }
export function availableParallelism() { return facts().parallelism; }
export function freemem() { return op_os_freemem(); }
export function loadavg() { return op_os_loadavg(); }
export function uptime() { return op_os_uptime(); }
export function cpus() { return op_os_cpus(); }
export function hostname() { return op_os_host('hostname'); }
export function homedir() { return op_os_host('homedir'); }

export function tmpdir() {
  let path = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

export function userInfo(options) {
  if (options !== undefined) validateObject(options, 'options', { nullable: true });
  const u = op_os_host('userInfo');
  if (options?.encoding === 'buffer') {
    for (const k of ['username', 'homedir', 'shell']) if (typeof u[k] === 'string') u[k] = Buffer.from(u[k]);
  }
  return u;
}

function cidr(address, netmask, family) {
  let bits = 0;
  if (family === 'IPv4') {
    for (const part of netmask.split('.')) bits += (Number(part) >>> 0).toString(2).replace(/0/g, '').length;
  } else {
    for (const part of netmask.split(':')) if (part) bits += parseInt(part, 16).toString(2).replace(/0/g, '').length;
  }
  return `${address}/${bits}`;
}

export function networkInterfaces() {
  const out = {};
  for (const [name, address, netmask, family, mac, internal, scopeid] of op_os_network_interfaces()) {
    const entry = { address, netmask, family, mac, internal, cidr: cidr(address, netmask, family) };
    if (scopeid !== null) entry.scopeid = scopeid;
    (out[name] ??= []).push(entry);
  }
  return out;
}

export function getPriority(pid = 0) {
  validateInt32(pid, 'pid');
  return op_os_get_priority(pid);
}

export function setPriority(pid, priority) {
  if (priority === undefined) { priority = pid; pid = 0; }
  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);
  op_os_set_priority(pid, priority);
}

const signals = Object.freeze({
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7,
  SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14,
  SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21,
  SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28,
  SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
});
const errno = Object.freeze({
  E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11,
  EALREADY: 114, EBADF: 9, EBADMSG: 74, EBUSY: 16, ECANCELED: 125, ECHILD: 10,
  ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104, EDEADLK: 35, EDESTADDRREQ: 89,
  EDOM: 33, EDQUOT: 122, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113, EIDRM: 43,
  EILSEQ: 84, EINPROGRESS: 115, EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21,
  ELOOP: 40, EMFILE: 24, EMLINK: 31, EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36,
  ENETDOWN: 100, ENETRESET: 102, ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODATA: 61,
  ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37, ENOLINK: 67, ENOMEM: 12, ENOMSG: 42,
  ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60, ENOSYS: 38, ENOTCONN: 107, ENOTDIR: 20,
  ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95,
  EOVERFLOW: 75, EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93, EPROTOTYPE: 91,
  ERANGE: 34, EROFS: 30, ESPIPE: 29, ESRCH: 3, ESTALE: 116, ETIME: 62, ETIMEDOUT: 110,
  ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
});
const priority = Object.freeze({
  PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7,
  PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
});
const dlopen = Object.freeze({
  RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8,
});
export const constants = Object.freeze({ UV_UDP_REUSEADDR: 4, dlopen, errno, signals, priority });

export default {
  EOL, devNull, arch, platform, type, release, version, machine, endianness, totalmem,
  availableParallelism, freemem, loadavg, uptime, cpus, hostname, homedir, tmpdir, userInfo,
  networkInterfaces, getPriority, setPriority, constants,
};
