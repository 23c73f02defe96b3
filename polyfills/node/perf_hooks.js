// node:perf_hooks: the High Resolution Time `performance` object with User Timing marks.
import { op_now, op_time_origin } from 'atoll:ops';
import { codes } from '../internal/errors.js';

const timeOrigin = op_time_origin();

export class PerformanceEntry {
  constructor(name, entryType, startTime, duration, detail) {
    this.name = name;
    this.entryType = entryType;
    this.startTime = startTime;
    this.duration = duration;
    if (detail !== undefined) this.detail = detail;
  }
  toJSON() {
    return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail };
  }
}
export class PerformanceMark extends PerformanceEntry {
  constructor(name, options = {}) {
    super(String(name), 'mark', options.startTime ?? op_now(), 0, options.detail ?? null);
  }
}
export class PerformanceMeasure extends PerformanceEntry {}

const entries = [];

function findMark(name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === 'mark' && entries[i].name === name) return entries[i].startTime;
  }
  throw new codes.ERR_INVALID_ARG_VALUE('markName', name, 'is not a known mark');
}

function resolveTime(v) {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : findMark(String(v));
}

class Performance {
  get timeOrigin() { return timeOrigin; }
  now() { return op_now(); }
  mark(name, options) {
    const mark = new PerformanceMark(name, options);
    entries.push(mark);
    return mark;
  }
  measure(name, startOrOptions, endMark) {
    let start;
    let end;
    let detail = null;
    if (startOrOptions !== null && typeof startOrOptions === 'object') {
      start = resolveTime(startOrOptions.start);
      end = resolveTime(startOrOptions.end);
      if (startOrOptions.duration !== undefined) {
        if (end === undefined) end = (start ?? 0) + startOrOptions.duration;
        else if (start === undefined) start = end - startOrOptions.duration;
      }
      detail = startOrOptions.detail ?? null;
    } else {
      start = resolveTime(startOrOptions);
      end = resolveTime(endMark);
    }
    start ??= 0;
    end ??= op_now();
    const measure = new PerformanceMeasure(String(name), 'measure', start, end - start, detail);
    entries.push(measure);
    return measure;
  }
  getEntries() { return entries.slice(); }
  getEntriesByName(name, type) { return entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)); }
  getEntriesByType(type) { return entries.filter((e) => e.entryType === type); }
  clearMarks(name) { remove('mark', name); }
  clearMeasures(name) { remove('measure', name); }
  toJSON() { return { timeOrigin, nodeTiming: undefined, eventLoopUtilization: undefined }; }
  get [Symbol.toStringTag]() { return 'Performance'; }
}

function remove(type, name) {
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].entryType === type && (name === undefined || entries[i].name === name)) entries.splice(i, 1);
  }
}

export const performance = new Performance();
export const constants = {};

export default { performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, constants };
