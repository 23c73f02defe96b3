import {
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate,
} from '../internal/bootstrap.js'; // the globals themselves, as in Node
import * as promises from './timers/promises.js';

export { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, promises };

export default {
  setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, clearImmediate, promises,
};
