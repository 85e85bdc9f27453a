//! Times resume fingerprinting: `cargo run --release --example resume_bench`
//!
//! Fingerprints a typical resume many times, a 1 MB text whose every shingle is distinct (the worst
//! case), and compares one fingerprint with 100,000 others.

use std::hint::black_box;
use std::time::Instant;

use vetdesk::resume::Fingerprint;

const RESUMES: [&str; 4] = [
    include_str!("../tests/fixtures/resumes/backend_whitfield.txt"),
    include_str!("../tests/fixtures/resumes/backend_caldwell.txt"),
    include_str!("../tests/fixtures/resumes/platform_lindqvist.txt"),
    include_str!("../tests/fixtures/resumes/fullstack_okonkwo.txt"),
];

/// About `bytes` of text drawn from the fixtures' vocabulary in pseudo-random order.
fn random_words(bytes: usize) -> String {
    let vocabulary: Vec<&str> = RESUMES.iter().flat_map(|r| r.split_whitespace()).collect();
    let mut state: u64 = 2026;
    let mut text = String::with_capacity(bytes + 32);
    while text.len() < bytes {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        text.push_str(vocabulary[(state >> 33) as usize % vocabulary.len()]);
        text.push(' ');
    }
    text
}

fn main() {
    let rounds = 2_000;
    let start = Instant::now();
    for i in 0..rounds {
        black_box(Fingerprint::of_text(black_box(RESUMES[i % RESUMES.len()])));
    }
    let per_resume = start.elapsed().as_secs_f64() / rounds as f64;
    println!("typical resume (~380 words): {:.0} µs each, so 100,000 in {:.0} s", per_resume * 1e6, per_resume * 1e5);

    let big = random_words(1 << 20);
    let start = Instant::now();
    let print = Fingerprint::of_text(&big).map(|p| p.shingles);
    println!("1 MiB of text, {print:?} distinct shingles: {:.0} ms", start.elapsed().as_secs_f64() * 1e3);

    let others: Vec<Fingerprint> =
        (0..100_000).filter_map(|i| Fingerprint::of_text(&format!("{} {i}", RESUMES[i % 4]))).collect();
    let one = &others[0];
    let start = Instant::now();
    let close = others.iter().filter(|other| one.similarity(other) >= 0.5).count();
    println!(
        "one against {} fingerprints ({close} at 0.5 or more): {:.1} ms",
        others.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let keys: usize = others.iter().map(|p| black_box(p.band_keys()).len()).sum();
    println!(
        "band keys for {} fingerprints ({keys} keys): {:.0} ms",
        others.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
