//! `node:crypto` and WebCrypto primitives on RustCrypto crates: random bytes, hashes, HMAC,
//! PBKDF2, scrypt, AES-CBC/CTR/GCM, Ed25519 and ECDSA P-256. No engine types: the glue in
//! `engine/bind_crypto.rs` keeps the stateful objects (hashes, ciphers) in a [`Handles`] table.

use std::collections::HashMap;

use aes::cipher::{generic_array::GenericArray, BlockDecrypt, BlockEncrypt, KeyInit};
use ghash::universal_hash::UniversalHash;
use hmac::{Hmac, Mac};
use sha2::Digest;

use super::OpError;

/// Stateful objects owned by one runtime, found again by the id JS holds. Ids are never
/// reused (a late finalizer's free must not hit a newer object), and stay below 2^53 so JS
/// numbers carry them exactly.
pub struct Handles<T> {
    next: u64,
    map: HashMap<u64, T>,
}

impl<T> Default for Handles<T> {
    fn default() -> Self {
        Handles {
            next: 0,
            map: HashMap::new(),
        }
    }
}

impl<T> Handles<T> {
    pub fn insert(&mut self, v: T) -> u64 {
        self.next += 1;
        self.map.insert(self.next, v);
        self.next
    }
    pub fn get_mut(&mut self, id: u64) -> Option<&mut T> {
        self.map.get_mut(&id)
    }
    pub fn get(&self, id: u64) -> Option<&T> {
        self.map.get(&id)
    }
    pub fn remove(&mut self, id: u64) -> Option<T> {
        self.map.remove(&id)
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Every live hash, HMAC and cipher of a runtime.
#[derive(Default)]
pub struct CryptoState {
    pub hashes: Handles<Hasher>,
    pub hmacs: Handles<HmacState>,
    pub ciphers: Handles<CipherState>,
}

/// An error a caller of `node:crypto` sees: `code` and a finished message.
fn err(code: &str, message: impl Into<String>) -> OpError {
    OpError::code(code, message)
}

/// Fill `buf` from the OS CSPRNG (`crypto.randomFillSync`, `getRandomValues`).
pub fn random_fill(buf: &mut [u8]) -> Result<(), OpError> {
    getrandom::getrandom(buf).map_err(|e| err("ERR_CRYPTO_OPERATION_FAILED", e.to_string()))
}

/// `crypto.randomBytes(n)`.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, OpError> {
    let mut v = vec![0u8; n];
    random_fill(&mut v)?;
    Ok(v)
}

// ---------------------------------------------------------------------------------------------
// hashes

/// A digest algorithm `createHash`, `createHmac`, `pbkdf2` and `subtle.digest` accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlg {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
}

/// `crypto.getHashes()`, in Node's (sorted) order.
pub const HASH_NAMES: &[&str] = &[
    "RSA-MD5",
    "RSA-SHA1",
    "RSA-SHA224",
    "RSA-SHA256",
    "RSA-SHA384",
    "RSA-SHA512",
    "RSA-SHA512/224",
    "RSA-SHA512/256",
    "md5",
    "md5WithRSAEncryption",
    "sha1",
    "sha1WithRSAEncryption",
    "sha224",
    "sha224WithRSAEncryption",
    "sha256",
    "sha256WithRSAEncryption",
    "sha384",
    "sha384WithRSAEncryption",
    "sha512",
    "sha512-224",
    "sha512-224WithRSAEncryption",
    "sha512-256",
    "sha512-256WithRSAEncryption",
];

impl HashAlg {
    /// Node's (OpenSSL's) names, case-insensitive: `sha256`, `SHA-256`, `RSA-SHA256`, ...
    pub fn from_name(name: &str) -> Option<HashAlg> {
        let n = name.to_ascii_lowercase();
        let n = n.strip_prefix("rsa-").unwrap_or(&n);
        let n = n.strip_suffix("withrsaencryption").unwrap_or(n);
        Some(match n {
            "md5" => HashAlg::Md5,
            "sha1" | "sha-1" => HashAlg::Sha1,
            "sha224" | "sha-224" | "sha2-224" => HashAlg::Sha224,
            "sha256" | "sha-256" | "sha2-256" => HashAlg::Sha256,
            "sha384" | "sha-384" | "sha2-384" => HashAlg::Sha384,
            "sha512" | "sha-512" | "sha2-512" => HashAlg::Sha512,
            "sha512-224" | "sha512/224" | "sha-512/224" | "sha2-512/224" => HashAlg::Sha512_224,
            "sha512-256" | "sha512/256" | "sha-512/256" | "sha2-512/256" => HashAlg::Sha512_256,
            _ => return None,
        })
    }

    pub fn output_len(self) -> usize {
        match self {
            HashAlg::Md5 => 16,
            HashAlg::Sha1 => 20,
            HashAlg::Sha224 | HashAlg::Sha512_224 => 28,
            HashAlg::Sha256 | HashAlg::Sha512_256 => 32,
            HashAlg::Sha384 => 48,
            HashAlg::Sha512 => 64,
        }
    }

    /// Block size in bytes (HMAC key length default in WebCrypto).
    pub fn block_len(self) -> usize {
        match self {
            HashAlg::Md5 | HashAlg::Sha1 | HashAlg::Sha224 | HashAlg::Sha256 => 64,
            _ => 128,
        }
    }
}

/// Run `$body` with `$H` bound to the RustCrypto type of `$alg`.
macro_rules! with_hash {
    ($alg:expr, $H:ident => $body:expr) => {
        match $alg {
            HashAlg::Md5 => {
                type $H = md5::Md5;
                $body
            }
            HashAlg::Sha1 => {
                type $H = sha1::Sha1;
                $body
            }
            HashAlg::Sha224 => {
                type $H = sha2::Sha224;
                $body
            }
            HashAlg::Sha256 => {
                type $H = sha2::Sha256;
                $body
            }
            HashAlg::Sha384 => {
                type $H = sha2::Sha384;
                $body
            }
            HashAlg::Sha512 => {
                type $H = sha2::Sha512;
                $body
            }
            HashAlg::Sha512_224 => {
                type $H = sha2::Sha512_224;
                $body
            }
            HashAlg::Sha512_256 => {
                type $H = sha2::Sha512_256;
                $body
            }
        }
    };
}

/// A running hash (`crypto.Hash`).
#[derive(Clone)]
pub enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_224(sha2::Sha512_224),
    Sha512_256(sha2::Sha512_256),
}

macro_rules! each_hasher {
    ($self:expr, $h:ident => $body:expr) => {
        match $self {
            Hasher::Md5($h) => $body,
            Hasher::Sha1($h) => $body,
            Hasher::Sha224($h) => $body,
            Hasher::Sha256($h) => $body,
            Hasher::Sha384($h) => $body,
            Hasher::Sha512($h) => $body,
            Hasher::Sha512_224($h) => $body,
            Hasher::Sha512_256($h) => $body,
        }
    };
}

impl Hasher {
    pub fn new(alg: HashAlg) -> Hasher {
        match alg {
            HashAlg::Md5 => Hasher::Md5(Default::default()),
            HashAlg::Sha1 => Hasher::Sha1(Default::default()),
            HashAlg::Sha224 => Hasher::Sha224(Default::default()),
            HashAlg::Sha256 => Hasher::Sha256(Default::default()),
            HashAlg::Sha384 => Hasher::Sha384(Default::default()),
            HashAlg::Sha512 => Hasher::Sha512(Default::default()),
            HashAlg::Sha512_224 => Hasher::Sha512_224(Default::default()),
            HashAlg::Sha512_256 => Hasher::Sha512_256(Default::default()),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        each_hasher!(self, h => Digest::update(h, data))
    }

    pub fn finish(self) -> Vec<u8> {
        each_hasher!(self, h => h.finalize().to_vec())
    }
}

/// One-shot digest (`subtle.digest`, `crypto.hash`).
pub fn digest(alg: HashAlg, data: &[u8]) -> Vec<u8> {
    with_hash!(alg, H => H::digest(data).to_vec())
}

/// A running HMAC (`crypto.Hmac`).
#[derive(Clone)]
pub enum HmacState {
    Md5(Hmac<md5::Md5>),
    Sha1(Hmac<sha1::Sha1>),
    Sha224(Hmac<sha2::Sha224>),
    Sha256(Hmac<sha2::Sha256>),
    Sha384(Hmac<sha2::Sha384>),
    Sha512(Hmac<sha2::Sha512>),
    Sha512_224(Hmac<sha2::Sha512_224>),
    Sha512_256(Hmac<sha2::Sha512_256>),
}

macro_rules! each_hmac {
    ($self:expr, $h:ident => $body:expr) => {
        match $self {
            HmacState::Md5($h) => $body,
            HmacState::Sha1($h) => $body,
            HmacState::Sha224($h) => $body,
            HmacState::Sha256($h) => $body,
            HmacState::Sha384($h) => $body,
            HmacState::Sha512($h) => $body,
            HmacState::Sha512_224($h) => $body,
            HmacState::Sha512_256($h) => $body,
        }
    };
}

impl HmacState {
    pub fn new(alg: HashAlg, key: &[u8]) -> HmacState {
        // HMAC accepts keys of any length, so `new_from_slice` cannot fail.
        fn mk<M: Mac + KeyInit>(key: &[u8]) -> M {
            <M as KeyInit>::new_from_slice(key).unwrap_or_else(|_| unreachable!())
        }
        match alg {
            HashAlg::Md5 => HmacState::Md5(mk(key)),
            HashAlg::Sha1 => HmacState::Sha1(mk(key)),
            HashAlg::Sha224 => HmacState::Sha224(mk(key)),
            HashAlg::Sha256 => HmacState::Sha256(mk(key)),
            HashAlg::Sha384 => HmacState::Sha384(mk(key)),
            HashAlg::Sha512 => HmacState::Sha512(mk(key)),
            HashAlg::Sha512_224 => HmacState::Sha512_224(mk(key)),
            HashAlg::Sha512_256 => HmacState::Sha512_256(mk(key)),
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        each_hmac!(self, h => Mac::update(h, data))
    }

    pub fn finish(self) -> Vec<u8> {
        each_hmac!(self, h => h.finalize().into_bytes().to_vec())
    }
}

/// One-shot HMAC (WebCrypto `sign`/`verify` with HMAC).
pub fn hmac(alg: HashAlg, key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut h = HmacState::new(alg, key);
    h.update(data);
    h.finish()
}

/// `crypto.pbkdf2Sync(password, salt, iterations, keylen, digest)`.
pub fn pbkdf2(
    alg: HashAlg,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    keylen: usize,
) -> Vec<u8> {
    let mut out = vec![0u8; keylen];
    with_hash!(alg, H => pbkdf2::pbkdf2_hmac::<H>(password, salt, iterations, &mut out));
    out
}

/// `crypto.scryptSync(password, salt, keylen, { N, r, p, maxmem })`.
pub fn scrypt(
    password: &[u8],
    salt: &[u8],
    n: u64,
    r: u32,
    p: u32,
    maxmem: u64,
    keylen: usize,
) -> Result<Vec<u8>, OpError> {
    let invalid = |why: &str| {
        err(
            "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
            format!("Invalid scrypt params: {why}"),
        )
    };
    if n < 2 || !n.is_power_of_two() {
        return Err(invalid("N must be a power of 2 greater than 1"));
    }
    // OpenSSL's limit: 128 * N * r (the V array) plus 128 * r * p must fit in maxmem.
    let mem = 128u128 * n as u128 * r as u128 + 128u128 * r as u128 * p as u128;
    if mem > maxmem as u128 {
        return Err(invalid("memory limit exceeded"));
    }
    let log_n = n.trailing_zeros() as u8;
    // The crate's `len` is only a range check (10..=64); the output length is `out.len()`.
    let params = scrypt::Params::new(log_n, r, p, scrypt::Params::RECOMMENDED_LEN)
        .map_err(|e| invalid(&e.to_string()))?;
    let mut out = vec![0u8; keylen];
    scrypt::scrypt(password, salt, &params, &mut out).map_err(|e| invalid(&e.to_string()))?;
    Ok(out)
}

/// `crypto.hkdfSync(digest, ikm, salt, info, keylen)` (RFC 5869).
pub fn hkdf(
    alg: HashAlg,
    ikm: &[u8],
    salt: &[u8],
    info: &[u8],
    keylen: usize,
) -> Result<Vec<u8>, OpError> {
    let hl = alg.output_len();
    if keylen > 255 * hl {
        return Err(err("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"));
    }
    let salt_default = vec![0u8; hl];
    let prk = hmac(alg, if salt.is_empty() { &salt_default } else { salt }, ikm);
    let mut out = Vec::with_capacity(keylen + hl);
    let mut t: Vec<u8> = Vec::new();
    let mut i = 1u8;
    while out.len() < keylen {
        let mut h = HmacState::new(alg, &prk);
        h.update(&t);
        h.update(info);
        h.update(&[i]);
        t = h.finish();
        out.extend_from_slice(&t);
        i = i.wrapping_add(1);
    }
    out.truncate(keylen);
    Ok(out)
}

/// `crypto.timingSafeEqual` (lengths checked by the caller).
pub fn timing_safe_equal(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

// ---------------------------------------------------------------------------------------------
// AES ciphers

type Block = GenericArray<u8, aes::cipher::consts::U16>;

/// An expanded AES key of any of the three sizes.
#[derive(Clone)]
enum Aes {
    A128(aes::Aes128),
    A192(aes::Aes192),
    A256(aes::Aes256),
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        Some(match key.len() {
            16 => Aes::A128(aes::Aes128::new_from_slice(key).ok()?),
            24 => Aes::A192(aes::Aes192::new_from_slice(key).ok()?),
            32 => Aes::A256(aes::Aes256::new_from_slice(key).ok()?),
            _ => return None,
        })
    }
    fn encrypt(&self, blocks: &mut [Block]) {
        match self {
            Aes::A128(c) => c.encrypt_blocks(blocks),
            Aes::A192(c) => c.encrypt_blocks(blocks),
            Aes::A256(c) => c.encrypt_blocks(blocks),
        }
    }
    fn decrypt(&self, blocks: &mut [Block]) {
        match self {
            Aes::A128(c) => c.decrypt_blocks(blocks),
            Aes::A192(c) => c.decrypt_blocks(blocks),
            Aes::A256(c) => c.decrypt_blocks(blocks),
        }
    }
    fn encrypt_one(&self, b: &mut [u8; 16]) {
        let mut blk = Block::clone_from_slice(b);
        self.encrypt(std::slice::from_mut(&mut blk));
        b.copy_from_slice(&blk);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Cbc,
    Ctr,
    Gcm,
    Ecb,
}

/// What `crypto.getCipherInfo` reports for a cipher name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CipherInfo {
    pub name: &'static str,
    pub nid: u32,
    pub mode: Mode,
    pub key_len: usize,
    /// 0 for ECB.
    pub iv_len: usize,
    pub block_size: usize,
}

/// `crypto.getCiphers()` (the subset atoll implements), sorted.
pub const CIPHERS: &[CipherInfo] = &[
    ci("aes-128-cbc", 419, Mode::Cbc, 16),
    ci("aes-128-ctr", 904, Mode::Ctr, 16),
    ci("aes-128-ecb", 418, Mode::Ecb, 16),
    ci("aes-128-gcm", 895, Mode::Gcm, 16),
    ci("aes-192-cbc", 423, Mode::Cbc, 24),
    ci("aes-192-ctr", 905, Mode::Ctr, 24),
    ci("aes-192-ecb", 422, Mode::Ecb, 24),
    ci("aes-192-gcm", 898, Mode::Gcm, 24),
    ci("aes-256-cbc", 427, Mode::Cbc, 32),
    ci("aes-256-ctr", 906, Mode::Ctr, 32),
    ci("aes-256-ecb", 426, Mode::Ecb, 32),
    ci("aes-256-gcm", 901, Mode::Gcm, 32),
];

const fn ci(name: &'static str, nid: u32, mode: Mode, key_len: usize) -> CipherInfo {
    let (iv_len, block_size) = match mode {
        Mode::Cbc => (16, 16),
        Mode::Ctr => (16, 1),
        Mode::Gcm => (12, 1),
        Mode::Ecb => (0, 16),
    };
    CipherInfo {
        name,
        nid,
        mode,
        key_len,
        iv_len,
        block_size,
    }
}

/// Look a cipher up by Node's names (`aes-256-gcm`, `AES256`, `id-aes128-GCM`, ...).
pub fn cipher_info(name: &str) -> Option<CipherInfo> {
    let n = name.to_ascii_lowercase();
    let n = match n.as_str() {
        "aes128" => "aes-128-cbc".to_owned(),
        "aes192" => "aes-192-cbc".to_owned(),
        "aes256" => "aes-256-cbc".to_owned(),
        s => match s.strip_prefix("id-aes") {
            Some(rest) if rest.len() > 4 => format!("aes-{}-{}", &rest[..3], &rest[4..]),
            _ => s.to_owned(),
        },
    };
    CIPHERS.iter().find(|c| c.name == n).copied()
}

/// A running `Cipheriv`/`Decipheriv`.
pub struct CipherState {
    aes: Aes,
    mode: Mode,
    encrypt: bool,
    auto_padding: bool,
    /// CBC: the previous ciphertext block; CTR/GCM: the next counter block.
    iv: [u8; 16],
    /// CBC/ECB: bytes waiting for a full block (decrypt keeps the last block back for padding).
    pending: Vec<u8>,
    /// CTR/GCM: unused keystream bytes of the current block.
    keystream: [u8; 16],
    ks_used: usize,
    gcm: Option<Box<Gcm>>,
}

struct Gcm {
    ghash: ghash::GHash,
    /// A partial GHASH block (AAD, then ciphertext).
    partial: Vec<u8>,
    aad_len: u64,
    text_len: u64,
    in_text: bool,
    /// E_K(J0), XORed into the GHASH result to make the tag.
    ek_j0: [u8; 16],
    tag_len: usize,
    /// Decipher: the expected tag (`setAuthTag`).
    expected: Option<Vec<u8>>,
}

impl Gcm {
    fn feed(&mut self, data: &[u8]) {
        let mut data = data;
        if !self.partial.is_empty() {
            let take = (16 - self.partial.len()).min(data.len());
            self.partial.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.partial.len() == 16 {
                self.ghash
                    .update(&[*ghash::Block::from_slice(&self.partial)]);
                self.partial.clear();
            }
        }
        let full = data.len() / 16 * 16;
        if full > 0 {
            let blocks: Vec<ghash::Block> = data[..full]
                .chunks_exact(16)
                .map(|c| *ghash::Block::from_slice(c))
                .collect();
            self.ghash.update(&blocks);
        }
        self.partial.extend_from_slice(&data[full..]);
    }
    fn pad(&mut self) {
        if !self.partial.is_empty() {
            self.partial.resize(16, 0);
            self.ghash
                .update(&[*ghash::Block::from_slice(&self.partial)]);
            self.partial.clear();
        }
    }
    fn start_text(&mut self) {
        if !self.in_text {
            self.pad();
            self.in_text = true;
        }
    }
    fn tag(&mut self) -> Vec<u8> {
        self.start_text();
        self.pad();
        let mut lens = [0u8; 16];
        lens[..8].copy_from_slice(&(self.aad_len * 8).to_be_bytes());
        lens[8..].copy_from_slice(&(self.text_len * 8).to_be_bytes());
        self.ghash.update(&[*ghash::Block::from_slice(&lens)]);
        let s = self.ghash.clone().finalize();
        let mut tag: Vec<u8> = s
            .iter()
            .zip(self.ek_j0.iter())
            .map(|(a, b)| a ^ b)
            .collect();
        tag.truncate(self.tag_len);
        tag
    }
}

fn inc128(c: &mut [u8; 16]) {
    for b in c.iter_mut().rev() {
        *b = b.wrapping_add(1);
        if *b != 0 {
            break;
        }
    }
}

fn inc32(c: &mut [u8; 16]) {
    let n = u32::from_be_bytes([c[12], c[13], c[14], c[15]]).wrapping_add(1);
    c[12..].copy_from_slice(&n.to_be_bytes());
}

impl CipherState {
    /// `createCipheriv`/`createDecipheriv`; key and IV lengths were checked by the caller
    /// against [`cipher_info`], but are checked again here.
    pub fn new(
        info: &CipherInfo,
        key: &[u8],
        iv: &[u8],
        encrypt: bool,
        auth_tag_len: usize,
    ) -> Result<CipherState, OpError> {
        let aes = Aes::new(key)
            .filter(|_| key.len() == info.key_len)
            .ok_or_else(|| err("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"))?;
        let mut st = CipherState {
            aes,
            mode: info.mode,
            encrypt,
            auto_padding: true,
            iv: [0; 16],
            pending: Vec::new(),
            keystream: [0; 16],
            ks_used: 16,
            gcm: None,
        };
        match info.mode {
            Mode::Cbc | Mode::Ctr => {
                if iv.len() != 16 {
                    return Err(err(
                        "ERR_CRYPTO_INVALID_IV",
                        "Invalid initialization vector",
                    ));
                }
                st.iv.copy_from_slice(iv);
            }
            Mode::Ecb => {}
            Mode::Gcm => {
                if iv.is_empty() {
                    return Err(err(
                        "ERR_CRYPTO_INVALID_IV",
                        "Invalid initialization vector",
                    ));
                }
                let mut h = [0u8; 16];
                st.aes.encrypt_one(&mut h);
                let key = ghash::Key::from_slice(&h);
                let mut j0 = [0u8; 16];
                if iv.len() == 12 {
                    j0[..12].copy_from_slice(iv);
                    j0[15] = 1;
                } else {
                    let mut g = ghash::GHash::new(key);
                    g.update_padded(iv);
                    let mut lens = [0u8; 16];
                    lens[8..].copy_from_slice(&((iv.len() as u64) * 8).to_be_bytes());
                    g.update(&[*ghash::Block::from_slice(&lens)]);
                    j0.copy_from_slice(&g.finalize());
                }
                let mut ek_j0 = j0;
                st.aes.encrypt_one(&mut ek_j0);
                st.iv = j0;
                inc32(&mut st.iv);
                st.gcm = Some(Box::new(Gcm {
                    ghash: ghash::GHash::new(key),
                    partial: Vec::new(),
                    aad_len: 0,
                    text_len: 0,
                    in_text: false,
                    ek_j0,
                    tag_len: auth_tag_len,
                    expected: None,
                }));
            }
        }
        Ok(st)
    }

    pub fn set_auto_padding(&mut self, on: bool) {
        self.auto_padding = on;
    }

    /// `setAAD` (GCM only, before any text).
    pub fn set_aad(&mut self, aad: &[u8]) -> Result<(), OpError> {
        match self.gcm.as_mut() {
            Some(g) if !g.in_text => {
                g.aad_len += aad.len() as u64;
                g.feed(aad);
                Ok(())
            }
            _ => Err(err(
                "ERR_CRYPTO_INVALID_STATE",
                "Invalid state for operation setAAD",
            )),
        }
    }

    /// `setAuthTag` (GCM decipher only).
    pub fn set_auth_tag(&mut self, tag: &[u8]) -> Result<(), OpError> {
        match self.gcm.as_mut() {
            Some(g) if !self.encrypt => {
                if tag.len() < 4 || tag.len() > 16 {
                    return Err(err(
                        "ERR_CRYPTO_INVALID_AUTH_TAG",
                        format!("Invalid authentication tag length: {}", tag.len()),
                    ));
                }
                g.tag_len = tag.len();
                g.expected = Some(tag.to_vec());
                Ok(())
            }
            _ => Err(err(
                "ERR_CRYPTO_INVALID_STATE",
                "Invalid state for operation setAuthTag",
            )),
        }
    }

    fn ctr_xor(&mut self, data: &mut [u8]) {
        let gcm = self.mode == Mode::Gcm;
        let mut i = 0;
        // Finish the current keystream block.
        while i < data.len() && self.ks_used < 16 {
            data[i] ^= self.keystream[self.ks_used];
            self.ks_used += 1;
            i += 1;
        }
        // Whole blocks, eight at a time so AES-NI can pipeline.
        let mut counters = [Block::default(); 8];
        while data.len() - i >= 16 {
            let n = ((data.len() - i) / 16).min(8);
            for c in counters.iter_mut().take(n) {
                c.copy_from_slice(&self.iv);
                if gcm {
                    inc32(&mut self.iv);
                } else {
                    inc128(&mut self.iv);
                }
            }
            self.aes.encrypt(&mut counters[..n]);
            for ks in counters.iter().take(n) {
                for (d, k) in data[i..i + 16].iter_mut().zip(ks.iter()) {
                    *d ^= k;
                }
                i += 16;
            }
        }
        // A trailing partial block.
        if i < data.len() {
            self.keystream = self.iv;
            self.aes.encrypt_one(&mut self.keystream);
            if gcm {
                inc32(&mut self.iv);
            } else {
                inc128(&mut self.iv);
            }
            self.ks_used = 0;
            while i < data.len() {
                data[i] ^= self.keystream[self.ks_used];
                self.ks_used += 1;
                i += 1;
            }
        }
    }

    fn blocks(&mut self, data: &mut [u8]) {
        debug_assert!(data.len().is_multiple_of(16));
        let mut blocks: Vec<Block> = data.chunks_exact(16).map(Block::clone_from_slice).collect();
        match (self.mode, self.encrypt) {
            (Mode::Ecb, true) => self.aes.encrypt(&mut blocks),
            (Mode::Ecb, false) => self.aes.decrypt(&mut blocks),
            (_, true) => {
                for b in blocks.iter_mut() {
                    for (x, p) in b.iter_mut().zip(self.iv.iter()) {
                        *x ^= p;
                    }
                    self.aes.encrypt(std::slice::from_mut(b));
                    self.iv.copy_from_slice(b);
                }
            }
            (_, false) => {
                let prevs: Vec<[u8; 16]> = std::iter::once(self.iv)
                    .chain(blocks.iter().map(|b| {
                        let mut a = [0u8; 16];
                        a.copy_from_slice(b);
                        a
                    }))
                    .collect();
                self.aes.decrypt(&mut blocks);
                for (b, p) in blocks.iter_mut().zip(prevs.iter()) {
                    for (x, y) in b.iter_mut().zip(p.iter()) {
                        *x ^= y;
                    }
                }
                if let Some(last) = prevs.last() {
                    self.iv = *last;
                }
            }
        }
        for (d, b) in data.chunks_exact_mut(16).zip(blocks.iter()) {
            d.copy_from_slice(b);
        }
    }

    /// `cipher.update(data)`: the output available so far.
    pub fn update(&mut self, data: &[u8]) -> Vec<u8> {
        match self.mode {
            Mode::Ctr => {
                let mut out = data.to_vec();
                self.ctr_xor(&mut out);
                out
            }
            Mode::Gcm => {
                let mut out = data.to_vec();
                let encrypt = self.encrypt;
                if let Some(g) = self.gcm.as_mut() {
                    g.start_text();
                    g.text_len += data.len() as u64;
                    if !encrypt {
                        g.feed(data);
                    }
                }
                self.ctr_xor(&mut out);
                if encrypt {
                    if let Some(g) = self.gcm.as_mut() {
                        g.feed(&out);
                    }
                }
                out
            }
            Mode::Cbc | Mode::Ecb => {
                self.pending.extend_from_slice(data);
                let mut n = self.pending.len() / 16 * 16;
                // Decrypting with padding: keep the last full block for `final`.
                if !self.encrypt && self.auto_padding && n == self.pending.len() && n > 0 {
                    n -= 16;
                }
                let mut out: Vec<u8> = self.pending.drain(..n).collect();
                self.blocks(&mut out);
                out
            }
        }
    }

    /// `cipher.final()`: the remaining output; for a GCM decipher, checks the tag.
    pub fn finish(&mut self) -> Result<Vec<u8>, OpError> {
        match self.mode {
            Mode::Ctr => Ok(Vec::new()),
            Mode::Gcm => {
                let encrypt = self.encrypt;
                let Some(g) = self.gcm.as_mut() else {
                    return Ok(Vec::new());
                };
                let tag = g.tag();
                if !encrypt {
                    let ok = match &g.expected {
                        Some(exp) => timing_safe_equal(&tag[..exp.len().min(tag.len())], exp),
                        None => false,
                    };
                    if !ok {
                        return Err(err(
                            "ERR_CRYPTO_AUTH_FAILED",
                            "Unsupported state or unable to authenticate data",
                        ));
                    }
                }
                g.expected = Some(tag);
                Ok(Vec::new())
            }
            Mode::Cbc | Mode::Ecb => {
                let mut rest = std::mem::take(&mut self.pending);
                if self.encrypt {
                    if self.auto_padding {
                        let pad = 16 - rest.len() % 16;
                        rest.resize(rest.len() + pad, pad as u8);
                    } else if !rest.len().is_multiple_of(16) {
                        return Err(err(
                            "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH",
                            "error:1C80006B:Provider routines::wrong final block length",
                        ));
                    }
                    self.blocks(&mut rest);
                    Ok(rest)
                } else {
                    if !rest.len().is_multiple_of(16) || (self.auto_padding && rest.is_empty()) {
                        return Err(err(
                            "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH",
                            "error:1C80006B:Provider routines::wrong final block length",
                        ));
                    }
                    self.blocks(&mut rest);
                    if self.auto_padding {
                        let pad = rest[rest.len() - 1] as usize;
                        let bad = pad == 0
                            || pad > 16
                            || !rest[rest.len() - pad..].iter().all(|&b| b as usize == pad);
                        if bad {
                            return Err(err(
                                "ERR_OSSL_BAD_DECRYPT",
                                "error:1C800064:Provider routines::bad decrypt",
                            ));
                        }
                        rest.truncate(rest.len() - pad);
                    }
                    Ok(rest)
                }
            }
        }
    }

    /// `cipher.getAuthTag()` after `final()` (GCM encrypt).
    pub fn auth_tag(&self) -> Option<Vec<u8>> {
        if !self.encrypt {
            return None;
        }
        self.gcm.as_ref().and_then(|g| g.expected.clone())
    }
}

/// AES-GCM in one call (WebCrypto `encrypt`): ciphertext followed by the tag.
pub fn aes_gcm_seal(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    tag_len: usize,
) -> Result<Vec<u8>, OpError> {
    let info = gcm_info(key)?;
    let mut c = CipherState::new(&info, key, iv, true, tag_len)?;
    c.set_aad(aad)?;
    let mut out = c.update(data);
    c.finish()?;
    out.extend(c.auth_tag().unwrap_or_default());
    Ok(out)
}

/// AES-GCM in one call (WebCrypto `decrypt`): `data` ends with the tag.
pub fn aes_gcm_open(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    data: &[u8],
    tag_len: usize,
) -> Result<Vec<u8>, OpError> {
    let info = gcm_info(key)?;
    if data.len() < tag_len {
        return Err(err(
            "ERR_CRYPTO_AUTH_FAILED",
            "The provided data is too small.",
        ));
    }
    let (text, tag) = data.split_at(data.len() - tag_len);
    let mut c = CipherState::new(&info, key, iv, false, tag_len)?;
    c.set_aad(aad)?;
    c.set_auth_tag(tag)?;
    let out = c.update(text);
    c.finish()?;
    Ok(out)
}

fn gcm_info(key: &[u8]) -> Result<CipherInfo, OpError> {
    let name = match key.len() {
        16 => "aes-128-gcm",
        24 => "aes-192-gcm",
        32 => "aes-256-gcm",
        _ => return Err(err("ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length")),
    };
    cipher_info(name).ok_or_else(|| err("ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher"))
}

// ---------------------------------------------------------------------------------------------
// signatures

/// A new Ed25519 key pair: (32-byte seed, 32-byte public key).
pub fn ed25519_generate() -> Result<(Vec<u8>, Vec<u8>), OpError> {
    let mut seed = [0u8; 32];
    random_fill(&mut seed)?;
    let sk = ed25519_dalek::SigningKey::from_bytes(&seed);
    Ok((seed.to_vec(), sk.verifying_key().to_bytes().to_vec()))
}

/// The public key of an Ed25519 seed.
pub fn ed25519_public(seed: &[u8]) -> Result<Vec<u8>, OpError> {
    let seed: [u8; 32] = seed.try_into().map_err(|_| bad_key())?;
    Ok(ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes()
        .to_vec())
}

pub fn ed25519_sign(seed: &[u8], data: &[u8]) -> Result<Vec<u8>, OpError> {
    use ed25519_dalek::Signer;
    let seed: [u8; 32] = seed.try_into().map_err(|_| bad_key())?;
    Ok(ed25519_dalek::SigningKey::from_bytes(&seed)
        .sign(data)
        .to_bytes()
        .to_vec())
}

pub fn ed25519_verify(public: &[u8], sig: &[u8], data: &[u8]) -> Result<bool, OpError> {
    let public: [u8; 32] = public.try_into().map_err(|_| bad_key())?;
    let Ok(vk) = ed25519_dalek::VerifyingKey::from_bytes(&public) else {
        return Ok(false);
    };
    let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else {
        return Ok(false);
    };
    Ok(vk.verify_strict(data, &sig).is_ok())
}

fn bad_key() -> OpError {
    err("ERR_CRYPTO_INVALID_KEY", "Invalid key data")
}

/// A new P-256 key pair: (32-byte scalar, 65-byte uncompressed public point).
pub fn p256_generate() -> Result<(Vec<u8>, Vec<u8>), OpError> {
    loop {
        let mut d = [0u8; 32];
        random_fill(&mut d)?;
        if let Ok(sk) = p256::ecdsa::SigningKey::from_slice(&d) {
            let pk = sk.verifying_key().to_encoded_point(false);
            return Ok((d.to_vec(), pk.as_bytes().to_vec()));
        }
    }
}

/// The uncompressed public point of a P-256 scalar.
pub fn p256_public(d: &[u8]) -> Result<Vec<u8>, OpError> {
    let sk = p256::ecdsa::SigningKey::from_slice(d).map_err(|_| bad_key())?;
    Ok(sk
        .verifying_key()
        .to_encoded_point(false)
        .as_bytes()
        .to_vec())
}

/// ECDSA over `hash(data)`; the signature in IEEE P1363 form (r || s), as WebCrypto returns.
pub fn p256_sign(d: &[u8], alg: HashAlg, data: &[u8]) -> Result<Vec<u8>, OpError> {
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    let sk = p256::ecdsa::SigningKey::from_slice(d).map_err(|_| bad_key())?;
    let sig: p256::ecdsa::Signature = sk
        .sign_prehash(&digest(alg, data))
        .map_err(|e| err("ERR_CRYPTO_OPERATION_FAILED", e.to_string()))?;
    Ok(sig.to_bytes().to_vec())
}

pub fn p256_verify(public: &[u8], alg: HashAlg, sig: &[u8], data: &[u8]) -> Result<bool, OpError> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(public).map_err(|_| bad_key())?;
    let Ok(sig) = p256::ecdsa::Signature::from_slice(sig) else {
        return Ok(false);
    };
    Ok(vk.verify_prehash(&digest(alg, data), &sig).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn sha256_abc() {
        assert_eq!(
            hex(&digest(HashAlg::Sha256, b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn gcm_matches_the_nist_vector() {
        // NIST GCM test case 4 (AES-128, 60-byte text, 20-byte AAD).
        let key = unhex("feffe9928665731c6d6a8f9467308308");
        let iv = unhex("cafebabefacedbaddecaf888");
        let pt = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        let aad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let out = aes_gcm_seal(&key, &iv, &aad, &pt, 16).unwrap();
        assert_eq!(hex(&out[pt.len()..]), "5bc94fbc3221a5db94fae95ae7121a47");
        assert_eq!(aes_gcm_open(&key, &iv, &aad, &out, 16).unwrap(), pt);
    }

    #[test]
    fn cbc_round_trips_with_padding() {
        let info = cipher_info("aes-256-cbc").unwrap();
        let key = [7u8; 32];
        let iv = [9u8; 16];
        let mut e = CipherState::new(&info, &key, &iv, true, 16).unwrap();
        let mut ct = e.update(b"hello world, this is more than one block");
        ct.extend(e.finish().unwrap());
        assert_eq!(ct.len(), 48);
        let mut d = CipherState::new(&info, &key, &iv, false, 16).unwrap();
        let mut pt = d.update(&ct[..20]);
        pt.extend(d.update(&ct[20..]));
        pt.extend(d.finish().unwrap());
        assert_eq!(pt, b"hello world, this is more than one block");
    }
}
