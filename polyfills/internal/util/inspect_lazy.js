// util.inspect, loaded on first use: errors.js and events.js (both on the start-up path) only
// need it to format messages.
import { op_require_builtin } from 'atoll:ops';

let util;

export function inspect(value, options) {
  util ??= op_require_builtin('atoll:internal/util/inspect');
  return util.inspect(value, options);
}
