//! The checklist catalog: red flags and due-diligence measures drawn from the FBI, FBI/ROK and DOJ
//! advisories, built into the binary from `catalog/*.toml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

mod source;
pub mod upgrade;

pub use source::{Reading, Source, SourceKind};

pub use crate::domain::score::ItemKind;
use crate::domain::word_enum;

word_enum!(Category, "category", {
    Identity => "identity",
    Interview => "interview",
    Communication => "communication",
    Location => "location",
    Payments => "payments",
    History => "history",
    Technical => "technical",
    Vendor => "vendor",
});

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Identity => "Identity & documents",
            Category::Interview => "Interview & video",
            Category::Communication => "Communication",
            Category::Location => "Location & devices",
            Category::Payments => "Payments",
            Category::History => "Employment history & resume",
            Category::Technical => "Technical behavior after hire",
            Category::Vendor => "Vendor / third party",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Category::Identity => "ID",
            Category::Interview => "INT",
            Category::Communication => "COM",
            Category::Location => "LOC",
            Category::Payments => "PAY",
            Category::History => "RES",
            Category::Technical => "TECH",
            Category::Vendor => "VEND",
        }
    }
}

word_enum!(Phase, "phase", {
    PreHire => "pre-hire",
    Onboarding => "onboarding",
    PostHire => "post-hire",
});

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::RedFlag => "red flag",
            ItemKind::DueDiligence => "due diligence",
        }
    }
}

word_enum!(
    /// Who an organisation control is for: every organisation, or only a hiring or freelance platform.
    Audience, "audience", {
    Organisation => "organisation",
    Platform => "platform",
});

/// One checklist item of a case.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub code: String,
    pub kind: ItemKind,
    pub category: Category,
    pub phase: Phase,
    /// 1 weak, 2 moderate, 3 strong; 0 for an item that rests on national origin, language or education
    /// abroad, which is recorded but never weighed.
    pub weight: u8,
    pub title: String,
    pub text: String,
    pub sources: Vec<String>,
    /// Shown beside the item: how to record it fairly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caution: Option<String>,
    /// Items restating one underlying fact share this key; the risk score counts the fact once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    pub origin_proxy: bool,
    /// Codes of the previous catalog whose marks move to this item on upgrade.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

impl Item {
    /// The fact this item establishes when flagged: its `fact` key, or its own code.
    pub fn fact_key(&self) -> &str {
        self.fact.as_deref().unwrap_or(&self.code)
    }

    /// The title as a list shows it: marked "(caution)" when the item carries one.
    pub fn listed_title(&self) -> String {
        if self.caution.is_some() { format!("{} (caution)", self.title) } else { self.title.clone() }
    }

    /// The item as the risk method sees it, in one case.
    pub fn scored(&self, state: crate::domain::MarkState, backed: bool) -> crate::domain::Scored<'_> {
        crate::domain::Scored {
            code: &self.code,
            kind: self.kind,
            weight: self.weight,
            fact: self.fact_key(),
            state,
            backed,
        }
    }
}

/// One measure of the organisation-controls checklist, reviewed once per workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub code: String,
    pub audience: Audience,
    pub title: String,
    pub text: String,
    pub sources: Vec<String>,
    /// Case items of the previous catalog this control takes over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
}

#[derive(Debug)]
pub struct Catalog {
    pub version: String,
    /// The version this one follows, which `case upgrade` moves cases from.
    pub previous: Option<String>,
    pub items: Vec<Item>,
    pub controls: Vec<Control>,
    by_code: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionFile {
    version: String,
    previous: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    source: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemsFile {
    item: Vec<ItemEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ControlsFile {
    #[serde(default)]
    control: Vec<Control>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemEntry {
    code: String,
    category: Category,
    phase: Phase,
    weight: u8,
    title: String,
    text: String,
    sources: Vec<String>,
    caution: Option<String>,
    fact: Option<String>,
    #[serde(default)]
    origin_proxy: bool,
    #[serde(default)]
    replaces: Vec<String>,
}

/// The text of one catalog version's files.
pub struct Files<'a> {
    pub catalog: &'a str,
    pub red_flags: &'a str,
    pub due_diligence: &'a str,
    pub controls: &'a str,
}

/// A built-in catalog file, as the build writes it in JSON (see `build.rs`) from `catalog/PATH.toml`.
macro_rules! built_in {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/catalog/", $path, ".json"))
    };
}

const SOURCES: &str = built_in!("sources");

/// The catalog versions built into this binary, oldest first; the last is the one new cases use.
const VERSIONS: &[Files<'static>] = &[
    Files {
        catalog: built_in!("2026.1/catalog"),
        red_flags: built_in!("2026.1/red-flags"),
        due_diligence: built_in!("2026.1/due-diligence"),
        controls: "{}",
    },
    Files {
        catalog: built_in!("2026.2/catalog"),
        red_flags: built_in!("2026.2/red-flags"),
        due_diligence: built_in!("2026.2/due-diligence"),
        controls: built_in!("2026.2/organisation"),
    },
    Files {
        catalog: built_in!("2026.3/catalog"),
        red_flags: built_in!("2026.3/red-flags"),
        due_diligence: built_in!("2026.3/due-diligence"),
        controls: built_in!("2026.3/organisation"),
    },
    Files {
        catalog: built_in!("2026.4/catalog"),
        red_flags: built_in!("2026.4/red-flags"),
        due_diligence: built_in!("2026.4/due-diligence"),
        controls: built_in!("2026.4/organisation"),
    },
    Files {
        catalog: built_in!("2026.5/catalog"),
        red_flags: built_in!("2026.5/red-flags"),
        due_diligence: built_in!("2026.5/due-diligence"),
        controls: built_in!("2026.5/organisation"),
    },
];

/// How a catalog file is written: TOML, as kept in `catalog/`, or the JSON the build makes of it.
#[derive(Debug, Clone, Copy)]
enum Syntax {
    Toml,
    Json,
}

impl Syntax {
    fn read<T: serde::de::DeserializeOwned>(self, name: &str, text: &str) -> crate::Result<T> {
        let bad = |why: String| crate::Error::Catalog(format!("{name}: {why}"));
        match self {
            Syntax::Toml => toml::from_str(text).map_err(|e| bad(e.message().to_string())),
            Syntax::Json => serde_json::from_str(text).map_err(|e| bad(e.to_string())),
        }
    }
}

/// The built-in version at `index` in [`VERSIONS`], parsed the first time it is asked for: a command
/// reads the one version its case follows, not all of them (parsing every version was a measurable share
/// of a command's start).
fn parsed(index: usize) -> &'static Catalog {
    static PARSED: [OnceLock<Catalog>; VERSIONS.len()] = [const { OnceLock::new() }; VERSIONS.len()];
    PARSED[index].get_or_init(|| {
        Catalog::parse_in(sources(), &VERSIONS[index], Syntax::Json)
            .expect("the built-in catalogs are checked by the catalog tests")
    })
}

/// The catalog new cases are opened with.
pub fn builtin() -> &'static Catalog {
    parsed(VERSIONS.len() - 1)
}

/// A catalog version built into this binary.
pub fn version(version: &str) -> Option<&'static Catalog> {
    version_names().iter().position(|v| v == version).map(parsed)
}

/// The version each built-in version's files name, read from their short `catalog.toml` alone.
fn version_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        VERSIONS
            .iter()
            .map(|files| {
                let head: VersionFile = Syntax::Json
                    .read("catalog.toml", files.catalog)
                    .expect("the built-in catalogs are checked by the catalog tests");
                head.version
            })
            .collect()
    })
}

/// Every catalog version built in, oldest first.
pub fn versions() -> Vec<&'static Catalog> {
    (0..VERSIONS.len()).map(parsed).collect()
}

/// Every cited document.
pub fn sources() -> &'static [Source] {
    static SOURCES_PARSED: OnceLock<Vec<Source>> = OnceLock::new();
    SOURCES_PARSED.get_or_init(|| {
        parse_sources_in(SOURCES, Syntax::Json).expect("the built-in sources are checked by the catalog tests")
    })
}

/// Looks a cited document up by its key.
pub fn source(key: &str) -> Option<&'static Source> {
    sources().iter().find(|s| s.key == key)
}

/// Parses the source records and checks each is complete enough to cite: issuer, title and date.
pub fn parse_sources(text: &str) -> crate::Result<Vec<Source>> {
    parse_sources_in(text, Syntax::Toml)
}

fn parse_sources_in(text: &str, syntax: Syntax) -> crate::Result<Vec<Source>> {
    let file: SourcesFile = syntax.read("sources.toml", text)?;
    let mut seen = std::collections::HashSet::new();
    for s in &file.source {
        if !seen.insert(s.key.as_str()) {
            return Err(crate::Error::Catalog(format!("source {} is listed twice", s.key)));
        }
        let gaps = s.gaps();
        if !gaps.is_empty() {
            return Err(crate::Error::Catalog(format!("source {} lacks {}", s.key, gaps.join(", "))));
        }
    }
    Ok(file.source)
}

impl Catalog {
    /// Parses and checks a catalog version: unique codes shaped `RF-CAT-NN` / `DD-CAT-NN` after their
    /// kind and category (`OC-NN` / `PL-NN` for controls), weights 1-3 (0 only for an origin proxy, which
    /// must carry a caution), and at least one source per item, each one of `sources`.
    pub fn parse(sources: &[Source], files: &Files<'_>) -> crate::Result<Catalog> {
        Self::parse_in(sources, files, Syntax::Toml)
    }

    fn parse_in(sources: &[Source], files: &Files<'_>, syntax: Syntax) -> crate::Result<Catalog> {
        let head: VersionFile = syntax.read("catalog.toml", files.catalog)?;
        let red: ItemsFile = syntax.read("red-flags.toml", files.red_flags)?;
        let due: ItemsFile = syntax.read("due-diligence.toml", files.due_diligence)?;
        let controls: ControlsFile = syntax.read("organisation.toml", files.controls)?;
        let cited = |code: &str, keys: &[String]| -> crate::Result<()> {
            if keys.is_empty() {
                return Err(crate::Error::Catalog(format!("{code}: has no source")));
            }
            match keys.iter().find(|k| !sources.iter().any(|s| &s.key == *k)) {
                Some(unknown) => {
                    Err(crate::Error::Catalog(format!("{code}: cites {unknown}, which has no source record")))
                }
                None => Ok(()),
            }
        };

        let mut items = Vec::with_capacity(red.item.len() + due.item.len());
        let mut by_code = HashMap::new();
        let entries = red
            .item
            .into_iter()
            .map(|e| (ItemKind::RedFlag, e))
            .chain(due.item.into_iter().map(|e| (ItemKind::DueDiligence, e)));
        for (kind, e) in entries {
            let prefix = match kind {
                ItemKind::RedFlag => "RF",
                ItemKind::DueDiligence => "DD",
            };
            let fail = |why: String| Err(crate::Error::Catalog(format!("{}: {why}", e.code)));
            let expected = format!("{prefix}-{}-", e.category.code());
            if !e.code.strip_prefix(&expected).is_some_and(two_digits) {
                return fail(format!("code should look like {expected}NN"));
            }
            match (e.origin_proxy, e.weight) {
                (false, 1..=3) | (true, 0) => {}
                (false, _) => return fail("weight must be 1, 2 or 3".into()),
                (true, _) => return fail("an origin proxy carries weight 0".into()),
            }
            if e.origin_proxy && e.caution.as_deref().is_none_or(|c| c.trim().is_empty()) {
                return fail("an origin proxy needs a caution".into());
            }
            cited(&e.code, &e.sources)?;
            if by_code.insert(e.code.clone(), items.len()).is_some() {
                return fail("code is used twice".into());
            }
            items.push(Item {
                code: e.code,
                kind,
                category: e.category,
                phase: e.phase,
                weight: e.weight,
                title: e.title,
                text: e.text,
                sources: e.sources,
                caution: e.caution.filter(|c| !c.trim().is_empty()),
                fact: e.fact.filter(|f| !f.trim().is_empty()),
                origin_proxy: e.origin_proxy,
                replaces: e.replaces,
            });
        }
        let mut control_codes = std::collections::HashSet::new();
        for c in &controls.control {
            let prefix = match c.audience {
                Audience::Organisation => "OC-",
                Audience::Platform => "PL-",
            };
            if !c.code.strip_prefix(prefix).is_some_and(two_digits) {
                return Err(crate::Error::Catalog(format!("{}: code should look like {prefix}NN", c.code)));
            }
            if !control_codes.insert(c.code.as_str()) {
                return Err(crate::Error::Catalog(format!("{}: code is used twice", c.code)));
            }
            cited(&c.code, &c.sources)?;
        }
        Ok(Catalog { version: head.version, previous: head.previous, items, controls: controls.control, by_code })
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.by_code.get(code).map(|&i| &self.items[i])
    }

    /// Looks a code up, accepting any letter case; the error names the unknown code.
    pub fn resolve(&self, code: &str) -> crate::Result<&Item> {
        self.item(&code.trim().to_uppercase()).ok_or_else(|| crate::Error::UnknownCode(code.trim().to_string()))
    }

    /// Looks an organisation control up, accepting any letter case.
    pub fn control(&self, code: &str) -> crate::Result<&Control> {
        let wanted = code.trim().to_uppercase();
        self.controls
            .iter()
            .find(|c| c.code == wanted)
            .ok_or_else(|| crate::Error::UnknownCode(code.trim().to_string()))
    }

    /// A source this catalog's items may cite.
    pub fn source(&self, key: &str) -> Option<&'static Source> {
        source(key)
    }

    /// The sources this version cites, in the order of `sources.toml`.
    pub fn cited_sources(&self) -> Vec<&'static Source> {
        let cited: std::collections::HashSet<&str> = self
            .items
            .iter()
            .flat_map(|i| &i.sources)
            .chain(self.controls.iter().flat_map(|c| &c.sources))
            .map(String::as_str)
            .collect();
        sources().iter().filter(|s| cited.contains(s.key.as_str())).collect()
    }

    pub fn count(&self, kind: ItemKind) -> usize {
        self.items.iter().filter(|i| i.kind == kind).count()
    }

    /// How many items and controls cite `key`.
    pub fn citations_of(&self, key: &str) -> usize {
        let cites = |s: &Vec<String>| s.iter().any(|k| k == key);
        self.items.iter().filter(|i| cites(&i.sources)).count()
            + self.controls.iter().filter(|c| cites(&c.sources)).count()
    }
}

fn two_digits(n: &str) -> bool {
    n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
