//! The checklist catalog: red flags and due-diligence measures drawn from the FBI, FBI/ROK and DOJ
//! advisories, built into the binary from `catalog/*.toml`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub code: String,
    pub kind: ItemKind,
    pub category: Category,
    pub phase: Phase,
    pub weight: u8,
    pub title: String,
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Debug)]
pub struct Catalog {
    pub version: String,
    pub sources: Vec<Source>,
    pub items: Vec<Item>,
    by_code: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    version: String,
    source: Vec<Source>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemsFile {
    item: Vec<ItemEntry>,
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
}

const CATALOG: &str = include_str!("../../catalog/sources.toml");
const RED_FLAGS: &str = include_str!("../../catalog/2026.1/red-flags.toml");
const DUE_DILIGENCE: &str = include_str!("../../catalog/2026.1/due-diligence.toml");

/// The catalog built into this binary.
pub fn builtin() -> &'static Catalog {
    static BUILTIN: OnceLock<Catalog> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        Catalog::parse(CATALOG, RED_FLAGS, DUE_DILIGENCE).expect("the built-in catalog is checked by the catalog tests")
    })
}

impl Catalog {
    /// Parses and checks a catalog: unique codes shaped `RF-CAT-NN` / `DD-CAT-NN` after their kind and
    /// category, weights 1-3, and at least one source per item, each a declared source.
    pub fn parse(catalog: &str, red_flags: &str, due_diligence: &str) -> crate::Result<Catalog> {
        let bad = |what: &str, e: toml::de::Error| crate::Error::Catalog(format!("{what}: {}", e.message()));
        let head: CatalogFile = toml::from_str(catalog).map_err(|e| bad("catalog.toml", e))?;
        let red: ItemsFile = toml::from_str(red_flags).map_err(|e| bad("red-flags.toml", e))?;
        let due: ItemsFile = toml::from_str(due_diligence).map_err(|e| bad("due-diligence.toml", e))?;

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
            let number = e.code.strip_prefix(&expected);
            if !number.is_some_and(|n| n.len() == 2 && n.bytes().all(|b| b.is_ascii_digit())) {
                return fail(format!("code should look like {expected}NN"));
            }
            if !(1..=3).contains(&e.weight) {
                return fail("weight must be 1, 2 or 3".into());
            }
            if e.sources.is_empty() {
                return fail("has no source".into());
            }
            if let Some(unknown) = e.sources.iter().find(|s| !head.source.iter().any(|d| &d.key == *s)) {
                return fail(format!("cites undeclared source {unknown}"));
            }
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
            });
        }
        Ok(Catalog { version: head.version, sources: head.source, items, by_code })
    }

    pub fn item(&self, code: &str) -> Option<&Item> {
        self.by_code.get(code).map(|&i| &self.items[i])
    }

    /// Looks a code up, accepting any letter case; the error names the unknown code.
    pub fn resolve(&self, code: &str) -> crate::Result<&Item> {
        self.item(&code.trim().to_uppercase()).ok_or_else(|| crate::Error::UnknownCode(code.to_string()))
    }

    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    pub fn count(&self, kind: ItemKind) -> usize {
        self.items.iter().filter(|i| i.kind == kind).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_is_large_enough_unique_and_sourced() {
        let c = builtin();
        assert!(c.count(ItemKind::RedFlag) >= 45, "{} red flags", c.count(ItemKind::RedFlag));
        assert!(c.count(ItemKind::DueDiligence) >= 15);
        let mut codes: Vec<_> = c.items.iter().map(|i| i.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), c.items.len(), "codes are unique");
        for item in &c.items {
            assert!(!item.sources.is_empty(), "{} has a source", item.code);
            assert!(!item.title.is_empty() && !item.text.is_empty(), "{} has wording", item.code);
            for key in &item.sources {
                assert!(c.source(key).is_some(), "{} cites {key}", item.code);
            }
        }
    }

    #[test]
    fn every_category_has_red_flags_and_the_seed_documents_are_cited() {
        let c = builtin();
        for cat in Category::ALL {
            assert!(c.items.iter().any(|i| i.category == *cat && i.kind == ItemKind::RedFlag), "no red flag in {cat}");
        }
        for seed in ["FBI-2025", "PSA-2023", "DOJ-2025"] {
            assert!(c.items.iter().any(|i| i.sources.iter().any(|s| s == seed)), "{seed} is cited");
        }
    }

    #[test]
    fn parse_rejects_duplicates_bad_codes_and_unsourced_items() {
        let head = "version = \"t\"\n[[source]]\nkey = \"S\"\ntitle = \"s\"\n";
        let item = |code: &str, sources: &str| {
            format!(
                "[[item]]\ncode = \"{code}\"\ncategory = \"identity\"\nphase = \"pre-hire\"\nweight = 2\n\
                 title = \"t\"\ntext = \"x\"\nsources = [{sources}]\n"
            )
        };
        let dd = item("DD-ID-01", "\"S\"");
        let ok = item("RF-ID-01", "\"S\"");
        assert!(Catalog::parse(head, &ok, &dd).is_ok());
        let twice = format!("{ok}{ok}");
        assert!(Catalog::parse(head, &twice, &dd).unwrap_err().to_string().contains("twice"));
        let wrong_cat = item("RF-PAY-01", "\"S\"");
        assert!(Catalog::parse(head, &wrong_cat, &dd).unwrap_err().to_string().contains("RF-ID-NN"));
        assert!(Catalog::parse(head, &item("RF-ID-01", ""), &dd).unwrap_err().to_string().contains("no source"));
        assert!(Catalog::parse(head, &item("RF-ID-01", "\"X\""), &dd).unwrap_err().to_string().contains("undeclared"));
    }

    #[test]
    fn codes_resolve_in_any_case() {
        let c = builtin();
        let first = &c.items[0].code;
        assert_eq!(&c.resolve(&first.to_lowercase()).unwrap().code, first);
        assert!(matches!(c.resolve("RF-NOPE-99"), Err(crate::Error::UnknownCode(_))));
    }
}
