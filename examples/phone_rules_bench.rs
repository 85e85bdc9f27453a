//! What reading phone numbers costs a process: the first number (libphonenumber's metadata decoded and
//! North America's patterns compiled), then a number of a second country (its patterns compiled), then
//! 20,000 numbers of ten countries, each through vetdesk's phone check. Run it once per process: the
//! first two figures are what a command that reads a phone pays once.
//!
//! `cargo run --release --example phone_rules_bench` (three runs give the spread). To compare with
//! rlibphonenumber's `regex` patterns, build with its default features instead of `lite` (Cargo.toml).

use std::time::Instant;

use vetdesk::domain::IdentifierKind::Phone;

const TEN: [&str; 10] = [
    "+1 (202) 555-0143",
    "+44 20 7946 0018",
    "+49 30 123456",
    "+33 1 23 45 67 89",
    "+81 3-1234-5678",
    "+86 10 1234 5678",
    "+7 495 123-45-67",
    "+82 2-312-3456",
    "+55 11 91234-5678",
    "+234 803 123 4567",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    Phone.check("+1 202 555 0143")?;
    let first = t.elapsed();
    let t = Instant::now();
    Phone.check("+44 20 7946 0018")?;
    let second = t.elapsed();
    let t = Instant::now();
    for i in 0..20_000 {
        Phone.check(TEN[i % TEN.len()])?;
    }
    let many = t.elapsed();
    println!(
        "first number {:.2} ms · a second country {:.2} ms · 20,000 numbers of ten countries {:.1} ms ({:.1} µs each)",
        first.as_secs_f64() * 1e3,
        second.as_secs_f64() * 1e3,
        many.as_secs_f64() * 1e3,
        many.as_secs_f64() * 1e6 / 20_000.0
    );
    Ok(())
}
