// Old-style inheritance: EventEmitter.call(this) + prototype chaining; class extends too.
import assert from 'node:assert';
import EventEmitter from 'node:events';
import * as events from 'node:events';

function Legacy() {
  EventEmitter.call(this);
  this.ready = true;
}
Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Legacy, EventEmitter);

const l = new Legacy();
let got;
l.on('data', (d) => { got = d; });
l.emit('data', 42);
assert.strictEqual(got, 42);
assert.ok(l instanceof EventEmitter);

class Modern extends EventEmitter {}
const m = new Modern();
m.once('x', (v) => { got = v; });
m.emit('x', 'y');
assert.strictEqual(got, 'y');

// The default export is the class itself, with the helpers on it.
assert.strictEqual(EventEmitter.EventEmitter, EventEmitter);
assert.strictEqual(events.default, EventEmitter);
assert.strictEqual(events.EventEmitter, EventEmitter);
assert.strictEqual(EventEmitter.once, events.once);
assert.strictEqual(EventEmitter.on, events.on);
assert.strictEqual(typeof EventEmitter.getEventListeners, 'function');
assert.strictEqual(EventEmitter.captureRejectionSymbol, Symbol.for('nodejs.rejection'));
