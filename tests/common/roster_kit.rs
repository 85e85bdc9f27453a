//! A roster export written for the roster tests: the header a payroll system gives, workers with nothing
//! in common, and the hits `roster screen` finds.

use std::path::PathBuf;

use super::Env;

pub const HEADER: &str =
    "Employee ID,Full Name,Vendor,Personal Email,Phone,Home Address,Shipping Address,Routing Number,Account Number";

pub fn write(env: &Env, name: &str, bytes: &[u8]) -> PathBuf {
    let path = env.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A roster of `rows` (after the header) written as comma-separated UTF-8.
pub fn roster(env: &Env, name: &str, rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text.push('\n');
    write(env, name, text.as_bytes()).to_string_lossy().into_owned()
}

/// Three workers with nothing in common, valid routing numbers, shipping home.
pub const CLEAN: [&str; 3] = [
    "E1,Ann Lee,Acme,ann@example.com,+1 415 555 0101,1 Main St Springfield IL 62701,1 Main St Springfield IL 62701,011000015,11112222",
    "E2,Bo Kim,Acme,bo@example.com,+1 415 555 0102,2 Oak Ave Dayton OH 45402,,021000021,33334444",
    "E3,Cy Roe,Beta,cy@example.com,+1 415 555 0103,3 Elm St Austin TX 78701,,026009593,55556666",
];

pub fn hits(env: &Env) -> Vec<serde_json::Value> {
    env.json(&["roster", "screen", "--json"])["hits"].as_array().unwrap().clone()
}

pub fn kinds(env: &Env) -> Vec<String> {
    hits(env).iter().map(|h| h["kind"].as_str().unwrap().to_string()).collect()
}

pub fn people(env: &Env) -> i64 {
    let snapshots = env.json(&["roster", "snapshots", "--json"]);
    snapshots.as_array().unwrap().iter().map(|s| s["people"].as_i64().unwrap()).sum()
}

/// Imports a roster of `rows` and opens a case from its first (strongest) hit: the hit's id and the case.
pub fn open_first_hit(env: &Env, rows: &[&str]) -> (String, i64) {
    env.ok(&["roster", "import", &roster(env, "a.csv", rows)]);
    let id = hits(env)[0]["id"].as_str().unwrap().to_string();
    let case = env.id(&["roster", "open-case", &id]);
    (id, case)
}
