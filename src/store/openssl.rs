//! The OpenSSL that SQLCipher encrypts with, started once per process before SQLite is, with no
//! configuration read: no file on the machine decides which modules vetdesk's encryption runs.
//!
//! Left to itself, the OpenSSL compiled into vetdesk reads the file `OPENSSL_CONF` names, or
//! `openssl.cnf` in its build's folder (`/usr/local/ssl`), the first time SQLCipher asks it for random
//! bytes, and loads the provider modules and engines such a file names. A machine set up for its own
//! OpenSSL (a FIPS provider, say) would then have its modules loaded into vetdesk; where one does not
//! load, SQLCipher cannot seed itself, every command writes SQLCipher's errors to standard error and
//! `encrypt` fails.

#![allow(unsafe_code)]

use std::ffi::{c_int, c_void};
use std::sync::Once;

// Options of `OPENSSL_init_crypto`, from OpenSSL 3's <openssl/crypto.h>.
/// No error texts: vetdesk shows none of OpenSSL's (SQLCipher's log is off, see `cipher::keyed`).
const NO_LOAD_CRYPTO_STRINGS: u64 = 0x0000_0001;
/// No configuration file, so no modules or engines named in one.
const NO_LOAD_CONFIG: u64 = 0x0000_0080;
/// No freeing of OpenSSL's tables at exit: the process's memory goes back whole.
const NO_ATEXIT: u64 = 0x0008_0000;

unsafe extern "C" {
    /// OpenSSL's own start, linked into vetdesk with SQLCipher's OpenSSL (openssl-sys links it).
    fn OPENSSL_init_crypto(opts: u64, settings: *const c_void) -> c_int;
}

/// Starts OpenSSL without its configuration, once; later calls do nothing. Called before every
/// connection the store opens, so it runs before SQLite's first start in the process (which starts
/// SQLCipher, which asks OpenSSL for random bytes).
pub(crate) fn start() {
    static START: Once = Once::new();
    START.call_once(|| {
        // SAFETY: a C function taking only option bits and a settings pointer that may be null (null means
        // "the defaults"); OpenSSL guards its own start against concurrent and repeated calls. Its result
        // is not needed: when OpenSSL cannot start, SQLCipher's start fails and opening says so.
        let _ = unsafe { OPENSSL_init_crypto(NO_LOAD_CRYPTO_STRINGS | NO_LOAD_CONFIG | NO_ATEXIT, std::ptr::null()) };
    });
}
