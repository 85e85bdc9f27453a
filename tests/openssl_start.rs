//! The random generator OpenSSL makes for SQLCipher (see `store::openssl`). In a test binary of its own:
//! OpenSSL makes its generator once per process, at SQLite's first start, so any test opening a connection
//! without the store before this one would decide what it sees.

#![allow(unsafe_code)]

use std::ffi::{CStr, c_char, c_void};

unsafe extern "C" {
    // OpenSSL 3's getters, linked into vetdesk with SQLCipher's OpenSSL.
    fn RAND_get0_primary(ctx: *mut c_void) -> *mut c_void;
    fn EVP_RAND_CTX_get0_rand(ctx: *mut c_void) -> *mut c_void;
    fn EVP_RAND_get0_name(rand: *const c_void) -> *const c_char;
}

#[test]
fn the_generator_sqlcipher_seeds_from_is_the_hash_one() {
    let store = vetdesk::store::Store::open_in_memory().expect("store");
    store.conn().query_row("SELECT count(*) FROM \"case\"", [], |_| Ok(())).expect("read");
    // SAFETY: OpenSSL's getters, each taking what the one before returned (checked not null); the name is a
    // static NUL-terminated string.
    let name = unsafe {
        let primary = RAND_get0_primary(std::ptr::null_mut());
        assert!(!primary.is_null(), "OpenSSL made its generator");
        let rand = EVP_RAND_CTX_get0_rand(primary);
        assert!(!rand.is_null(), "the generator has a type");
        CStr::from_ptr(EVP_RAND_get0_name(rand))
    };
    assert_eq!(name.to_str().expect("name"), "HASH-DRBG");
}
