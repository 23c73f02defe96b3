// globalThis.crypto, Crypto, CryptoKey and SubtleCrypto (installed lazily by bootstrap).
export { crypto, Crypto, CryptoKey, SubtleCrypto } from '../crypto/webcrypto.js';
