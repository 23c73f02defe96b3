// Readable.prototype.wrap adopts an old-style EventEmitter stream.
import assert from 'node:assert';
import EventEmitter from 'node:events';
import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';

const old = new EventEmitter();
old.pause = () => {};
old.resume = () => {};
const r = new Readable().wrap(old);
const got = [];
r.on('data', (c) => got.push(c.toString()));
r.on('end', () => assert.deepStrictEqual(got, ['one', 'two']));
setTimeout(() => {
  old.emit('data', Buffer.from('one'));
  old.emit('data', Buffer.from('two'));
  old.emit('end');
}, 1);
