// The legacy Stream base class: an EventEmitter whose pipe() forwards 'data' and ends dest.
import assert from 'node:assert';
import EventEmitter from 'node:events';
import Stream, { Writable } from 'node:stream';

const src = new Stream();
assert.ok(src instanceof EventEmitter);
src.readable = true;
const out = [];
const dest = new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } });
src.pipe(dest);
src.emit('data', 'a');
src.emit('data', 'b');
src.emit('end');
dest.on('finish', () => assert.deepStrictEqual(out, ['a', 'b']));
