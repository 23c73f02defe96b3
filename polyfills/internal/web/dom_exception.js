// DOMException (WebIDL): name, message and the legacy numeric `code`.

const LEGACY = [
  ['INDEX_SIZE_ERR', 1, 'IndexSizeError'],
  ['DOMSTRING_SIZE_ERR', 2, ''],
  ['HIERARCHY_REQUEST_ERR', 3, 'HierarchyRequestError'],
  ['WRONG_DOCUMENT_ERR', 4, 'WrongDocumentError'],
  ['INVALID_CHARACTER_ERR', 5, 'InvalidCharacterError'],
  ['NO_DATA_ALLOWED_ERR', 6, ''],
  ['NO_MODIFICATION_ALLOWED_ERR', 7, 'NoModificationAllowedError'],
  ['NOT_FOUND_ERR', 8, 'NotFoundError'],
  ['NOT_SUPPORTED_ERR', 9, 'NotSupportedError'],
  ['INUSE_ATTRIBUTE_ERR', 10, 'InUseAttributeError'],
  ['INVALID_STATE_ERR', 11, 'InvalidStateError'],
  ['SYNTAX_ERR', 12, 'SyntaxError'],
  ['INVALID_MODIFICATION_ERR', 13, 'InvalidModificationError'],
  ['NAMESPACE_ERR', 14, 'NamespaceError'],
  ['INVALID_ACCESS_ERR', 15, 'InvalidAccessError'],
  ['VALIDATION_ERR', 16, ''],
  ['TYPE_MISMATCH_ERR', 17, 'TypeMismatchError'],
  ['SECURITY_ERR', 18, 'SecurityError'],
  ['NETWORK_ERR', 19, 'NetworkError'],
  ['ABORT_ERR', 20, 'AbortError'],
  ['URL_MISMATCH_ERR', 21, 'URLMismatchError'],
  ['QUOTA_EXCEEDED_ERR', 22, 'QuotaExceededError'],
  ['TIMEOUT_ERR', 23, 'TimeoutError'],
  ['INVALID_NODE_TYPE_ERR', 24, 'InvalidNodeTypeError'],
  ['DATA_CLONE_ERR', 25, 'DataCloneError'],
];

const codeByName = new Map();
for (const [, code, name] of LEGACY) if (name) codeByName.set(name, code);

const state = new WeakMap();

function internals(self, what) {
  const s = state.get(self);
  if (s === undefined) throw new TypeError(`Value of "this" must be of type DOMException`);
  return s[what];
}

export class DOMException extends Error {
  constructor(message = '', options = 'Error') {
    super();
    let name = 'Error';
    if (options !== null && typeof options === 'object') {
      if ('name' in options) name = `${options.name}`;
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', {
          value: options.cause, writable: true, enumerable: false, configurable: true,
        });
      }
    } else {
      name = `${options}`;
    }
    state.set(this, { name, message: `${message}`, code: codeByName.get(name) || 0 });
    // The engine captured the stack while name/message were not yet known.
    if (typeof Error.captureStackTrace === 'function') {
      try { Error.captureStackTrace(this, DOMException); } catch { /* ignore */ }
    }
  }

  get name() { return internals(this, 'name'); }

  get message() { return internals(this, 'message'); }

  get code() { return internals(this, 'code'); }
}

Object.defineProperty(DOMException.prototype, Symbol.toStringTag, {
  value: 'DOMException', writable: false, enumerable: false, configurable: true,
});

for (const [constant, code] of LEGACY) {
  const desc = { value: code, writable: false, enumerable: true, configurable: false };
  Object.defineProperty(DOMException, constant, desc);
  Object.defineProperty(DOMException.prototype, constant, desc);
}

export default DOMException;
