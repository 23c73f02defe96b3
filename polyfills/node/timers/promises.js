import * as timers from '../../internal/bootstrap.js'; // the global setTimeout & co.
import { AbortError } from '../../internal/errors.js';
import { validateObject, validateBoolean, validateAbortSignal } from '../../internal/validators.js';

function checkOptions(options) {
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  validateBoolean(ref, 'options.ref');
  return { signal, ref };
}

function abortable(start, signal) {
  if (signal?.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
  return new Promise((resolve, reject) => {
    let onAbort;
    const handle = start((value) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (signal) {
      onAbort = () => {
        handle.cancel();
        reject(new AbortError(undefined, { cause: signal.reason }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
}

export function setTimeout(delay, value, options = {}) {
  const { signal, ref } = checkOptions(options);
  return abortable((done) => {
    const t = timers.setTimeout(() => done(value), delay);
    if (!ref) t.unref();
    return { cancel: () => timers.clearTimeout(t) };
  }, signal);
}

export function setImmediate(value, options = {}) {
  const { signal, ref } = checkOptions(options);
  return abortable((done) => {
    const i = timers.setImmediate(() => done(value));
    if (!ref) i.unref();
    return { cancel: () => timers.clearImmediate(i) };
  }, signal);
}

export async function* setInterval(delay, value, options = {}) {
  const { signal, ref } = checkOptions(options);
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
  let pending = 0;
  let wake = null;
  const interval = timers.setInterval(() => {
    pending++;
    if (wake) { wake(); wake = null; }
  }, delay);
  if (!ref) interval.unref();
  let onAbort;
  const aborted = signal ? new Promise((_, reject) => {
    onAbort = () => reject(new AbortError(undefined, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
  }) : null;
  aborted?.catch(() => {});
  try {
    for (;;) {
      if (pending === 0) {
        const tick = new Promise((resolve) => { wake = resolve; });
        await (aborted ? Promise.race([tick, aborted]) : tick);
      }
      if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
      pending--;
      yield value;
    }
  } finally {
    timers.clearInterval(interval);
    signal?.removeEventListener('abort', onAbort);
  }
}

export const scheduler = {
  wait: (delay, options) => setTimeout(delay, undefined, options),
  yield: () => setImmediate(),
};

export default { setTimeout, setImmediate, setInterval, scheduler };
