//! The C libraries compiled into vetdesk, SQLite (as SQLCipher) and the OpenSSL it encrypts with, set up
//! once per process before SQLite first starts. This is the one module of vetdesk that calls C itself.
//!
//! **OpenSSL reads no configuration**: no file on the machine decides which modules vetdesk's encryption
//! runs. Left to itself, the OpenSSL compiled into vetdesk reads the file `OPENSSL_CONF` names, or
//! `openssl.cnf` in its build's folder (`/usr/local/ssl`), the first time SQLCipher asks it for random
//! bytes, and loads the provider modules and engines such a file names. A machine set up for its own
//! OpenSSL (a FIPS provider, say) would then have its modules loaded into vetdesk; where one does not
//! load, SQLCipher cannot seed itself, every command writes SQLCipher's errors to standard error and
//! `encrypt` fails.
//!
//! **OpenSSL's first random bytes are cheap.** Every start of vetdesk pays for them, since SQLCipher seeds
//! itself at SQLite's start, encrypted workspace or not. Two choices make that cheaper (callgrind, `report
//! ID` on a million-case workspace: 35.7 M instructions before, 32.9 M after):
//! - OpenSSL's table of old cipher and digest names is not filled. OpenSSL fills it when it first looks an
//!   algorithm up, to learn every name each one goes by (1.7 M instructions); SQLCipher names its
//!   algorithms by the names the providers give them (`EVP_aes_256_cbc()`, `"sha512"`), which OpenSSL
//!   finds without that table.
//! - The generator is SP 800-90A's Hash_DRBG over SHA-256 instead of OpenSSL's default, CTR_DRBG over
//!   AES-256: making the default one looked up every cipher OpenSSL has (1.1 M instructions), the hash one
//!   looks up the digests, which are fewer. Both are NIST's generators, seeded from the operating system.
//!
//! **SQLite keeps no memory statistics.** With them (its default), every allocation and free takes a
//! process-wide lock and asks the allocator for the block's size, to keep a total that vetdesk never reads
//! (it sets no heap limit and asks for no memory figures).

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_void};
use std::ptr;
use std::sync::Once;

// Options of `OPENSSL_init_crypto`, from OpenSSL 3's <openssl/crypto.h>.
/// No error texts: vetdesk shows none of OpenSSL's (SQLCipher's log is off, see `cipher::keyed`).
const NO_LOAD_CRYPTO_STRINGS: u64 = 0x0000_0001;
/// No table of OpenSSL's old cipher and digest names (see the module's comment).
const NO_ADD_ALL_CIPHERS: u64 = 0x0000_0010;
const NO_ADD_ALL_DIGESTS: u64 = 0x0000_0020;
/// No configuration file, so no modules or engines named in one.
const NO_LOAD_CONFIG: u64 = 0x0000_0080;
/// No freeing of OpenSSL's tables at exit: the process's memory goes back whole.
const NO_ATEXIT: u64 = 0x0008_0000;

unsafe extern "C" {
    /// OpenSSL's own start, linked into vetdesk with SQLCipher's OpenSSL (openssl-sys links it).
    fn OPENSSL_init_crypto(opts: u64, settings: *const c_void) -> c_int;
    /// Chooses the random generator OpenSSL makes when it is first asked for random bytes.
    fn RAND_set_DRBG_type(
        ctx: *mut c_void,
        drbg: *const c_char,
        propq: *const c_char,
        cipher: *const c_char,
        digest: *const c_char,
    ) -> c_int;
}

/// Sets OpenSSL and SQLite up as the module says, once; later calls do nothing. Called before every
/// connection the store opens, so it runs before SQLite's first start in the process (which starts
/// SQLCipher, which asks OpenSSL for random bytes).
pub(crate) fn start() {
    static START: Once = Once::new();
    START.call_once(|| {
        // SAFETY: a C function taking only option bits and a settings pointer that may be null (null means
        // "the defaults"); OpenSSL guards its own start against concurrent and repeated calls. Its result
        // is not needed: when OpenSSL cannot start, SQLCipher's start fails and opening says so.
        let _ = unsafe {
            OPENSSL_init_crypto(
                NO_LOAD_CRYPTO_STRINGS | NO_ADD_ALL_CIPHERS | NO_ADD_ALL_DIGESTS | NO_LOAD_CONFIG | NO_ATEXIT,
                ptr::null(),
            )
        };
        // SAFETY: null for the default library context and for the property query, as the function
        // allows; the other arguments are NUL-terminated strings that live for the whole program. It
        // only records the choice for the generator made later; should it fail, OpenSSL's default
        // generator is made instead, which is as sound.
        let _ = unsafe {
            RAND_set_DRBG_type(ptr::null_mut(), c"HASH-DRBG".as_ptr(), ptr::null(), ptr::null(), c"SHA256".as_ptr())
        };
        // SAFETY: `sqlite3_config` takes the option and, for this one, an int; SQLite accepts it only before
        // it starts, which no connection has made it do yet (should one have, SQLite refuses it, harmlessly,
        // and keeps its statistics).
        let _ = unsafe { rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, c_int::from(false)) };
    });
}
