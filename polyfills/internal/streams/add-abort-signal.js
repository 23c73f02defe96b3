// addAbortSignal(signal, stream): destroy `stream` with an AbortError when `signal` aborts.
import { AbortError, codes } from '../errors.js';
import { validateAbortSignal } from '../validators.js';
import { isNodeStream, isWebStream, kControllerErrorFunction } from './utils.js';
import { eos } from './end-of-stream.js';

export function addAbortSignal(signal, stream) {
  validateAbortSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isWebStream(stream)) {
    throw new codes.ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

export function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || !('aborted' in signal)) return stream;
  const onAbort = isNodeStream(stream)
    ? () => { stream.destroy(new AbortError(undefined, { cause: signal.reason })); }
    : () => { stream[kControllerErrorFunction](new AbortError(undefined, { cause: signal.reason })); };
  if (signal.aborted) {
    onAbort();
  } else {
    signal.addEventListener('abort', onAbort, { once: true });
    eos(stream, () => { signal.removeEventListener('abort', onAbort); });
  }
  return stream;
}
