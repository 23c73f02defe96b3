// Old-style subclassing: Readable.call(this, opts) with the prototype chained by hand
// (what util.inherits does); calling the constructors without `new` also works.
import assert from 'node:assert';
import { Readable, Transform, Writable } from 'node:stream';

function Source(opts) {
  if (!(this instanceof Source)) return new Source(opts);
  Readable.call(this, opts);
  this.left = ['x', 'y'];
}
Object.setPrototypeOf(Source.prototype, Readable.prototype);
Object.setPrototypeOf(Source, Readable);
Source.prototype._read = function () {
  this.push(this.left.length ? this.left.shift() : null);
};

function Upper(opts) {
  Transform.call(this, opts);
}
Object.setPrototypeOf(Upper.prototype, Transform.prototype);
Object.setPrototypeOf(Upper, Transform);
Upper.prototype._transform = function (chunk, enc, cb) {
  cb(null, chunk.toString().toUpperCase());
};

const out = [];
const sink = Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } });
assert.ok(sink instanceof Writable);
assert.ok(Readable() instanceof Readable);
Source().pipe(new Upper()).pipe(sink).on('finish', () => {
  assert.deepStrictEqual(out, ['X', 'Y']);
});
