//! Which records each seal scope holds: for every table, the query that reads a scope's records (the key
//! first, then every column), and which columns are left out of or added to a record's hash.

use super::Scope;

/// One table's records in the scopes of one kind whose ids run from `?1` to `?2`: the first column is the
/// scope's id, the second the record's key, the rest its contents.
pub(super) struct Source {
    pub(super) table: &'static str,
    pub(super) sql: &'static str,
}

/// Columns derived from other columns by the normalization rules, which `audit verify` re-derives, and the
/// tag this machine keeps of each derivation (`store::key_tags`).
pub(super) const DERIVED: &[&str] = &["normalized", "loose", "account_key", "account_loose", "wallet_key", "key_tag"];

/// Columns added to sealed tables after sealing began (schema step 5 on). Each is nullable and hashed
/// only when it holds a value, so a record written before the column existed keeps its seal.
const ADDED: &[&str] = &[
    "name_on_account",
    "swift",
    "originating_bank",
    "originating_account",
    "wallet",
    "tx_hash",
    "suite",
    "county",
    "subsector",
    "bank_contacted",
    "bank_address",
    "bank_city",
    "bank_state",
    "bank_zip",
    "bank_country",
    "voided_at",
    "voided_by",
    "void_reason",
    "archived_at",
    "archived_by",
    "archive_reason",
    "demo",
];

/// Whether a column was added after sealing began: one of [`ADDED`], or a payment's IC3 detail (step 7).
pub(super) fn is_added(column: &str) -> bool {
    ADDED.contains(&column) || crate::domain::TransactionDetails::ALL.iter().any(|d| d.column == column)
}

pub(super) const CASE_SOURCES: &[Source] = &[
    Source { table: "case", sql: r#"SELECT id, id, * FROM "case" WHERE id BETWEEN ?1 AND ?2"# },
    Source { table: "subject", sql: "SELECT case_id, id, * FROM subject WHERE case_id BETWEEN ?1 AND ?2" },
    Source { table: "identifier", sql: "SELECT case_id, id, * FROM identifier WHERE case_id BETWEEN ?1 AND ?2" },
    Source { table: "payment", sql: "SELECT case_id, id, * FROM payment WHERE case_id BETWEEN ?1 AND ?2" },
    Source { table: "mark", sql: "SELECT case_id, code, * FROM mark WHERE case_id BETWEEN ?1 AND ?2" },
    Source { table: "note", sql: "SELECT case_id, id, * FROM note WHERE case_id BETWEEN ?1 AND ?2" },
    Source {
        table: "note_revision",
        sql:
            "SELECT n.case_id, r.note_id || ' ' || r.revision, r.* FROM note n JOIN note_revision r ON r.note_id = n.id
              WHERE n.case_id BETWEEN ?1 AND ?2",
    },
    Source { table: "evidence", sql: "SELECT case_id, id, * FROM evidence WHERE case_id BETWEEN ?1 AND ?2" },
    Source {
        table: "evidence_item",
        sql: "SELECT e.case_id, i.evidence_id || ' ' || i.code, i.* FROM evidence e
              JOIN evidence_item i ON i.evidence_id = e.id WHERE e.case_id BETWEEN ?1 AND ?2",
    },
    Source {
        table: "evidence_check",
        sql: "SELECT e.case_id, c.id, c.* FROM evidence e JOIN evidence_check c ON c.evidence_id = e.id
              WHERE e.case_id BETWEEN ?1 AND ?2",
    },
    Source {
        table: "suggestion",
        sql: "SELECT case_id, code || ' ' || basis, * FROM suggestion WHERE case_id BETWEEN ?1 AND ?2",
    },
    Source { table: "case_answer", sql: "SELECT case_id, field, * FROM case_answer WHERE case_id BETWEEN ?1 AND ?2" },
    Source {
        table: "resume_print",
        sql: "SELECT case_id, evidence_id, * FROM resume_print WHERE case_id BETWEEN ?1 AND ?2",
    },
    Source {
        table: "resume_band",
        sql: "SELECT e.case_id, b.evidence_id || ' ' || b.band_key, b.* FROM evidence e
              JOIN resume_band b ON b.evidence_id = e.id WHERE e.case_id BETWEEN ?1 AND ?2",
    },
    Source { table: "roster_case", sql: "SELECT case_id, case_id, * FROM roster_case WHERE case_id BETWEEN ?1 AND ?2" },
    Source {
        table: "roster_case_person",
        sql: "SELECT case_id, source || ' ' || person, * FROM roster_case_person WHERE case_id BETWEEN ?1 AND ?2",
    },
    Source { table: "case_origin", sql: "SELECT case_id, case_id, * FROM case_origin WHERE case_id BETWEEN ?1 AND ?2" },
    Source {
        table: "case_origin_row",
        sql: "SELECT case_id, tbl || ' ' || origin_id, * FROM case_origin_row WHERE case_id BETWEEN ?1 AND ?2",
    },
    Source {
        table: "imported_audit",
        sql: "SELECT case_id, origin_id, * FROM imported_audit WHERE case_id BETWEEN ?1 AND ?2",
    },
    Source {
        table: "imported_signer",
        sql: "SELECT case_id, fingerprint, * FROM imported_signer WHERE case_id BETWEEN ?1 AND ?2",
    },
];

/// One record of the tables a link between cases can rest on, by its key (`?1`): the columns its table's
/// [`CASE_SOURCES`] query reads, so its row hash is the one sealed.
pub(super) const HELD_SOURCES: &[Source] = &[
    Source { table: "identifier", sql: "SELECT case_id, id, * FROM identifier WHERE id = ?1" },
    Source { table: "payment", sql: "SELECT case_id, id, * FROM payment WHERE id = ?1" },
    Source { table: "resume_print", sql: "SELECT case_id, evidence_id, * FROM resume_print WHERE evidence_id = ?1" },
    // A linked case's own row, when it is archived: its archiving takes the link out of what is shown.
    Source { table: "case", sql: r#"SELECT id, id, * FROM "case" WHERE id = ?1"# },
];

// The workspace-level scopes have the one id 0.
const ORGANIZATION_SOURCES: &[Source] = &[
    Source { table: "organization", sql: "SELECT 0, id, * FROM organization WHERE 0 BETWEEN ?1 AND ?2" },
    Source { table: "control_mark", sql: "SELECT 0, code, * FROM control_mark WHERE 0 BETWEEN ?1 AND ?2" },
];

const SETTINGS_SOURCES: &[Source] = &[
    Source {
        table: "setting",
        // `match_rules` and `score_method` record how match keys and stored scores were derived, not a
        // choice; both are worked out again.
        sql: "SELECT 0, key, * FROM setting WHERE 0 BETWEEN ?1 AND ?2 AND key NOT IN ('match_rules', 'score_method')",
    },
    Source { table: "bundle_import", sql: "SELECT 0, bundle, * FROM bundle_import WHERE 0 BETWEEN ?1 AND ?2" },
    Source { table: "trusted_signer", sql: "SELECT 0, fingerprint, * FROM trusted_signer WHERE 0 BETWEEN ?1 AND ?2" },
];

const LIST_SOURCES: &[Source] = &[
    Source { table: "reference_list", sql: "SELECT id, id, * FROM reference_list WHERE id BETWEEN ?1 AND ?2" },
    Source {
        table: "reference_entry",
        sql: "SELECT list_id, rowid, * FROM reference_entry WHERE list_id BETWEEN ?1 AND ?2",
    },
];

/// A snapshot's records in table, then key order (bytes in SQLite as in Rust), for [`seal_new`] to stream; a
/// person is one record with their values, match keys included: the re-key's audit row reseals them.
pub(super) const ROSTER_SOURCES: &[Source] = &[
    Source {
        table: "roster_person",
        sql: "SELECT p.snapshot_id, p.person, p.*, (SELECT group_concat(v.field || char(31) || v.kind || char(31)
                  || v.raw || char(31) || v.normalized || char(31) || coalesce(v.warning, ''), char(30) ORDER BY v.field)
                FROM roster_value v WHERE v.snapshot_id = p.snapshot_id AND v.person = p.person) AS person_values
              FROM roster_person p WHERE p.snapshot_id BETWEEN ?1 AND ?2 ORDER BY 1, 2",
    },
    Source { table: "roster_snapshot", sql: "SELECT id, id, * FROM roster_snapshot WHERE id BETWEEN ?1 AND ?2" },
];

const ROSTER_REVIEW_SOURCES: &[Source] =
    &[Source { table: "roster_dismissal", sql: "SELECT 0, hit, * FROM roster_dismissal WHERE 0 BETWEEN ?1 AND ?2" }];

/// The [`CASE_SOURCES`] whose table holds a row, asked of every table in one statement. A table with no
/// row gives no record to any case (each source's table is in its query's `FROM`, never outer-joined), so
/// its query is not run, nor prepared: preparing the twenty queries was most of a one-case check in a
/// short command, and most workspaces leave several of those tables empty (rosters, bundles, answers).
pub(super) fn case_sources_holding(conn: &rusqlite::Connection) -> crate::Result<Vec<&'static Source>> {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| {
        let probes: Vec<String> =
            CASE_SOURCES.iter().map(|s| format!("EXISTS (SELECT 1 FROM \"{}\")", s.table)).collect();
        format!("SELECT {}", probes.join(", "))
    });
    let holding = conn.prepare_cached(sql)?.query_row([], |r| {
        (0..CASE_SOURCES.len()).map(|i| r.get::<_, bool>(i)).collect::<rusqlite::Result<Vec<bool>>>()
    })?;
    Ok(CASE_SOURCES.iter().zip(holding).filter_map(|(source, holds)| holds.then_some(source)).collect())
}

impl Scope {
    pub(super) fn sources(self) -> (&'static [Source], i64) {
        match self {
            Scope::Case(id) => (CASE_SOURCES, id),
            Scope::Organization => (ORGANIZATION_SOURCES, 0),
            Scope::Settings => (SETTINGS_SOURCES, 0),
            Scope::List(id) => (LIST_SOURCES, id),
            Scope::Roster(id) => (ROSTER_SOURCES, id),
            Scope::RosterReview => (ROSTER_REVIEW_SOURCES, 0),
        }
    }
}
