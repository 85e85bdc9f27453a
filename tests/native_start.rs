//! How the C libraries compiled into vetdesk are set up (see `store::native`). In a test binary of its own:
//! OpenSSL makes its random generator, and SQLite takes its settings, once per process, at SQLite's first
//! start, so any test opening a connection without the store before these would decide what they see.

#![allow(unsafe_code)]

use std::ffi::{CStr, c_char, c_void};

unsafe extern "C" {
    // OpenSSL 3's getters, linked into vetdesk with SQLCipher's OpenSSL.
    fn RAND_get0_primary(ctx: *mut c_void) -> *mut c_void;
    fn EVP_RAND_CTX_get0_rand(ctx: *mut c_void) -> *mut c_void;
    fn EVP_RAND_get0_name(rand: *const c_void) -> *const c_char;
}

fn a_workspace_read() -> vetdesk::store::Store {
    let store = vetdesk::store::Store::open_in_memory().expect("store");
    store.conn().query_row("SELECT count(*) FROM \"case\"", [], |_| Ok(())).expect("read");
    store
}

#[test]
fn the_generator_sqlcipher_seeds_from_is_the_hash_one() {
    let _store = a_workspace_read();
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

#[test]
fn sqlite_keeps_no_memory_statistics() {
    let store = a_workspace_read();
    // SAFETY: SQLite's own counter, safe to read from any thread.
    let counted = unsafe { rusqlite::ffi::sqlite3_memory_used() };
    assert_eq!(counted, 0, "SQLite counted its memory: its statistics are on");
    drop(store);
}
