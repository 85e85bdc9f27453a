//! Turns the checklist catalog's TOML files (`catalog/`) into JSON in the build's output folder, which
//! the binary embeds and reads on every start: a JSON reader takes a quarter of the time a TOML one does
//! over the same 105 KB, and every command pays it. The TOML files stay the ones to edit and review; a
//! file that is not valid TOML fails the build here, and the catalog tests check that the JSON read gives
//! the catalog the TOML does.

use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=catalog");
    convert(Path::new("catalog"), &out.join("catalog"));
}

/// Writes every `.toml` file under `from` as `.json` at the same place under `to`.
fn convert(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    let mut entries: Vec<_> = std::fs::read_dir(from)
        .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
        .map(|e| e.expect("a catalog folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().expect("an entry has a name");
        if path.is_dir() {
            convert(&path, &to.join(name));
        } else if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let json = serde_json::to_string(&table).expect("a TOML table is written as JSON");
            let target = to.join(name).with_extension("json");
            std::fs::write(&target, json).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}
