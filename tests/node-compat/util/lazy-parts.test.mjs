// node:util's parts that atoll loads on first use are the same objects and behave the same:
// TextEncoder/TextDecoder are the globals, types is node:util/types, deep equality, the
// argument checks and error codes behind promisify, getSystemErrorName and parseArgs.
import assert from 'node:assert';
import util, { TextEncoder as TE, TextDecoder as TD, types, isDeepStrictEqual } from 'node:util';
import * as typesModule from 'node:util/types';

assert.strictEqual(TE, globalThis.TextEncoder);
assert.strictEqual(TD, globalThis.TextDecoder);
assert.strictEqual(util.TextEncoder, globalThis.TextEncoder);
assert.strictEqual(util.TextDecoder, globalThis.TextDecoder);
assert.strictEqual(util.types, types);
assert.strictEqual(types.isMap, typesModule.isMap);
assert.strictEqual(types.isDate(new Date()), true);
assert.strictEqual(types.isRegExp({}), false);

assert.strictEqual(isDeepStrictEqual, util.isDeepStrictEqual);
assert.strictEqual(isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
assert.strictEqual(isDeepStrictEqual({ a: 1 }, { a: '1' }), false);
assert.strictEqual(isDeepStrictEqual(new Map([[1, 2]]), new Map([[1, 2]])), true);
assert.strictEqual(isDeepStrictEqual([0], [-0]), false);
assert.strictEqual(isDeepStrictEqual(NaN, NaN), true);

assert.throws(() => util.promisify(1), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
assert.throws(() => util.callbackify('x'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => util.formatWithOptions(null, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.throws(() => util.formatWithOptions(() => {}, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.strictEqual(util.formatWithOptions([], '%s', 1), '1');
assert.throws(() => util.getSystemErrorName(1), { code: 'ERR_OUT_OF_RANGE' });
assert.throws(() => util.getSystemErrorName('x'), { code: 'ERR_INVALID_ARG_TYPE' });
assert.strictEqual(util.getSystemErrorName(-2), 'ENOENT');
assert.strictEqual(util.getSystemErrorMap().get(-2)[0], 'ENOENT');
assert.throws(() => util.parseArgs({ args: ['--nope'], options: {} }),
  { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
assert.throws(() => util.parseArgs({ args: [], options: { a: { type: 'string', default: 1 } } }),
  { code: 'ERR_INVALID_ARG_TYPE' });
assert.deepStrictEqual(util.parseArgs({ args: ['-a', 'x'], options: { a: { type: 'string', short: 'a' } } }).values,
  { __proto__: null, a: 'x' });

// The encoders behind the lazy codec module.
const enc = new TE();
assert.deepStrictEqual([...enc.encode('h\u00e9')], [104, 0xc3, 0xa9]);
assert.deepStrictEqual(enc.encodeInto('h\u00e9llo', new Uint8Array(2)), { read: 1, written: 1 });
assert.strictEqual(new TD().decode(new Uint8Array([0xe2, 0x82, 0xac])), '\u20ac');
assert.strictEqual(new TD().decode(), '');
const streaming = new TD();
assert.strictEqual(streaming.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), '');
assert.strictEqual(streaming.decode(new Uint8Array([0xac])), '\u20ac');
assert.throws(() => new TD('utf-8', { fatal: true }).decode(new Uint8Array([0xff])),
  { code: 'ERR_ENCODING_INVALID_ENCODED_DATA', name: 'TypeError' });
assert.throws(() => new TD('no-such-label'), { code: 'ERR_ENCODING_NOT_SUPPORTED', name: 'RangeError' });
assert.throws(() => enc.encodeInto('x', []), { code: 'ERR_INVALID_ARG_TYPE' });
assert.strictEqual(new TD('latin1').decode(new Uint8Array([0x41, 0xe9])), 'A\u00e9');

// console formats with the same inspect (and default options) as node:util.
const seen = [];
const { stdout } = globalThis.process;
const origWrite = stdout.write;
const origDepth = util.inspect.defaultOptions.depth;
stdout.write = function write(chunk) { seen.push(String(chunk)); return true; };
try {
  util.inspect.defaultOptions.depth = 0;
  console.log({ a: { b: 1 } });
} finally {
  stdout.write = origWrite;
  util.inspect.defaultOptions.depth = origDepth;
}
assert.deepStrictEqual(seen, ['{ a: [Object] }\n']);
assert.strictEqual(util.inspect({ a: { b: 1 } }), '{ a: { b: 1 } }');
