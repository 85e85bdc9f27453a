-- vetdesk workspace schema.
--
-- The one source of truth for the schema: a series of numbered steps. Opening a workspace applies every
-- step above its `PRAGMA user_version`, each step in its own transaction, and sets user_version to the
-- step's number. Steps are append-only: never edit or remove a step that has shipped; add a new one.
-- A workspace whose user_version is above the last step here was written by a newer vetdesk and is refused.

-- version 1
CREATE TABLE organization (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL DEFAULT '',
    address1      TEXT NOT NULL DEFAULT '',
    address2      TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT '',
    zip           TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    it_poc        TEXT NOT NULL DEFAULT '',
    other_poc     TEXT NOT NULL DEFAULT '',
    sector        TEXT NOT NULL DEFAULT '',
    filer_name    TEXT NOT NULL DEFAULT '',
    filer_phone   TEXT NOT NULL DEFAULT '',
    filer_email   TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL
);

CREATE TABLE "case" (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL CHECK (length(title) > 0),
    status           TEXT NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'investigating', 'escalated', 'reported', 'closed')),
    priority         TEXT NOT NULL DEFAULT 'medium'
                     CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    disposition      TEXT CHECK (disposition IN ('cleared', 'confirmed', 'inconclusive')),
    catalog_version  TEXT NOT NULL,
    tags             TEXT NOT NULL DEFAULT '',
    witnesses        TEXT NOT NULL DEFAULT '',
    other_reports    TEXT NOT NULL DEFAULT '',
    -- Kept in step with the case's marks by the workspace, in the same transaction, so that the case list
    -- can sort and page by risk without reading marks.
    risk_score       INTEGER NOT NULL DEFAULT 0,
    reviewed_items   INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    closed_at        TEXT
);
CREATE INDEX case_status_updated ON "case" (status, updated_at);
CREATE INDEX case_updated ON "case" (updated_at);
CREATE INDEX case_risk ON "case" (risk_score);
CREATE INDEX case_priority ON "case" (
    (CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END), updated_at);

CREATE TABLE subject (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    role             TEXT NOT NULL CHECK (role IN ('candidate', 'facilitator', 'vendor', 'reference')),
    name             TEXT NOT NULL CHECK (length(name) > 0),
    business         TEXT NOT NULL DEFAULT '',
    aliases          TEXT NOT NULL DEFAULT '',
    location         TEXT NOT NULL DEFAULT '',
    position         TEXT NOT NULL DEFAULT '',
    vendor           TEXT NOT NULL DEFAULT '',
    hire_stage       TEXT CHECK (hire_stage IN ('applicant', 'onboarding', 'employed', 'contractor', 'terminated')),
    hired_on         TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX subject_case ON subject (case_id, id);
CREATE INDEX subject_name ON subject (name);

CREATE TABLE identifier (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    subject_id       INTEGER REFERENCES subject (id),
    kind             TEXT NOT NULL,
    raw              TEXT NOT NULL CHECK (length(raw) > 0),
    normalized       TEXT NOT NULL,
    -- A failed format check (bad ABA checksum, malformed email) recorded on purpose; NULL when it passed.
    warning          TEXT,
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
);
CREATE INDEX identifier_case ON identifier (case_id, kind);
CREATE INDEX identifier_match ON identifier (kind, normalized);

CREATE TABLE payment (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    subject_id       INTEGER REFERENCES subject (id),
    paid_on          TEXT NOT NULL,
    amount_cents     INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency         TEXT NOT NULL,
    method           TEXT NOT NULL,
    recipient        TEXT NOT NULL DEFAULT '',
    bank             TEXT NOT NULL DEFAULT '',
    routing_number   TEXT NOT NULL DEFAULT '',
    account          TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
);
CREATE INDEX payment_case ON payment (case_id, paid_on);

-- One row per catalog item a case has touched; an item with no row is `open`.
CREATE TABLE mark (
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    code             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('open', 'flagged', 'clear', 'na')),
    note             TEXT NOT NULL DEFAULT '',
    marked_by        TEXT NOT NULL,
    marked_at        TEXT NOT NULL,
    PRIMARY KEY (case_id, code)
) WITHOUT ROWID;

CREATE TABLE evidence (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    path             TEXT NOT NULL,
    sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
    size             INTEGER NOT NULL,
    modified_at      TEXT,
    description      TEXT NOT NULL DEFAULT '',
    attached_at      TEXT NOT NULL,
    attached_by      TEXT NOT NULL,
    last_check       TEXT CHECK (last_check IN ('intact', 'changed', 'missing')),
    last_checked_at  TEXT
);
CREATE INDEX evidence_case ON evidence (case_id, id);
CREATE INDEX evidence_sha ON evidence (sha256);

CREATE TABLE evidence_item (
    evidence_id      INTEGER NOT NULL REFERENCES evidence (id),
    code             TEXT NOT NULL,
    PRIMARY KEY (evidence_id, code)
) WITHOUT ROWID;

CREATE TABLE evidence_check (
    id               INTEGER PRIMARY KEY,
    evidence_id      INTEGER NOT NULL REFERENCES evidence (id),
    checked_at       TEXT NOT NULL,
    result           TEXT NOT NULL CHECK (result IN ('intact', 'changed', 'missing')),
    sha256           TEXT,
    size             INTEGER
);
CREATE INDEX evidence_check_evidence ON evidence_check (evidence_id, id);

CREATE TABLE note (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    body             TEXT NOT NULL CHECK (length(body) > 0),
    author           TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX note_case ON note (case_id, created_at);

CREATE VIRTUAL TABLE note_fts USING fts5 (body, content = 'note', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
    INSERT INTO note_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER note_fts_update AFTER UPDATE ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO note_fts (rowid, body) VALUES (new.id, new.body);
END;

-- Append-only, hash-chained: hash = sha256(prev_hash || canonical row). See store/audit.rs.
CREATE TABLE audit (
    id               INTEGER PRIMARY KEY,
    at               TEXT NOT NULL,
    actor            TEXT NOT NULL,
    action           TEXT NOT NULL,
    case_id          INTEGER,
    details          TEXT NOT NULL,
    prev_hash        TEXT NOT NULL,
    hash             TEXT NOT NULL
);
CREATE INDEX audit_case ON audit (case_id, id);
-- Guards against accidents, not against a determined editor: `audit verify` is what finds tampering.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- version 2
-- The case list sorts by title; without this, each page would sort every case.
CREATE INDEX case_title ON "case" (title COLLATE NOCASE, id);

-- What identifies a case, for search: one row per case title, subject and identifier, each with its case
-- id. Rowids keep the sources apart, so a trigger replaces one row without a scan: the case id for a
-- title, 2^40 + id for a subject, 2^41 + id for an identifier.
CREATE VIRTUAL TABLE case_search USING fts5 (case_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO case_search (rowid, case_id, body) SELECT id, id, title FROM "case";
INSERT INTO case_search (rowid, case_id, body)
    SELECT 1099511627776 + id, case_id, name || ' ' || aliases || ' ' || business FROM subject;
INSERT INTO case_search (rowid, case_id, body)
    SELECT 2199023255552 + id, case_id, raw || ' ' || normalized FROM identifier;
CREATE TRIGGER case_search_case_insert AFTER INSERT ON "case" BEGIN
    INSERT INTO case_search (rowid, case_id, body) VALUES (new.id, new.id, new.title);
END;
CREATE TRIGGER case_search_case_title AFTER UPDATE OF title ON "case" BEGIN
    DELETE FROM case_search WHERE rowid = new.id;
    INSERT INTO case_search (rowid, case_id, body) VALUES (new.id, new.id, new.title);
END;
CREATE TRIGGER case_search_subject_insert AFTER INSERT ON subject BEGIN
    INSERT INTO case_search (rowid, case_id, body)
        VALUES (1099511627776 + new.id, new.case_id, new.name || ' ' || new.aliases || ' ' || new.business);
END;
CREATE TRIGGER case_search_subject_update AFTER UPDATE ON subject BEGIN
    DELETE FROM case_search WHERE rowid = 1099511627776 + new.id;
    INSERT INTO case_search (rowid, case_id, body)
        VALUES (1099511627776 + new.id, new.case_id, new.name || ' ' || new.aliases || ' ' || new.business);
END;
CREATE TRIGGER case_search_identifier_insert AFTER INSERT ON identifier BEGIN
    INSERT INTO case_search (rowid, case_id, body)
        VALUES (2199023255552 + new.id, new.case_id, new.raw || ' ' || new.normalized);
END;
CREATE TRIGGER case_search_identifier_update AFTER UPDATE ON identifier BEGIN
    DELETE FROM case_search WHERE rowid = 2199023255552 + new.id;
    INSERT INTO case_search (rowid, case_id, body)
        VALUES (2199023255552 + new.id, new.case_id, new.raw || ' ' || new.normalized);
END;

-- version 3
-- Cross-case correlation. Match keys (identifier.normalized and .loose, payment.account_key) are derived
-- from what was typed by the rules in src/domain/identifier.rs; whenever those rules change, opening the
-- workspace re-derives every key in one transaction with its audit row (setting `match_rules`).

-- Workspace-wide settings: `phone_country` (ISO code for numbers written without +), `resume_threshold`,
-- `match_rules` (the version of the rules the stored keys were derived with).
CREATE TABLE setting (
    key              TEXT PRIMARY KEY,
    value            TEXT NOT NULL
) WITHOUT ROWID;

-- The case id joins the match index so a lookup, and a scan for shared values, never reads the table.
DROP INDEX identifier_match;
CREATE INDEX identifier_match ON identifier (kind, normalized, case_id);
-- A weaker key: the same /24 or /64 network, the same building, the same account at another bank.
ALTER TABLE identifier ADD COLUMN loose TEXT;
CREATE INDEX identifier_loose ON identifier (kind, loose, case_id) WHERE loose IS NOT NULL;

-- The account a payment went to, keyed as a bank-account identifier is (`ROUTING:ACCOUNT`, or `ACCOUNT`
-- without a routing number), with the account number alone as the weaker key.
ALTER TABLE payment ADD COLUMN account_key TEXT;
ALTER TABLE payment ADD COLUMN account_loose TEXT;
CREATE INDEX payment_account ON payment (account_key, case_id) WHERE account_key IS NOT NULL;
CREATE INDEX payment_account_loose ON payment (account_loose, case_id) WHERE account_loose IS NOT NULL;

-- Evidence kinds: `resume` files are also fingerprinted for near-duplicate text.
ALTER TABLE evidence ADD COLUMN kind TEXT NOT NULL DEFAULT 'file' CHECK (kind IN ('file', 'resume'));

-- A resume's MinHash fingerprint (src/resume.rs) and its LSH band keys: two resumes sharing any band key
-- are compared, so a lookup reads a handful of candidates instead of every resume.
CREATE TABLE resume_print (
    evidence_id      INTEGER PRIMARY KEY REFERENCES evidence (id),
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    format           TEXT NOT NULL,
    words            INTEGER NOT NULL,
    shingles         INTEGER NOT NULL,
    minhash          BLOB NOT NULL
);
CREATE INDEX resume_print_case ON resume_print (case_id);
CREATE TABLE resume_band (
    band_key         INTEGER NOT NULL,
    evidence_id      INTEGER NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (band_key, evidence_id)
) WITHOUT ROWID;
CREATE INDEX resume_band_evidence ON resume_band (evidence_id);

-- Reference lists imported from plain files: freight forwarders, VoIP ranges, money-service businesses,
-- known-bad values shared by peers. Each entry holds a match key of an identifier match group; `prefix`
-- entries (VoIP ranges) match every key that starts with them.
CREATE TABLE reference_list (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    kind             TEXT NOT NULL,
    source_path      TEXT NOT NULL,
    sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
    entries          INTEGER NOT NULL,
    imported_at      TEXT NOT NULL,
    imported_by      TEXT NOT NULL
);
CREATE TABLE reference_entry (
    list_id          INTEGER NOT NULL REFERENCES reference_list (id),
    match_group      TEXT NOT NULL,
    key              TEXT NOT NULL,
    prefix           INTEGER NOT NULL DEFAULT 0 CHECK (prefix IN (0, 1)),
    raw              TEXT NOT NULL,
    label            TEXT NOT NULL DEFAULT '',
    line             INTEGER NOT NULL
);
CREATE INDEX reference_entry_key ON reference_entry (match_group, key);
CREATE INDEX reference_entry_list ON reference_entry (list_id);

-- The investigator's decision on a suggested checklist item. A suggestion is worked out from links, list
-- matches and failed checks each time it is shown; only the decision is stored, keyed by what prompted it.
CREATE TABLE suggestion (
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    code             TEXT NOT NULL,
    basis            TEXT NOT NULL,
    decision         TEXT NOT NULL CHECK (decision IN ('accepted', 'dismissed')),
    reason           TEXT NOT NULL DEFAULT '',
    decided_by       TEXT NOT NULL,
    decided_at       TEXT NOT NULL,
    PRIMARY KEY (case_id, code, basis)
) WITHOUT ROWID;

-- version 4
-- Sealing (src/store/seal.rs): a row hash for every record vetdesk wrote, by scope (`case:12`,
-- `organization`, `settings`, `list:3`). Each audit row commits to the digests of the scopes it touched
-- (`audit.seal`, JSON), so `audit verify` finds and names a record edited behind vetdesk's back.
CREATE TABLE seal (
    scope            TEXT NOT NULL,
    tbl              TEXT NOT NULL,
    key              TEXT NOT NULL,
    hash             BLOB NOT NULL,
    PRIMARY KEY (scope, tbl, key)
) WITHOUT ROWID;

-- Each new audit row is signed (sshsig over Ed25519, see src/signing.rs) with a key kept outside the
-- workspace; `signer` is that key's fingerprint. Rows written before this step have neither.
ALTER TABLE audit ADD COLUMN seal TEXT;
ALTER TABLE audit ADD COLUMN signer TEXT;
ALTER TABLE audit ADD COLUMN sig BLOB;

-- Public keys that signed rows here. Public on purpose: a key listed here is not trusted for that, only
-- named; `audit verify` trusts the key on its own machine.
CREATE TABLE signer (
    fingerprint      TEXT PRIMARY KEY,
    public_key       TEXT NOT NULL,
    first_used       TEXT NOT NULL
) WITHOUT ROWID;

-- Names this workspace in the head records kept beside the signing key.
INSERT INTO setting (key, value) VALUES ('workspace_id', lower(hex(randomblob(16))));

-- version 5
-- A column added to a sealed table from this step on is nullable with no default, and the seal hashes
-- it only when it holds a value (src/store/seal.rs, `ADDED`), so adding it leaves every seal as it was.

-- The IC3 form's transaction fields beyond recipient, bank, routing and account: who the account is in
-- the name of, the recipient bank's SWIFT/BIC, the side the money left from, and for cryptocurrency the
-- wallet and transaction hash.
ALTER TABLE payment ADD COLUMN name_on_account TEXT;
ALTER TABLE payment ADD COLUMN swift TEXT;
ALTER TABLE payment ADD COLUMN originating_bank TEXT;
ALTER TABLE payment ADD COLUMN originating_account TEXT;
ALTER TABLE payment ADD COLUMN wallet TEXT;
ALTER TABLE payment ADD COLUMN tx_hash TEXT;

-- The IC3 form's answers for a case that no other record holds: its yes/no questions (was the filer
-- affected, are operations impacted, is this an update to an earlier complaint, ...) and the few texts
-- that go with them. One row per answered question; an unanswered question has no row.
CREATE TABLE case_answer (
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    field            TEXT NOT NULL,
    value            TEXT NOT NULL,
    answered_by      TEXT NOT NULL,
    answered_at      TEXT NOT NULL,
    PRIMARY KEY (case_id, field)
) WITHOUT ROWID;

-- The organisation-controls checklist: measures taken once for the whole organisation (training,
-- incident response, reporting) or only by a hiring platform, reviewed once per workspace rather than in
-- every case. One row per control reviewed; sealed in the `organization` scope.
CREATE TABLE control_mark (
    code             TEXT PRIMARY KEY,
    state            TEXT NOT NULL CHECK (state IN ('open', 'in-place', 'gap', 'na')),
    note             TEXT NOT NULL DEFAULT '',
    marked_by        TEXT NOT NULL,
    marked_at        TEXT NOT NULL
) WITHOUT ROWID;

-- The audit row that last sealed each scope, so a change can check before it writes that the scope's seal
-- rows are still the ones the chain committed to: otherwise a record and its seal row edited together
-- behind vetdesk's back would be sealed afresh by the next change. An index into the chain, not a record.
CREATE TABLE scope_head (
    scope            TEXT PRIMARY KEY,
    audit_id         INTEGER NOT NULL
) WITHOUT ROWID;

-- The IC3 form's fields that came to light after the columns above: the complainant's suite, county and
-- critical-infrastructure subsector, and per transaction whether the bank was contacted (yes, no or
-- unknown) and the recipient bank's address, city, state, ZIP code and country.
ALTER TABLE organization ADD COLUMN suite TEXT;
ALTER TABLE organization ADD COLUMN county TEXT;
ALTER TABLE organization ADD COLUMN subsector TEXT;
ALTER TABLE payment ADD COLUMN bank_contacted TEXT;
ALTER TABLE payment ADD COLUMN bank_address TEXT;
ALTER TABLE payment ADD COLUMN bank_city TEXT;
ALTER TABLE payment ADD COLUMN bank_state TEXT;
ALTER TABLE payment ADD COLUMN bank_zip TEXT;
ALTER TABLE payment ADD COLUMN bank_country TEXT;

-- version 6
-- Corrections that keep history. A record is voided, never deleted: it keeps who voided it, when and why,
-- and every reader that feeds links, suggestions, search, scores or the summary skips it; unvoiding clears
-- the three columns. Added columns follow step 5's rule (nullable, sealed only when set).
ALTER TABLE identifier ADD COLUMN voided_at TEXT;
ALTER TABLE identifier ADD COLUMN voided_by TEXT;
ALTER TABLE identifier ADD COLUMN void_reason TEXT;
ALTER TABLE payment ADD COLUMN voided_at TEXT;
ALTER TABLE payment ADD COLUMN voided_by TEXT;
ALTER TABLE payment ADD COLUMN void_reason TEXT;
ALTER TABLE subject ADD COLUMN voided_at TEXT;
ALTER TABLE subject ADD COLUMN voided_by TEXT;
ALTER TABLE subject ADD COLUMN void_reason TEXT;
ALTER TABLE note ADD COLUMN voided_at TEXT;
ALTER TABLE note ADD COLUMN voided_by TEXT;
ALTER TABLE note ADD COLUMN void_reason TEXT;
ALTER TABLE evidence ADD COLUMN voided_at TEXT;
ALTER TABLE evidence ADD COLUMN voided_by TEXT;
ALTER TABLE evidence ADD COLUMN void_reason TEXT;
ALTER TABLE evidence_item ADD COLUMN voided_at TEXT;
ALTER TABLE evidence_item ADD COLUMN voided_by TEXT;
ALTER TABLE evidence_item ADD COLUMN void_reason TEXT;
ALTER TABLE reference_list ADD COLUMN voided_at TEXT;
ALTER TABLE reference_list ADD COLUMN voided_by TEXT;
ALTER TABLE reference_list ADD COLUMN void_reason TEXT;

-- Links and clusters read only records that are not voided, straight from these indexes (`voided_at` is
-- a column of each, always NULL there, so SQLite answers from the index without reading the table).
DROP INDEX identifier_match;
CREATE INDEX identifier_match ON identifier (kind, normalized, case_id, voided_at) WHERE voided_at IS NULL;
DROP INDEX identifier_loose;
CREATE INDEX identifier_loose ON identifier (kind, loose, case_id, voided_at)
    WHERE loose IS NOT NULL AND voided_at IS NULL;
DROP INDEX payment_account;
CREATE INDEX payment_account ON payment (account_key, case_id, voided_at)
    WHERE account_key IS NOT NULL AND voided_at IS NULL;
DROP INDEX payment_account_loose;
CREATE INDEX payment_account_loose ON payment (account_loose, case_id, voided_at)
    WHERE account_loose IS NOT NULL AND voided_at IS NULL;

-- Search leaves a voided subject or identifier out, and takes it back when it is unvoided.
DROP TRIGGER case_search_subject_update;
CREATE TRIGGER case_search_subject_update AFTER UPDATE ON subject BEGIN
    DELETE FROM case_search WHERE rowid = 1099511627776 + new.id;
    INSERT INTO case_search (rowid, case_id, body)
        SELECT 1099511627776 + new.id, new.case_id, new.name || ' ' || new.aliases || ' ' || new.business
        WHERE new.voided_at IS NULL;
END;
DROP TRIGGER case_search_identifier_update;
CREATE TRIGGER case_search_identifier_update AFTER UPDATE ON identifier BEGIN
    DELETE FROM case_search WHERE rowid = 2199023255552 + new.id;
    INSERT INTO case_search (rowid, case_id, body)
        SELECT 2199023255552 + new.id, new.case_id, new.raw || ' ' || new.normalized WHERE new.voided_at IS NULL;
END;
DROP TRIGGER note_fts_update;
CREATE TRIGGER note_fts_update AFTER UPDATE ON note BEGIN
    INSERT INTO note_fts (note_fts, rowid, body) SELECT 'delete', old.id, old.body WHERE old.voided_at IS NULL;
    INSERT INTO note_fts (rowid, body) SELECT new.id, new.body WHERE new.voided_at IS NULL;
END;

-- A note's earlier texts, oldest first: editing a note keeps what it said before.
CREATE TABLE note_revision (
    note_id          INTEGER NOT NULL REFERENCES note (id),
    revision         INTEGER NOT NULL,
    body             TEXT NOT NULL,
    written_by       TEXT NOT NULL,
    written_at       TEXT NOT NULL,
    replaced_by      TEXT NOT NULL,
    replaced_at      TEXT NOT NULL,
    PRIMARY KEY (note_id, revision)
) WITHOUT ROWID;

-- Archived cases leave the default list, search and link markers; they stay in the workspace and the audit
-- trail. Demo cases carry `demo = 1`, so they can be told apart and set aside in one step.
ALTER TABLE "case" ADD COLUMN archived_at TEXT;
ALTER TABLE "case" ADD COLUMN archived_by TEXT;
ALTER TABLE "case" ADD COLUMN archive_reason TEXT;
ALTER TABLE "case" ADD COLUMN demo INTEGER;
-- The case list pages through the cases that are not archived, so its indexes hold those alone: paging
-- stays a walk down one index however many cases are archived. `case_archived` finds the archived few
-- (the archived list, and the cases links leave out).
DROP INDEX case_status_updated;
DROP INDEX case_updated;
DROP INDEX case_risk;
DROP INDEX case_priority;
DROP INDEX case_title;
CREATE INDEX case_status_updated ON "case" (status, updated_at) WHERE archived_at IS NULL;
CREATE INDEX case_updated ON "case" (updated_at) WHERE archived_at IS NULL;
CREATE INDEX case_risk ON "case" (risk_score) WHERE archived_at IS NULL;
CREATE INDEX case_priority ON "case" (
    (CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END), updated_at)
    WHERE archived_at IS NULL;
CREATE INDEX case_title ON "case" (title COLLATE NOCASE, id) WHERE archived_at IS NULL;
CREATE INDEX case_archived ON "case" (archived_at) WHERE archived_at IS NOT NULL;

-- version 7
-- The IC3 form's other per-transaction fields (src/domain/transaction.rs): the originating bank's address
-- and account holder, cryptocurrency, peer-to-peer, prepaid-card and crypto-ATM details, and the words for
-- a payment of type "other". NULL when not recorded, so records written before this step keep their seals.
ALTER TABLE payment ADD COLUMN other_type TEXT;
ALTER TABLE payment ADD COLUMN money_sent TEXT;
ALTER TABLE payment ADD COLUMN originating_bank_address TEXT;
ALTER TABLE payment ADD COLUMN originating_bank_city TEXT;
ALTER TABLE payment ADD COLUMN originating_bank_country TEXT;
ALTER TABLE payment ADD COLUMN originating_bank_state TEXT;
ALTER TABLE payment ADD COLUMN originating_bank_zip TEXT;
ALTER TABLE payment ADD COLUMN originating_account_name TEXT;
ALTER TABLE payment ADD COLUMN crypto_type TEXT;
ALTER TABLE payment ADD COLUMN p2p_app TEXT;
ALTER TABLE payment ADD COLUMN crypto_atm TEXT;
ALTER TABLE payment ADD COLUMN gift_card_type TEXT;
ALTER TABLE payment ADD COLUMN atm_address TEXT;
ALTER TABLE payment ADD COLUMN atm_city TEXT;
ALTER TABLE payment ADD COLUMN atm_country TEXT;
ALTER TABLE payment ADD COLUMN atm_state TEXT;
ALTER TABLE payment ADD COLUMN atm_zip TEXT;
ALTER TABLE payment ADD COLUMN originating_wallet TEXT;
ALTER TABLE payment ADD COLUMN originating_account_identifier TEXT;
ALTER TABLE payment ADD COLUMN gift_card_number TEXT;
ALTER TABLE payment ADD COLUMN recipient_account_identifier TEXT;
ALTER TABLE payment ADD COLUMN recipient_identifier TEXT;

-- version 8
-- Roster screening (src/roster/): dated snapshots of workforce exports (payroll, HR, vendor systems), one
-- per import of a source; a person is identified by source + id. Each snapshot is sealed in its own scope
-- (`roster:<snapshot id>`); dismissed hits in `roster-review`; the link from a case to the roster people
-- it was opened for in the case's scope.
CREATE TABLE roster_snapshot (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    as_of       TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    people      INTEGER NOT NULL,
    warnings    INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE INDEX roster_snapshot_source ON roster_snapshot (source, as_of, id);
CREATE TABLE roster_person (
    snapshot_id INTEGER NOT NULL REFERENCES roster_snapshot (id),
    person      TEXT NOT NULL,
    line        INTEGER NOT NULL,
    name        TEXT NOT NULL,
    vendor      TEXT NOT NULL,
    position    TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    status      TEXT NOT NULL,
    bank_name   TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, person)
) WITHOUT ROWID;
-- One identifier of a person in a snapshot: `field` is the roster column it came from (home_address,
-- shipping_address, account_number…), `kind` its identifier kind, `normalized` its match key.
CREATE TABLE roster_value (
    snapshot_id INTEGER NOT NULL,
    person      TEXT NOT NULL,
    field       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    raw         TEXT NOT NULL,
    normalized  TEXT NOT NULL,
    warning     TEXT,
    PRIMARY KEY (snapshot_id, person, field),
    FOREIGN KEY (snapshot_id, person) REFERENCES roster_person (snapshot_id, person)
) WITHOUT ROWID;
CREATE INDEX roster_value_key ON roster_value (kind, normalized, snapshot_id);
CREATE INDEX roster_value_field ON roster_value (field, snapshot_id);
-- A hit the investigator set aside: it comes back when its fingerprint (people and values) changes.
-- `hit` and `fingerprint` are digests, so no roster value is kept here.
CREATE TABLE roster_dismissal (
    hit          TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    reason       TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    dismissed_by TEXT NOT NULL
);
-- The case opened from a hit, with the catalog items the hit supports, and the roster people it names
-- (their snapshot rows are kept by `roster purge`).
CREATE TABLE roster_case (
    case_id INTEGER PRIMARY KEY REFERENCES "case" (id),
    hit     TEXT NOT NULL,
    reason  TEXT NOT NULL,
    codes   TEXT NOT NULL
);
CREATE TABLE roster_case_person (
    case_id INTEGER NOT NULL REFERENCES "case" (id),
    source  TEXT NOT NULL,
    person  TEXT NOT NULL,
    PRIMARY KEY (case_id, source, person)
);
CREATE INDEX roster_case_person_who ON roster_case_person (source, person);

-- version 9
-- Cases that came in a bundle (src/bundle/, docs/bundle.md). `case_origin` is the case's provenance: the
-- workspace and case it came from, the key that signed the bundle, and the SHA-256 of the bundle's signed
-- manifest (of the newest bundle applied to it) with the origin's audit head at that point.
CREATE TABLE case_origin (
    case_id          INTEGER PRIMARY KEY REFERENCES "case" (id),
    origin_workspace TEXT NOT NULL,
    origin_case      INTEGER NOT NULL,
    signer           TEXT NOT NULL,
    bundle           TEXT NOT NULL,
    origin_head      TEXT,
    imported_at      TEXT NOT NULL,
    imported_by      TEXT NOT NULL
);
CREATE INDEX case_origin_from ON case_origin (origin_workspace, origin_case);
-- Which local record stands for which record of the origin case, for records with ids of their own
-- (subject, identifier, payment, note, evidence, evidence_check): a later bundle updates them in place.
CREATE TABLE case_origin_row (
    case_id   INTEGER NOT NULL REFERENCES "case" (id),
    tbl       TEXT NOT NULL,
    origin_id INTEGER NOT NULL,
    local_id  INTEGER NOT NULL,
    PRIMARY KEY (case_id, tbl, origin_id)
) WITHOUT ROWID;
-- The origin's audit rows of an imported case, exactly as signed there, so they can be checked again.
CREATE TABLE imported_audit (
    case_id    INTEGER NOT NULL REFERENCES "case" (id),
    origin_id  INTEGER NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    origin_case INTEGER,
    details    TEXT NOT NULL,
    seal       TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    signer     TEXT,
    sig        TEXT,
    PRIMARY KEY (case_id, origin_id)
) WITHOUT ROWID;
-- Bundles applied here, by the SHA-256 of their signed manifest, so one is never imported twice; and the
-- bundle signers this workspace trusts besides its own keys (`bundle import --trust`).
CREATE TABLE bundle_import (
    bundle      TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    signer      TEXT NOT NULL,
    cases       INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE TABLE trusted_signer (
    fingerprint TEXT PRIMARY KEY,
    public_key  TEXT NOT NULL,
    trusted_at  TEXT NOT NULL,
    trusted_by  TEXT NOT NULL
);

-- version 10
-- The number of cases by status, priority and whether archived, kept by triggers in the transaction that
-- changes a case, so that the case list's count (every list command, every workstation start) reads a
-- few rows instead of walking an index entry of every case. Derived, like the search index: not sealed.
CREATE TABLE case_tally (
    status   TEXT NOT NULL,
    priority TEXT NOT NULL,
    archived INTEGER NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (status, priority, archived)
) WITHOUT ROWID;
INSERT INTO case_tally (status, priority, archived, n)
    SELECT status, priority, archived_at IS NOT NULL, count(*) FROM "case" GROUP BY 1, 2, 3;
CREATE TRIGGER case_tally_insert AFTER INSERT ON "case" BEGIN
    INSERT INTO case_tally (status, priority, archived, n) VALUES (new.status, new.priority, new.archived_at IS NOT NULL, 1)
        ON CONFLICT (status, priority, archived) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER case_tally_delete AFTER DELETE ON "case" BEGIN
    UPDATE case_tally SET n = n - 1
        WHERE status = old.status AND priority = old.priority AND archived = (old.archived_at IS NOT NULL);
END;
CREATE TRIGGER case_tally_update AFTER UPDATE OF status, priority, archived_at ON "case"
    WHEN old.status IS NOT new.status OR old.priority IS NOT new.priority
         OR (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN
    UPDATE case_tally SET n = n - 1
        WHERE status = old.status AND priority = old.priority AND archived = (old.archived_at IS NOT NULL);
    INSERT INTO case_tally (status, priority, archived, n) VALUES (new.status, new.priority, new.archived_at IS NOT NULL, 1)
        ON CONFLICT (status, priority, archived) DO UPDATE SET n = n + 1;
END;

-- version 11
-- The smallest index SQLite can keep on the audit chain, one value the same for every row: a bare
-- `count(*)` reads the smallest index there is, and a report counts the chain to know no row before the
-- part it walks is missing (src/store/audit/mod.rs, `count_upto`). Half the pages of `audit_case`, so the
-- count reads half as much (about 3 ms instead of 6 at a million rows).
CREATE INDEX audit_count ON audit (id IS NULL);

-- version 12
-- Whether each case shares a value with another case that is not archived: the case list's link marker,
-- kept by triggers in the transaction that changes an identifier, a payment or a case's archiving, so that
-- a screen of rows reads its markers here instead of looking every identifier of every row up in the
-- match indexes. Derived, like the search index: not sealed. A case with no row is worked out when it is
-- shown (src/store/links.rs); the near-duplicate resume half of the marker is always worked out then.
--
-- `case_link_live` says it for any case, the way `cases_sharing_keys` does with archived cases left out:
-- a value shared with another case that is not archived, the case itself not archived. Identifiers of one
-- kind match (urls and handles as one), routing numbers never, and bank accounts (those naming their
-- routing number, `ROUTING:ACCOUNT`) match bank-account identifiers and payment accounts alike. Whether a
-- case is archived is read from its row, one seek, never from a list of the archived cases, which a
-- workspace whose demo cases were set aside holds by the hundred thousand.
CREATE VIEW case_link_live (case_id, linked) AS
SELECT c.id, c.archived_at IS NULL AND (
    EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id <> a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND a.kind NOT IN ('routing-number', 'bank-account') AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id <> a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id <> a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id <> p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL))
FROM "case" c;

CREATE TABLE case_linked (
    case_id INTEGER PRIMARY KEY,
    linked  INTEGER NOT NULL
);
-- Filled from the values rather than case by case: each value's other holders are its neighbours in the
-- match index walked in order, so the pages a look-up reads are those just read (10.8 s at 1,000,000 demo
-- cases, cached, where the view case by case takes 21.9 s).
INSERT INTO case_linked (case_id, linked) SELECT id, id IN (
    SELECT a.case_id FROM identifier a
        WHERE a.voided_at IS NULL AND a.kind <> 'routing-number' AND (a.kind <> 'bank-account' OR instr(a.normalized, ':') > 0)
          AND a.case_id NOT IN (SELECT id FROM "case" WHERE archived_at IS NOT NULL)
          AND (EXISTS (SELECT 1 FROM identifier b
                   WHERE b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                         AND b.normalized = a.normalized AND b.case_id <> a.case_id AND b.voided_at IS NULL
                         AND b.case_id NOT IN (SELECT id FROM "case" WHERE archived_at IS NOT NULL))
               OR EXISTS (SELECT 1 FROM payment q
                   WHERE a.kind = 'bank-account' AND q.account_key = a.normalized AND q.case_id <> a.case_id
                         AND q.voided_at IS NULL AND q.case_id NOT IN (SELECT id FROM "case" WHERE archived_at IS NOT NULL)))
    UNION
    SELECT p.case_id FROM payment p
        WHERE p.voided_at IS NULL AND instr(p.account_key, ':') > 0
          AND p.case_id NOT IN (SELECT id FROM "case" WHERE archived_at IS NOT NULL)
          AND (EXISTS (SELECT 1 FROM payment q
                   WHERE q.account_key = p.account_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
                         AND q.case_id NOT IN (SELECT id FROM "case" WHERE archived_at IS NOT NULL))
               OR EXISTS (SELECT 1 FROM identifier b
                   WHERE b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id <> p.case_id
                         AND b.voided_at IS NULL AND b.case_id NOT IN (SELECT id FROM "case" WHERE archived_at IS NOT NULL)))
) FROM "case";

-- A new case holds nothing yet.
CREATE TRIGGER case_linked_case_insert AFTER INSERT ON "case" BEGIN
    INSERT OR IGNORE INTO case_linked (case_id, linked) VALUES (new.id, 0);
END;
CREATE TRIGGER case_linked_case_delete AFTER DELETE ON "case" BEGIN
    DELETE FROM case_linked WHERE case_id = old.id;
END;
-- Archiving a case (or bringing it back) changes its marker and those of the cases it shares values with.
CREATE TRIGGER case_linked_case_archive AFTER UPDATE OF archived_at ON "case"
    WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT new.id
        UNION SELECT b.case_id FROM identifier a CROSS JOIN identifier b
            ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
               AND b.normalized = a.normalized AND b.voided_at IS NULL
            WHERE a.case_id = new.id AND a.kind <> 'routing-number' AND a.voided_at IS NULL
        UNION SELECT q.case_id FROM identifier a CROSS JOIN payment q ON q.account_key = a.normalized AND q.voided_at IS NULL
            WHERE a.case_id = new.id AND +a.kind = 'bank-account' AND a.voided_at IS NULL
        UNION SELECT q.case_id FROM payment p CROSS JOIN payment q ON q.account_key = p.account_key AND q.voided_at IS NULL
            WHERE p.case_id = new.id AND p.account_key IS NOT NULL AND p.voided_at IS NULL
        UNION SELECT b.case_id FROM payment p CROSS JOIN identifier b
            ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.voided_at IS NULL
            WHERE p.case_id = new.id AND p.account_key IS NOT NULL AND p.voided_at IS NULL);
END;

-- A value added can only add links, and only when its case is not archived and another such case holds
-- it: then every such holder is marked. The test for another holder is one index seek, so a value no other
-- case holds (most of them) costs no more.
CREATE TRIGGER case_linked_identifier_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind <> 'routing-number'
         AND (new.kind <> 'bank-account' OR instr(new.normalized, ':') > 0)
         AND (EXISTS (SELECT 1 FROM identifier
                  WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                        AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM payment
                  WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT case_id, 1 FROM identifier
            WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                  AND normalized = new.normalized AND voided_at IS NULL
                  AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
        UNION SELECT case_id, 1 FROM payment
            WHERE new.kind = 'bank-account' AND account_key = new.normalized AND voided_at IS NULL
                  AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL;
END;
CREATE TRIGGER case_linked_payment_insert AFTER INSERT ON payment
    WHEN new.voided_at IS NULL AND instr(new.account_key, ':') > 0
         AND (EXISTS (SELECT 1 FROM payment
                  WHERE account_key = new.account_key AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT case_id, 1 FROM payment
            WHERE account_key = new.account_key AND voided_at IS NULL
                  AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
        UNION SELECT case_id, 1 FROM identifier
            WHERE kind = 'bank-account' AND normalized = new.account_key AND voided_at IS NULL
                  AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL;
END;

-- A value changed, voided or removed: every case that held the old value or holds the new one is worked
-- out again.
CREATE TRIGGER case_linked_identifier_update AFTER UPDATE OF kind, normalized, voided_at, case_id ON identifier
    WHEN old.kind IS NOT new.kind OR old.normalized IS NOT new.normalized OR old.voided_at IS NOT new.voided_at
         OR old.case_id IS NOT new.case_id BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT old.case_id UNION SELECT new.case_id
        UNION SELECT case_id FROM identifier
            WHERE kind IN (old.kind, CASE old.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE old.kind END)
                  AND normalized = old.normalized AND voided_at IS NULL AND old.kind <> 'routing-number'
        UNION SELECT case_id FROM payment
            WHERE old.kind = 'bank-account' AND account_key = old.normalized AND voided_at IS NULL
        UNION SELECT case_id FROM identifier
            WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                  AND normalized = new.normalized AND voided_at IS NULL AND new.kind <> 'routing-number'
        UNION SELECT case_id FROM payment
            WHERE new.kind = 'bank-account' AND account_key = new.normalized AND voided_at IS NULL);
END;
CREATE TRIGGER case_linked_identifier_delete AFTER DELETE ON identifier BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT old.case_id
        UNION SELECT case_id FROM identifier
            WHERE kind IN (old.kind, CASE old.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE old.kind END)
                  AND normalized = old.normalized AND voided_at IS NULL AND old.kind <> 'routing-number'
        UNION SELECT case_id FROM payment
            WHERE old.kind = 'bank-account' AND account_key = old.normalized AND voided_at IS NULL);
END;
CREATE TRIGGER case_linked_payment_update AFTER UPDATE OF account_key, voided_at, case_id ON payment
    WHEN old.account_key IS NOT new.account_key OR old.voided_at IS NOT new.voided_at OR old.case_id IS NOT new.case_id
    BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT old.case_id UNION SELECT new.case_id
        UNION SELECT case_id FROM payment WHERE account_key = old.account_key AND voided_at IS NULL
        UNION SELECT case_id FROM identifier
            WHERE kind = 'bank-account' AND normalized = old.account_key AND voided_at IS NULL
        UNION SELECT case_id FROM payment WHERE account_key = new.account_key AND voided_at IS NULL
        UNION SELECT case_id FROM identifier
            WHERE kind = 'bank-account' AND normalized = new.account_key AND voided_at IS NULL);
END;
CREATE TRIGGER case_linked_payment_delete AFTER DELETE ON payment BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT old.case_id
        UNION SELECT case_id FROM payment WHERE account_key = old.account_key AND voided_at IS NULL
        UNION SELECT case_id FROM identifier
            WHERE kind = 'bank-account' AND normalized = old.account_key AND voided_at IS NULL);
END;

-- version 13
-- Prefix indexes for prefixes of two and three characters, in both full-text indexes: such a prefix is
-- then read from disk as it streams, where without one FTS5 merges the posting lists of every word it
-- starts in memory first (15 MB for `en*` at a million cases, 4.3 MB with the index). Longer prefixes are
-- turned into the words they start (src/store/fts.rs). FTS5 cannot add a prefix index to a full index,
-- so both are made again; their triggers keep working, as they name the tables, not their definitions.
-- The old ones are emptied first, and the new ones filled from the records, by `fts::remake`
-- (src/store/fts.rs), a range of rows to a statement, in the same transaction,
-- leaving out voided subjects, identifiers and notes as the triggers do.
DROP TABLE case_search;
CREATE VIRTUAL TABLE case_search USING fts5 (case_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
DROP TABLE note_fts;
CREATE VIRTUAL TABLE note_fts USING fts5 (body, content = 'note', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

-- version 14
-- A bulk fill (`vetdesk demo`) writes the full-text indexes once per transaction instead of row by row:
-- while its transaction holds a row in fts_deferred, the insert triggers leave both indexes alone, and
-- the fill puts the records it added into them before it commits (`fts::deferred`, src/store/fts.rs).
-- The row never outlives that transaction, so no other connection ever sees it.
CREATE TABLE fts_deferred (id INTEGER PRIMARY KEY);
DROP TRIGGER case_search_case_insert;
CREATE TRIGGER case_search_case_insert AFTER INSERT ON "case" WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO case_search (rowid, case_id, body) VALUES (new.id, new.id, new.title);
END;
DROP TRIGGER case_search_subject_insert;
CREATE TRIGGER case_search_subject_insert AFTER INSERT ON subject WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO case_search (rowid, case_id, body)
        VALUES (1099511627776 + new.id, new.case_id, new.name || ' ' || new.aliases || ' ' || new.business);
END;
DROP TRIGGER case_search_identifier_insert;
CREATE TRIGGER case_search_identifier_insert AFTER INSERT ON identifier WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO case_search (rowid, case_id, body)
        VALUES (2199023255552 + new.id, new.case_id, new.raw || ' ' || new.normalized);
END;
DROP TRIGGER note_fts_insert;
CREATE TRIGGER note_fts_insert AFTER INSERT ON note WHEN NOT EXISTS (SELECT 1 FROM fts_deferred) BEGIN
    INSERT INTO note_fts (rowid, body) VALUES (new.id, new.body);
END;

-- version 15
-- A new identifier whose value other live cases hold marks its case, and marks one other holder if that
-- one is not marked yet. That is enough: when two or more other cases hold the value they are already
-- marked, linked to each other, so an unmarked holder means it is the only one. Step 12's trigger wrote a
-- marker for every holder, so a value held by 460 cases (a shared IP address in the million-case demo
-- workspace) cost 460 writes for each new holder.
DROP TRIGGER case_linked_identifier_insert;
CREATE TRIGGER case_linked_identifier_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind <> 'routing-number'
         AND (new.kind <> 'bank-account' OR instr(new.normalized, ':') > 0)
         AND (EXISTS (SELECT 1 FROM identifier
                  WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                        AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM payment
                  WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                      AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;

-- version 16
-- A bulk fill (`vetdesk demo`) works the link markers out once, at the end of its transaction, instead of
-- per inserted identifier and payment: while fts_deferred holds a row (step 14), the two insert triggers
-- below leave the markers alone too, and the fill then writes, through `case_link_live`, the marker of
-- every case it added records to and of every case not marked before (`links::mark_added`,
-- src/store/links.rs). Per row, these triggers were a third of the fill's time at 100,000 cases.
-- A new payment now marks, like a new identifier since step 15, its own case and at most one other holder
-- of its account not marked yet, where step 12's trigger rewrote the marker of every holder.
DROP TRIGGER case_linked_identifier_insert;
CREATE TRIGGER case_linked_identifier_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind <> 'routing-number'
         AND (new.kind <> 'bank-account' OR instr(new.normalized, ':') > 0)
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND (EXISTS (SELECT 1 FROM identifier
                  WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                        AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM payment
                  WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                      AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
DROP TRIGGER case_linked_payment_insert;
CREATE TRIGGER case_linked_payment_insert AFTER INSERT ON payment
    WHEN new.voided_at IS NULL AND instr(new.account_key, ':') > 0
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND (EXISTS (SELECT 1 FROM payment
                  WHERE account_key = new.account_key AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE account_key = new.account_key AND case_id <> new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id <> new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;

-- version 17
-- `vetdesk roster open-case` looks up the case already opened from a hit, so that one hit opens one case.
CREATE INDEX roster_case_hit ON roster_case (hit);

-- version 18
-- The public keys that signed an imported case's origin audit rows (`imported_audit`), as its bundle
-- listed them, so that a bundle of the case made here carries the origin's history with the keys that
-- check it. Sealed with the case.
CREATE TABLE imported_signer (
    case_id          INTEGER NOT NULL REFERENCES "case" (id),
    fingerprint      TEXT NOT NULL,
    public_key       TEXT NOT NULL,
    PRIMARY KEY (case_id, fingerprint)
) WITHOUT ROWID;

-- version 19
-- A decision on a suggestion can be withdrawn (`vetdesk suggest withdraw`, `u` in the workstation): its
-- rows stay, with who withdrew them, when and why, and the reasons behind them count as undecided again.
-- A later decision on the same reasons takes the rows over; the audit trail keeps every step.
ALTER TABLE suggestion ADD COLUMN voided_at TEXT;
ALTER TABLE suggestion ADD COLUMN voided_by TEXT;
ALTER TABLE suggestion ADD COLUMN void_reason TEXT;

-- version 20
-- An audit row of no case that changes several cases at once (the demo cases archived, scores recomputed,
-- a bundle received) lists them in its `cases`; each is named here too, so that a case's own trail
-- (`vetdesk audit log --case ID`) shows every row that changed it. Filled from the rows as they are
-- appended, and here from the rows already written. An index of the trail, not part of it: the rows
-- themselves, with their hashes and signatures, are what `audit verify` checks.
CREATE TABLE audit_case_ref (
    case_id  INTEGER NOT NULL,
    audit_id INTEGER NOT NULL,
    PRIMARY KEY (case_id, audit_id)
) WITHOUT ROWID;
CREATE TRIGGER audit_case_ref_insert AFTER INSERT ON audit
WHEN NEW.case_id IS NULL AND json_type(NEW.details, '$.cases') = 'array' BEGIN
    INSERT OR IGNORE INTO audit_case_ref (case_id, audit_id)
    SELECT c, NEW.id FROM (
        SELECT CASE json_type(value) WHEN 'array' THEN value ->> 0 ELSE value END AS c
        FROM json_each(NEW.details, '$.cases')
    ) WHERE typeof(c) = 'integer';
END;
INSERT OR IGNORE INTO audit_case_ref (case_id, audit_id)
SELECT c, id FROM (
    SELECT a.id AS id, CASE json_type(j.value) WHEN 'array' THEN j.value ->> 0 ELSE j.value END AS c
    FROM audit a, json_each(a.details, '$.cases') j
    WHERE a.case_id IS NULL AND json_type(a.details, '$.cases') = 'array'
) WHERE typeof(c) = 'integer';

-- version 21
-- How many rows the audit trail holds, kept by triggers as rows are appended (and as one is deleted, were
-- the trail's own guard against deletion dropped behind vetdesk's back). A summary's check of one case walks
-- only the rows written since this machine last walked the whole chain; this tally equal to the newest row's
-- id tells that no row before them is gone, where counting them read every row (4 ms at a million). `audit
-- verify` counts the rows and compares. The one-value index step 11 kept for that count goes.
CREATE TABLE audit_tally (
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    rows INTEGER NOT NULL
);
INSERT INTO audit_tally (one, rows) SELECT 1, count(*) FROM audit;
CREATE TRIGGER audit_tally_insert AFTER INSERT ON audit BEGIN
    UPDATE audit_tally SET rows = rows + 1;
END;
CREATE TRIGGER audit_tally_delete AFTER DELETE ON audit BEGIN
    UPDATE audit_tally SET rows = rows - 1;
END;
DROP INDEX audit_count;

-- version 22
-- Key tags (`store::key_tags`): beside the match keys vetdesk derived, an HMAC under a secret of this
-- machine's signing key, so that checking one case's links need not derive every key again. Left out of the
-- seals, like the keys, and out of bundles (a tag is this machine's); a record without one (written before
-- this step, or on another machine) has its keys derived when they are checked.
ALTER TABLE identifier ADD COLUMN key_tag BLOB;
ALTER TABLE payment ADD COLUMN key_tag BLOB;

-- version 23
-- An identifier's search entry is written again only when what it indexes changes (its value, its key,
-- its case, whether it is voided). Re-keying writes a key tag (step 22) on every identifier, and rewrote
-- every search entry with it: most of the five minutes a re-key took at a million cases.
DROP TRIGGER case_search_identifier_update;
CREATE TRIGGER case_search_identifier_update AFTER UPDATE OF raw, normalized, case_id, voided_at ON identifier
    WHEN old.raw IS NOT new.raw OR old.normalized IS NOT new.normalized OR old.case_id IS NOT new.case_id
         OR old.voided_at IS NOT new.voided_at BEGIN
    DELETE FROM case_search WHERE rowid = 2199023255552 + new.id;
    INSERT INTO case_search (rowid, case_id, body)
        SELECT 2199023255552 + new.id, new.case_id, new.raw || ' ' || new.normalized WHERE new.voided_at IS NULL;
END;

-- version 24
-- An IP address that names no machine of its own (a private, loopback, link-local… address:
-- src/domain/identifier/ip.rs) ties no cases, nor does one that is no address at all (kept with its
-- warning). Both are stored without a network key (`loose` NULL), which no other IP is, and the case list's
-- marker leaves them out as it does routing numbers. Other holders of such a key hold the same value, so
-- the test is on the holding case's side only. The rules version that stopped giving them a network key
-- (2026.12.7.6) re-keys a workspace when it is opened; a key gaining or losing its network key works the
-- markers of the cases holding it out again, as a changed value does.
DROP VIEW case_link_live;
CREATE VIEW case_link_live (case_id, linked) AS
SELECT c.id, c.archived_at IS NULL AND (
    EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id <> a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND a.kind NOT IN ('routing-number', 'bank-account') AND a.voided_at IS NULL
                  AND NOT (a.kind = 'ip' AND a.loose IS NULL))
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id <> a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id <> a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id <> p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL))
FROM "case" c;
DROP TRIGGER case_linked_identifier_insert;
CREATE TRIGGER case_linked_identifier_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind <> 'routing-number'
         AND (new.kind <> 'bank-account' OR instr(new.normalized, ':') > 0)
         AND NOT (new.kind = 'ip' AND new.loose IS NULL)
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND (EXISTS (SELECT 1 FROM identifier
                  WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                        AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM payment
                  WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                      AND normalized = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id <> new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
CREATE TRIGGER case_linked_identifier_loose AFTER UPDATE OF loose ON identifier
    WHEN new.kind = 'ip' AND (old.loose IS NULL) <> (new.loose IS NULL) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT new.case_id
        UNION SELECT case_id FROM identifier WHERE kind = 'ip' AND normalized = new.normalized AND voided_at IS NULL);
END;

-- version 25
-- The wallet a payment went to, keyed as a crypto-wallet identifier is (`wallet_key`), so that one wallet
-- links two cases whether each holds it as an identifier or as where a payment went. Derived, like the
-- account keys: not sealed, filled in by the re-keying of rules 2026.12.7.7 when the workspace is opened
-- (whose writes reach the markers through the update trigger below). The case list's marker counts it; a
-- wallet's other holders are marked by triggers of their own beside the account's, which they mirror.
ALTER TABLE payment ADD COLUMN wallet_key TEXT;
CREATE INDEX payment_wallet ON payment (wallet_key, case_id, voided_at)
    WHERE wallet_key IS NOT NULL AND voided_at IS NULL;
DROP VIEW case_link_live;
CREATE VIEW case_link_live (case_id, linked) AS
SELECT c.id, c.archived_at IS NULL AND (
    EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id <> a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND a.kind NOT IN ('routing-number', 'bank-account') AND a.voided_at IS NULL
                  AND NOT (a.kind = 'ip' AND a.loose IS NULL))
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id <> a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id <> a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id <> p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.wallet_key = a.normalized AND q.case_id <> a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'crypto-wallet' AND a.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.wallet_key = p.wallet_key AND q.case_id <> p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL)
    OR EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.case_id <> p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL))
FROM "case" c;
-- A new wallet identifier that payments of other live cases went to marks its case and one such holder
-- not marked yet (the identifier insert trigger already does this for identifiers of the same value).
CREATE TRIGGER case_linked_identifier_wallet_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind = 'crypto-wallet'
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND EXISTS (SELECT 1 FROM payment
                  WHERE wallet_key = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE wallet_key = new.normalized AND case_id <> new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
-- A new payment to a wallet other live cases hold (paid to, or as an identifier) marks its case and one
-- such holder of each not marked yet.
CREATE TRIGGER case_linked_payment_wallet_insert AFTER INSERT ON payment
    WHEN new.voided_at IS NULL AND new.wallet_key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND (EXISTS (SELECT 1 FROM payment
                  WHERE wallet_key = new.wallet_key AND case_id <> new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
              OR EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'crypto-wallet' AND normalized = new.wallet_key AND case_id <> new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE wallet_key = new.wallet_key AND case_id <> new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind = 'crypto-wallet' AND normalized = new.wallet_key AND case_id <> new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
-- A wallet changed, voided or removed, as a payment's or as an identifier's: every case that held the old
-- one or holds the new one is worked out again.
CREATE TRIGGER case_linked_payment_wallet_update AFTER UPDATE OF wallet_key, voided_at, case_id ON payment
    WHEN (old.wallet_key IS NOT NULL OR new.wallet_key IS NOT NULL)
         AND (old.wallet_key IS NOT new.wallet_key OR old.voided_at IS NOT new.voided_at
              OR old.case_id IS NOT new.case_id) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT old.case_id UNION SELECT new.case_id
        UNION SELECT case_id FROM payment WHERE wallet_key IN (old.wallet_key, new.wallet_key) AND voided_at IS NULL
        UNION SELECT case_id FROM identifier
            WHERE kind = 'crypto-wallet' AND normalized IN (old.wallet_key, new.wallet_key) AND voided_at IS NULL);
END;
CREATE TRIGGER case_linked_payment_wallet_delete AFTER DELETE ON payment WHEN old.wallet_key IS NOT NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT case_id FROM payment WHERE wallet_key = old.wallet_key AND voided_at IS NULL
        UNION SELECT case_id FROM identifier
            WHERE kind = 'crypto-wallet' AND normalized = old.wallet_key AND voided_at IS NULL);
END;
CREATE TRIGGER case_linked_identifier_wallet_update AFTER UPDATE OF kind, normalized, voided_at, case_id ON identifier
    WHEN (old.kind = 'crypto-wallet' OR new.kind = 'crypto-wallet')
         AND (old.kind IS NOT new.kind OR old.normalized IS NOT new.normalized OR old.voided_at IS NOT new.voided_at
              OR old.case_id IS NOT new.case_id) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT case_id FROM payment WHERE wallet_key IN (old.normalized, new.normalized) AND voided_at IS NULL);
END;
CREATE TRIGGER case_linked_identifier_wallet_delete AFTER DELETE ON identifier WHEN old.kind = 'crypto-wallet' BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT case_id FROM payment WHERE wallet_key = old.normalized AND voided_at IS NULL);
END;
-- Archiving a case (or bringing it back) works out again the cases it shares a wallet with, as step 12's
-- trigger does for the other values.
CREATE TRIGGER case_linked_case_archive_wallet AFTER UPDATE OF archived_at ON "case"
    WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT q.case_id FROM identifier a CROSS JOIN payment q ON q.wallet_key = a.normalized AND q.voided_at IS NULL
            WHERE a.case_id = new.id AND +a.kind = 'crypto-wallet' AND a.voided_at IS NULL
        UNION SELECT q.case_id FROM payment p CROSS JOIN payment q ON q.wallet_key = p.wallet_key AND q.voided_at IS NULL
            WHERE p.case_id = new.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL
        UNION SELECT b.case_id FROM payment p CROSS JOIN identifier b
            ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.voided_at IS NULL
            WHERE p.case_id = new.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL);
END;

-- version 26
-- A value held many times in one case (a roster hit of thousands of people sharing a bank account opens
-- a case with thousands of subjects each holding it) made every look-up of "another case holds it" walk
-- all those holders, since `case_id <> x` cannot seek an index: opening such a case took minutes. Each
-- such look-up is now two, `case_id > x` and `case_id < x`, which seek past the case's own holders on the
-- match indexes (whose third column is the case). Same markers as before; a new value marks the first
-- holder on each side, where it marked the first holder found.
DROP VIEW case_link_live;
CREATE VIEW case_link_live (case_id, linked) AS
SELECT c.id, c.archived_at IS NULL AND (
    (EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id > a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND a.kind NOT IN ('routing-number', 'bank-account') AND a.voided_at IS NULL
                  AND NOT (a.kind = 'ip' AND a.loose IS NULL))
  OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id < a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND a.kind NOT IN ('routing-number', 'bank-account') AND a.voided_at IS NULL
                  AND NOT (a.kind = 'ip' AND a.loose IS NULL)))
    OR (EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id > a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id < a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL))
    OR (EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id > a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id < a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'bank-account' AND instr(a.normalized, ':') > 0 AND a.voided_at IS NULL))
    OR (EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id > p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id < p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL))
    OR (EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id > p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id < p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND instr(p.account_key, ':') > 0 AND p.voided_at IS NULL))
    OR (EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.wallet_key = a.normalized AND q.case_id > a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'crypto-wallet' AND a.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM identifier a CROSS JOIN payment q
                ON q.wallet_key = a.normalized AND q.case_id < a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE a.case_id = c.id AND +a.kind = 'crypto-wallet' AND a.voided_at IS NULL))
    OR (EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.wallet_key = p.wallet_key AND q.case_id > p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM payment p CROSS JOIN payment q
                ON q.wallet_key = p.wallet_key AND q.case_id < p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL
            WHERE p.case_id = c.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL))
    OR (EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.case_id > p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL)
     OR EXISTS (SELECT 1 FROM payment p CROSS JOIN identifier b
                ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.case_id < p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL
            WHERE p.case_id = c.id AND p.wallet_key IS NOT NULL AND p.voided_at IS NULL)))
FROM "case" c;
DROP TRIGGER case_linked_identifier_insert;
CREATE TRIGGER case_linked_identifier_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind <> 'routing-number'
         AND (new.kind <> 'bank-account' OR instr(new.normalized, ':') > 0)
         AND NOT (new.kind = 'ip' AND new.loose IS NULL)
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND ((EXISTS (SELECT 1 FROM identifier
                  WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                        AND normalized = new.normalized AND case_id > new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
            OR EXISTS (SELECT 1 FROM identifier
                  WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                        AND normalized = new.normalized AND case_id < new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
              OR (EXISTS (SELECT 1 FROM payment
                  WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id > new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
               OR EXISTS (SELECT 1 FROM payment
                  WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id < new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                      AND normalized = new.normalized AND case_id > new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind IN (new.kind, CASE new.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE new.kind END)
                      AND normalized = new.normalized AND case_id < new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id > new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE new.kind = 'bank-account' AND account_key = new.normalized AND case_id < new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
DROP TRIGGER case_linked_identifier_wallet_insert;
CREATE TRIGGER case_linked_identifier_wallet_insert AFTER INSERT ON identifier
    WHEN new.voided_at IS NULL AND new.kind = 'crypto-wallet'
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND (EXISTS (SELECT 1 FROM payment
                  WHERE wallet_key = new.normalized AND case_id > new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
           OR EXISTS (SELECT 1 FROM payment
                  WHERE wallet_key = new.normalized AND case_id < new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE wallet_key = new.normalized AND case_id > new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE wallet_key = new.normalized AND case_id < new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
DROP TRIGGER case_linked_payment_insert;
CREATE TRIGGER case_linked_payment_insert AFTER INSERT ON payment
    WHEN new.voided_at IS NULL AND instr(new.account_key, ':') > 0
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND ((EXISTS (SELECT 1 FROM payment
                  WHERE account_key = new.account_key AND case_id > new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
            OR EXISTS (SELECT 1 FROM payment
                  WHERE account_key = new.account_key AND case_id < new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
              OR (EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id > new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
               OR EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id < new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE account_key = new.account_key AND case_id > new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE account_key = new.account_key AND case_id < new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id > new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind = 'bank-account' AND normalized = new.account_key AND case_id < new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;
DROP TRIGGER case_linked_payment_wallet_insert;
CREATE TRIGGER case_linked_payment_wallet_insert AFTER INSERT ON payment
    WHEN new.voided_at IS NULL AND new.wallet_key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM fts_deferred)
         AND ((EXISTS (SELECT 1 FROM payment
                  WHERE wallet_key = new.wallet_key AND case_id > new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
            OR EXISTS (SELECT 1 FROM payment
                  WHERE wallet_key = new.wallet_key AND case_id < new.case_id AND voided_at IS NULL
                        AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL))
              OR (EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'crypto-wallet' AND normalized = new.wallet_key AND case_id > new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)
               OR EXISTS (SELECT 1 FROM identifier
                  WHERE kind = 'crypto-wallet' AND normalized = new.wallet_key AND case_id < new.case_id
                        AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL)))
         AND (SELECT archived_at FROM "case" WHERE id = new.case_id) IS NULL BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked)
        SELECT new.case_id, 1
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE wallet_key = new.wallet_key AND case_id > new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM payment
                WHERE wallet_key = new.wallet_key AND case_id < new.case_id AND voided_at IS NULL
                      AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind = 'crypto-wallet' AND normalized = new.wallet_key AND case_id > new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked)
        UNION SELECT h.case_id, 1 FROM (
            SELECT case_id FROM identifier
                WHERE kind = 'crypto-wallet' AND normalized = new.wallet_key AND case_id < new.case_id
                      AND voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = case_id) IS NULL
                LIMIT 1) AS h
            WHERE NOT EXISTS (SELECT 1 FROM case_linked l WHERE l.case_id = h.case_id AND l.linked);
END;

-- version 27
-- Archiving a case, or bringing it back, found the cases sharing its values by pairing each of its records
-- with every holder of the record's value, the case's own holders too: a case opened from a roster hit of
-- thousands of people sharing one account paired thousands with thousands (11 s for 8,000). Each value the
-- case holds is now taken once, so its holders are walked once. `case_link_live` did the same when no
-- other holder counted (two cases opened for the same thousands of people, one of them archived: each
-- record of the other walked all of the archived one's); it too now takes each of a case's values once.
DROP VIEW case_link_live;
CREATE VIEW case_link_live (case_id, linked) AS
SELECT c.id, c.archived_at IS NULL AND (
    (EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND kind NOT IN ('routing-number', 'bank-account') AND voided_at IS NULL
                        AND NOT (kind = 'ip' AND loose IS NULL)) a
                CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id > a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL)
  OR EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND kind NOT IN ('routing-number', 'bank-account') AND voided_at IS NULL
                        AND NOT (kind = 'ip' AND loose IS NULL)) a
                CROSS JOIN identifier b
                ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
                   AND b.normalized = a.normalized AND b.case_id < a.case_id AND b.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND +kind = 'bank-account' AND instr(normalized, ':') > 0 AND voided_at IS NULL) a
                CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id > a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND +kind = 'bank-account' AND instr(normalized, ':') > 0 AND voided_at IS NULL) a
                CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = a.normalized AND b.case_id < a.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND +kind = 'bank-account' AND instr(normalized, ':') > 0 AND voided_at IS NULL) a
                CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id > a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND +kind = 'bank-account' AND instr(normalized, ':') > 0 AND voided_at IS NULL) a
                CROSS JOIN payment q
                ON q.account_key = a.normalized AND q.case_id < a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND instr(account_key, ':') > 0 AND voided_at IS NULL) p
                CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id > p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND instr(account_key, ':') > 0 AND voided_at IS NULL) p
                CROSS JOIN payment q
                ON q.account_key = p.account_key AND q.case_id < p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND instr(account_key, ':') > 0 AND voided_at IS NULL) p
                CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id > p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND instr(account_key, ':') > 0 AND voided_at IS NULL) p
                CROSS JOIN identifier b
                ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.case_id < p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND +kind = 'crypto-wallet' AND voided_at IS NULL) a
                CROSS JOIN payment q
                ON q.wallet_key = a.normalized AND q.case_id > a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT kind, normalized, case_id FROM identifier
                      WHERE case_id = c.id
                        AND +kind = 'crypto-wallet' AND voided_at IS NULL) a
                CROSS JOIN payment q
                ON q.wallet_key = a.normalized AND q.case_id < a.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND wallet_key IS NOT NULL AND voided_at IS NULL) p
                CROSS JOIN payment q
                ON q.wallet_key = p.wallet_key AND q.case_id > p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND wallet_key IS NOT NULL AND voided_at IS NULL) p
                CROSS JOIN payment q
                ON q.wallet_key = p.wallet_key AND q.case_id < p.case_id AND q.voided_at IS NULL
                   AND (SELECT archived_at FROM "case" WHERE id = q.case_id) IS NULL))
    OR (EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND wallet_key IS NOT NULL AND voided_at IS NULL) p
                CROSS JOIN identifier b
                ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.case_id > p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL)
     OR EXISTS (SELECT 1 FROM (SELECT DISTINCT account_key, wallet_key, case_id FROM payment
                      WHERE case_id = c.id
                        AND wallet_key IS NOT NULL AND voided_at IS NULL) p
                CROSS JOIN identifier b
                ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.case_id < p.case_id
                   AND b.voided_at IS NULL AND (SELECT archived_at FROM "case" WHERE id = b.case_id) IS NULL)))
FROM "case" c;
DROP TRIGGER case_linked_case_archive;
CREATE TRIGGER case_linked_case_archive AFTER UPDATE OF archived_at ON "case"
    WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT new.id
        UNION SELECT b.case_id FROM (SELECT DISTINCT kind, normalized FROM identifier
                                     WHERE case_id = new.id AND kind <> 'routing-number' AND voided_at IS NULL) a
            CROSS JOIN identifier b
            ON b.kind IN (a.kind, CASE a.kind WHEN 'url' THEN 'handle' WHEN 'handle' THEN 'url' ELSE a.kind END)
               AND b.normalized = a.normalized AND b.voided_at IS NULL
        UNION SELECT q.case_id FROM (SELECT DISTINCT normalized FROM identifier
                                     WHERE case_id = new.id AND kind = 'bank-account' AND voided_at IS NULL) a
            CROSS JOIN payment q ON q.account_key = a.normalized AND q.voided_at IS NULL
        UNION SELECT q.case_id FROM (SELECT DISTINCT account_key FROM payment
                                     WHERE case_id = new.id AND account_key IS NOT NULL AND voided_at IS NULL) p
            CROSS JOIN payment q ON q.account_key = p.account_key AND q.voided_at IS NULL
        UNION SELECT b.case_id FROM (SELECT DISTINCT account_key FROM payment
                                     WHERE case_id = new.id AND account_key IS NOT NULL AND voided_at IS NULL) p
            CROSS JOIN identifier b ON b.kind = 'bank-account' AND b.normalized = p.account_key AND b.voided_at IS NULL);
END;
DROP TRIGGER case_linked_case_archive_wallet;
CREATE TRIGGER case_linked_case_archive_wallet AFTER UPDATE OF archived_at ON "case"
    WHEN (old.archived_at IS NULL) <> (new.archived_at IS NULL) BEGIN
    INSERT OR REPLACE INTO case_linked (case_id, linked) SELECT case_id, linked FROM case_link_live WHERE case_id IN (
        SELECT q.case_id FROM (SELECT DISTINCT normalized FROM identifier
                               WHERE case_id = new.id AND kind = 'crypto-wallet' AND voided_at IS NULL) a
            CROSS JOIN payment q ON q.wallet_key = a.normalized AND q.voided_at IS NULL
        UNION SELECT q.case_id FROM (SELECT DISTINCT wallet_key FROM payment
                                     WHERE case_id = new.id AND wallet_key IS NOT NULL AND voided_at IS NULL) p
            CROSS JOIN payment q ON q.wallet_key = p.wallet_key AND q.voided_at IS NULL
        UNION SELECT b.case_id FROM (SELECT DISTINCT wallet_key FROM payment
                                     WHERE case_id = new.id AND wallet_key IS NOT NULL AND voided_at IS NULL) p
            CROSS JOIN identifier b
            ON b.kind = 'crypto-wallet' AND b.normalized = p.wallet_key AND b.voided_at IS NULL);
END;
