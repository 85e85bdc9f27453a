//! Resumes: fingerprints that find the same resume submitted under different
//! identities. The advisories tell employers to flag applicants with the same resume content; IT workers
//! run several personas from one template, changing the name, the contact lines and a few details.
//!
//! [`Fingerprint::of_text`] turns a resume's text into a compact, stored summary, and
//! [`Fingerprint::band_keys`] gives the index keys that find similar resumes among many without comparing
//! every pair.

mod fingerprint;

pub use fingerprint::{
    BANDS, DEFAULT_THRESHOLD, ENCODED_LEN, Fingerprint, HASHES, MIN_THRESHOLD, ROWS, SHINGLE_WORDS, candidate_chance,
};
