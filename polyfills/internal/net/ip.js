// IP address syntax (net.isIP & co.) and numeric forms for BlockList.

const v4Seg = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const v4Str = `(?:${v4Seg}\\.){3}${v4Seg}`;
const IPv4Reg = new RegExp(`^${v4Str}$`);
const v6Seg = '(?:[0-9a-fA-F]{1,4})';
const IPv6Reg = new RegExp('^(?:' +
  `(?:${v6Seg}:){7}(?:${v6Seg}|:)|` +
  `(?:${v6Seg}:){6}(?:${v4Str}|:${v6Seg}|:)|` +
  `(?:${v6Seg}:){5}(?::${v4Str}|(?::${v6Seg}){1,2}|:)|` +
  `(?:${v6Seg}:){4}(?:(?::${v6Seg}){0,1}:${v4Str}|(?::${v6Seg}){1,3}|:)|` +
  `(?:${v6Seg}:){3}(?:(?::${v6Seg}){0,2}:${v4Str}|(?::${v6Seg}){1,4}|:)|` +
  `(?:${v6Seg}:){2}(?:(?::${v6Seg}){0,3}:${v4Str}|(?::${v6Seg}){1,5}|:)|` +
  `(?:${v6Seg}:){1}(?:(?::${v6Seg}){0,4}:${v4Str}|(?::${v6Seg}){1,6}|:)|` +
  `(?::(?:(?::${v6Seg}){0,5}:${v4Str}|(?::${v6Seg}){1,7}|:))` +
')(?:%[0-9a-zA-Z-.:]{1,})?$');

export function isIPv4(s) { return typeof s === 'string' && IPv4Reg.test(s); }
export function isIPv6(s) { return typeof s === 'string' && IPv6Reg.test(s); }
export function isIP(s) {
  if (isIPv4(s)) return 4;
  if (isIPv6(s)) return 6;
  return 0;
}

export function v4ToBigInt(s) {
  return s.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

export function v6ToBigInt(s) {
  s = s.replace(/%.*$/, '');
  let tail = [];
  const m = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m) {
    const n = v4ToBigInt(m[1]);
    tail = [Number(n >> 16n), Number(n & 0xffffn)];
    s = s.slice(0, -m[1].length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  let parts;
  if (s.includes('::')) {
    const [a, b] = s.split('::');
    const left = a ? a.split(':') : [];
    const right = b ? b.split(':') : [];
    const fill = 8 - tail.length - left.length - right.length;
    parts = [...left, ...new Array(fill).fill('0'), ...right];
  } else {
    parts = s ? s.split(':') : [];
  }
  let n = 0n;
  for (const p of parts) n = (n << 16n) | BigInt(parseInt(p || '0', 16));
  for (const t of tail) n = (n << 16n) | BigInt(t);
  return n;
}
