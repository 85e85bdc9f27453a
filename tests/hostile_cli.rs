//! The CLI against hostile surroundings: export targets that are links, devices or FIFOs; values
//! carrying terminal escape sequences; readers that go away; odd arguments and odd workspace files.

mod common;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command as Std, Stdio};
use std::time::Duration;

use common::{Env, fingerprint};

const OSC_TITLE: &str = "\x1b]0;pwned\x07";
const CLEAR: &str = "\x1b[2J";
const RLO: &str = "\u{202e}";

/// No raw terminal control (other than newline and tab) and no bidi override in `bytes`.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{what} shows raw controls {bad:?}:\n{text}");
}

fn mkfifo(path: &std::path::Path) {
    let status = Std::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

fn new_case(env: &Env) -> String {
    env.id(&["case", "new", "Backend engineer"]).to_string()
}

// --- output paths ---------------------------------------------------------------------------------

#[test]
fn report_output_refuses_links_devices_fifos_and_folders_and_leaves_them() {
    let env = Env::new();
    let c = new_case(&env);
    let victim = env.file("victim.txt", b"do not touch");
    let link = env.dir.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    env.refused(&["report", &c, "--output", link.to_str().unwrap()], "is a symbolic link");
    assert_eq!(std::fs::read(&victim).unwrap(), b"do not touch");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());

    let dangling = env.dir.path().join("dangling.md");
    std::os::unix::fs::symlink(env.dir.path().join("nowhere"), &dangling).unwrap();
    env.refused(&["report", &c, "--output", dangling.to_str().unwrap()], "is a symbolic link");
    assert!(!env.dir.path().join("nowhere").exists());

    let fifo = env.dir.path().join("pipe.md");
    mkfifo(&fifo);
    let out = env.cmd().args(["report", &c, "--output"]).arg(&fifo).timeout(Duration::from_secs(10)).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("FIFO"));

    env.refused(&["report", &c, "--output", "/dev/null"], "is a character device");
    let folder = env.dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    env.refused(&["report", &c, "--output", folder.to_str().unwrap()], "is a folder");
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn report_output_replaces_a_regular_file_only_when_asked_privately_and_names_it_on_one_line() {
    let env = Env::new();
    let c = new_case(&env);
    let old = env.file("old.md", b"old");
    std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
    // A file already there is replaced only when asked: a draft signed off is never lost to a command.
    env.refused(&["report", &c, "--output", old.to_str().unwrap()], "old.md: is already there; nothing was written");
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "old");
    env.ok(&["report", &c, "--output", old.to_str().unwrap(), "--overwrite"]);
    assert!(std::fs::read_to_string(&old).unwrap().starts_with("# IC3-ready summary"));
    assert_eq!(std::fs::metadata(&old).unwrap().permissions().mode() & 0o777, 0o600);

    let odd = env.dir.path().join(format!("a\nb{CLEAR}{RLO}.md"));
    let out = env.cmd().args(["report", &c, "--output"]).arg(&odd).output().unwrap();
    assert!(out.status.success());
    assert!(odd.exists());
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim_end().lines().count(), 1, "{:?}", out.stderr);
    assert_clean("the wrote line", &out.stderr);

    let fifo = env.dir.path().join(format!("x\n{CLEAR}.md"));
    mkfifo(&fifo);
    let out = env.cmd().args(["report", &c, "--output"]).arg(&fifo).timeout(Duration::from_secs(10)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim_end().lines().count(), 1, "{:?}", out.stderr);
    assert_clean("the refusal", &out.stderr);
}

/// Evidence whose file name holds a line break is named on one line, quoted and escaped, wherever vetdesk
/// lists it: `evidence list`, `evidence verify` and the report's annex, in text and Markdown.
#[test]
fn an_evidence_file_named_with_a_line_break_is_listed_on_one_line() {
    let env = Env::new();
    let c = new_case(&env);
    let odd = env.file("bad\nname.txt", b"hi");
    env.ok(&["evidence", "add", &c, odd.to_str().unwrap()]);
    let verify = env.ok(&["evidence", "verify"]);
    assert_eq!(verify.lines().count(), 1, "{verify}");
    assert!(verify.contains("bad\\nname.txt\""), "{verify}");
    let list = env.ok(&["evidence", "list", &c]);
    assert!(list.contains("bad\\nname.txt\""), "not a space, which another file's name may hold: {list}");
    // Markdown escapes the backslash once more, so that it renders as typed.
    for (format, shown) in [("text", "bad\\nname.txt"), ("markdown", "bad\\\\nname.txt")] {
        let report = env.ok(&["report", &c, "--format", format]);
        assert!(report.contains(shown), "{format}: {report}");
        assert!(!report.lines().any(|l| l.starts_with("name.txt")), "{format}: {report}");
    }
}

// --- hostile text ---------------------------------------------------------------------------------

#[test]
fn escape_sequences_and_bidi_overrides_never_reach_the_terminal_raw() {
    let env = Env::new();
    let hostile = format!("Jordan{OSC_TITLE} Lee{CLEAR}{RLO}gpj.exe");
    // Titles, names, identifiers and recipients refuse control characters outright (one_line_fields_…
    // below); a bidi override still gets through them, and notes and imported lists hold any text.
    let title = format!("Backend {RLO}gpj.exe");
    let bidi = format!("Jordan Lee{RLO}gpj.exe");
    let c = env.id(&["case", "new", &title, "--subject", &bidi]).to_string();
    env.refused(&["case", "new", "Backend", "--subject", &hostile], "one line of text");
    env.ok(&["note", "add", &c, &format!("line one{CLEAR}\nline two{OSC_TITLE}\r{RLO}")]);
    env.refused(&["ident", "add", &c, "handle", &format!("jdoe{CLEAR}")], "one line of text");
    env.ok(&["ident", "add", &c, "handle", &format!("jdoe{RLO}"), "--note", &bidi]);
    env.ok(&[
        "payment",
        "add",
        &c,
        "--date",
        "2026-03-01",
        "--amount",
        "1",
        "--method",
        "wire",
        "--recipient",
        &bidi,
        "--note",
        &hostile,
    ]);
    env.ok(&["subject", "add", &c, &bidi, "--role", "facilitator", "--location", &bidi]);
    env.ok(&["check", "set", &c, "RF-ID-01", "flagged", "--note", &hostile]);
    let list = env.file("bad.txt", format!("jdoe{CLEAR}\t{hostile}\n").as_bytes());
    env.ok(&["list", "import", "bad-handle", list.to_str().unwrap(), "--name", &format!("peers{RLO}")]);
    let report = env.dir.path().join("r.md");
    env.ok(&["report", &c, "--output", report.to_str().unwrap()]);
    assert_clean("the Markdown report file", &std::fs::read(&report).unwrap());

    for args in [
        vec!["case", "list"],
        vec!["case", "show", &c],
        vec!["note", "list", &c],
        vec!["note", "search", "line"],
        vec!["ident", "list", &c],
        vec!["payment", "list", &c],
        vec!["subject", "list", &c],
        vec!["check", "list", &c, "--state", "flagged"],
        vec!["links", &c],
        vec!["list", "show"],
        vec!["audit", "log"],
        vec!["report", &c],
        vec!["report", &c, "--format", "text"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let shown = env.ok(&["case", "show", &c]);
    assert!(shown.contains("Jordan Lee\\u{202e}gpj.exe"), "{shown}");
    assert!(shown.contains("Backend \\u{202e}gpj.exe"), "{shown}");
    let marks = env.ok(&["check", "list", &c, "--state", "flagged"]);
    assert!(marks.contains("Jordan␛]0;pwned␇ Lee␛[2J\\u{202e}gpj.exe"), "{marks}");
    let notes = env.ok(&["note", "list", &c]);
    assert!(notes.contains("line one␛[2J\nline two"), "multi-line notes keep their lines: {notes}");

    // JSON stays exact.
    let json = env.json(&["case", "show", &c, "--json"]).to_string();
    assert!(json.contains(&title) && json.contains(&bidi), "{json}");
    let marks = env.json(&["check", "list", &c, "--json"]).to_string();
    assert!(marks.contains("Jordan\\u001b]0;pwned\\u0007 Lee"), "{marks}");
    let notes = &env.json(&["note", "list", &c, "--json"])["notes"];
    assert!(notes.to_string().contains("\\u001b]0;pwned\\u0007"), "{notes}");
}

#[test]
fn an_error_naming_a_hostile_value_stays_one_clean_line() {
    let env = Env::new();
    let c = env.id(&["case", "new", "x"]).to_string();
    env.refused(&["check", "set", &c, &format!("RF{CLEAR}\n{RLO}"), "flagged"], "unknown checklist code");
    let out = env.cmd().args(["check", "set", &c, &format!("RF{CLEAR}\n{RLO}"), "flagged"]).output().unwrap();
    assert_clean("the error", &out.stderr);
}

// --- pipes ----------------------------------------------------------------------------------------

#[test]
fn a_reader_that_goes_away_ends_every_command_quietly() {
    let env = Env::new();
    env.ok(&["demo", "--cases", "200", "--seed", "7"]);
    for args in [
        vec!["case", "list", "--limit", "200"],
        vec!["case", "list", "--limit", "200", "--json"],
        vec!["catalog", "list"],
        vec!["catalog", "list", "--json"],
        vec!["case", "show", "1"],
        vec!["report", "1"],
        vec!["audit", "log"],
        vec!["links", "--all"],
    ] {
        let mut child = Std::new(assert_cmd::cargo::cargo_bin("vetdesk"))
            .args(&args)
            .env("VETDESK_DB", &env.db)
            .env("VETDESK_CONFIG", env.dir.path().join("config.toml"))
            // The test's own key folder, as `Env::cmd` gives: never the user's.
            .env("VETDESK_KEY_DIR", env.keys())
            .env("USER", "ana")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "{args:?} panicked: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(status.code() == Some(0), "{args:?} ended with {status}: {stderr}");
    }
}

// --- small holes ----------------------------------------------------------------------------------

#[test]
fn payment_methods_outside_the_documented_set_are_refused() {
    let env = Env::new();
    let c = env.id(&["case", "new", "x"]).to_string();
    let add = |method: &str| {
        vec!["payment", "add", &c, "--date", "2026-03-01", "--amount", "10", "--method"]
            .into_iter()
            .map(String::from)
            .chain([method.to_string()])
            .collect::<Vec<_>>()
    };
    let args = add("venmo");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.usage_error(
        &args,
        "[possible values: wire, ach, check, crypto, p2p, card, cash, money-order, gift-card, other]",
    );
    let p = env.id(&add("Money-Order").iter().map(String::as_str).collect::<Vec<_>>()).to_string();
    assert_eq!(env.json(&["payment", "list", &c, "--json"])[0]["method"], "money-order");
    env.usage_error(
        &["payment", "edit", &p, "--date", "2026-03-01", "--amount", "10", "--method", "bitcoin atm"],
        "invalid value 'bitcoin atm' for '--method <METHOD>'",
    );
}

#[test]
fn an_unknown_theme_is_refused_for_every_command() {
    let env = Env::new();
    env.ok(&["init"]);
    env.refused(&["--theme", "neon", "case", "list"], "invalid theme \"neon\"");
    env.refused(&["--theme", "neon", "init"], "expected one of dark, light, high-contrast");
    env.ok(&["--theme", "light", "case", "list"]);
}

#[test]
fn a_negative_schema_version_is_named_clearly() {
    let env = Env::new();
    env.ok(&["init"]);
    for version in ["-1", "-2147483648"] {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
        drop(conn);
        env.refused(&["case", "list"], &format!("has schema version {version}, which no vetdesk writes"));
    }
}

#[test]
fn a_noun_alone_lists_its_subcommands() {
    let env = Env::new();
    for noun in [
        "case", "subject", "ident", "payment", "check", "evidence", "note", "audit", "catalog", "suggest", "list",
        "org",
    ] {
        let out = env.cmd().arg(noun).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{noun}: {stderr}");
        assert!(stderr.contains("Commands:") && stderr.contains("help"), "{noun}: {stderr}");
    }
    let stderr = String::from_utf8(env.cmd().arg("case").output().unwrap().stderr).unwrap();
    assert!(stderr.contains("new") && stderr.contains("list") && stderr.contains("show"), "{stderr}");
    assert!(!env.db.exists(), "showing help opens no workspace");
}

/// Options that say nothing are refused in one line, and change nothing: `--overwrite` without a file to
/// write, an edit with no field, an empty alias; a missing identity file is named in vetdesk's words.
#[test]
fn options_that_say_nothing_are_refused() {
    let env = Env::new();
    let id = env.id(&["case", "new", "T", "--subject", "Ann Lee"]).to_string();
    let ident = env.id(&["ident", "add", &id, "email", "ann@example.com"]).to_string();
    let payment =
        env.id(&["payment", "add", &id, "--date", "2026-01-02", "--amount", "10", "--method", "wire"]).to_string();
    let before = fingerprint(&env.db);
    for (args, says) in [
        (vec!["report", &id, "--overwrite"], "--output"),
        (vec!["ident", "edit", &ident], "nothing to change"),
        (vec!["payment", "edit", &payment], "nothing to change"),
        (vec!["subject", "add", &id, "X", "--alias", ""], "--alias is empty"),
        (vec!["subject", "edit", "1", "--alias", "A", "--alias", " "], "an alias is empty"),
        (
            vec!["bundle", "verify", "/nonexistent", "--identity", "/nonexistent"],
            "identity file /nonexistent: no such file",
        ),
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    assert_eq!(fingerprint(&env.db), before);
}

/// A roster export of hundreds of columns names twenty it does not read and counts the rest.
#[test]
fn a_very_wide_roster_names_twenty_unread_columns_and_counts_the_rest() {
    let env = Env::new();
    env.ok(&["init"]);
    let csv = format!("Employee ID,Name,{}\nE1,Ann{}\n", vec!["c"; 500].join(","), ",".repeat(500));
    let out = env.ok(&["roster", "import", env.file("wide.csv", csv.as_bytes()).to_str().unwrap(), "--dry-run"]);
    let said = ["500 columns are not read; the first 20 follow", "… and 480 more columns not read"];
    assert!(said.iter().all(|s| out.contains(s)) && out.matches("is not read:").count() == 20, "{out}");
}

#[test]
fn a_workspace_that_is_not_a_regular_file_is_refused_at_once() {
    let env = Env::new();
    let fifo = env.dir.path().join("ws.fifo");
    mkfifo(&fifo);
    let out =
        env.cmd().args(["case", "list"]).env("VETDESK_DB", &fifo).timeout(Duration::from_secs(10)).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a named pipe (FIFO), not a workspace file"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1);
    let out = env
        .cmd()
        .args(["case", "list"])
        .env("VETDESK_DB", "/dev/zero")
        .timeout(Duration::from_secs(10))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a character device"));
    assert_eq!(fingerprint(&env.db), "absent");
}

/// A typed case title with a control character is refused, naming the character, and nothing is written.
#[test]
fn a_title_with_a_control_character_is_refused_naming_it() {
    let env = Env::new();
    env.ok(&["init"]);
    env.refused(
        &["case", "new", "Mal\u{1b}]0;PWNED\u{7}lory"],
        "without control characters; this one holds the control character U+001B",
    );
    env.refused(&["case", "new", "two\nlines"], "this one holds a line break");
    // A subject named by nothing is refused here as `subject add` refuses it, not dropped.
    for blank in ["", "   "] {
        env.refused(&["case", "new", "Contractor", "--subject", blank], "a subject needs a name");
    }
    assert_eq!(env.json(&["case", "list", "--json"])["total"], 0, "nothing was written");
}

/// A line break in a name, an identifier or a recipient would read as another record wherever it is
/// listed (`case show`, the summary's subject and identifier blocks): such a value is refused, as an
/// over-long one is, naming the field, and nothing is written.
#[test]
fn one_line_fields_refuse_line_breaks_and_unbounded_text() {
    let env = Env::new();
    let id = env.id(&["case", "new", "Contractor"]).to_string();
    let fake = "Jordan Lee\n  #2 candidate Innocent Person  [voided 2026-12-04T10:00:00Z by ana: cleared]";
    env.refused(&["subject", "add", &id, fake], "the name is one line of text");
    env.refused(
        &["ident", "add", &id, "device-serial", "SN123\n  #9 email forged@example.com"],
        "the value is one line",
    );
    env.refused(&["ident", "add", &id, "device-serial", "SN123", "--note", "a\nb"], "the note is one line");
    let long = "x".repeat(1001);
    env.refused(&["subject", "add", &id, &long], "the name takes at most 1000 characters; this one has");
    env.refused(&["ident", "add", &id, "device-serial", "SN123", "--note", &long], "the note takes at most 1000");
    let payment = ["payment", "add", &id, "--date", "2026-03-01", "--amount", "10", "--method", "wire"];
    env.refused(&[&payment[..], &["--recipient", "Bob\nX"]].concat(), "the recipient is one line");
    let file = env.file("call.txt", b"recording");
    let file = file.to_str().unwrap();
    env.refused(&["evidence", "add", &id, file, "--description", "a\n#2 forged"], "the description is one line");
    env.refused(&["evidence", "add", &id, file, "--description", &long], "the description takes at most 1000");
    env.ok(&["subject", "add", &id, "Jordan Lee", "--position", &"y".repeat(1000)]);
    let shown = env.ok(&["case", "show", &id]);
    assert_eq!(shown.matches("#1 candidate").count(), 1, "{shown}");
    assert!(!shown.contains("Innocent") && !shown.contains("forged"), "{shown}");
}

// --- reasons ----------------------------------------------------------------------------------------

/// A reason is shown inline beside its record (`[voided … by ana: REASON]`): a line break in it would
/// print a second line that reads as another record, so every command that takes a reason refuses one.
#[test]
fn a_reason_with_a_line_break_is_refused_wherever_a_reason_is_taken() {
    let env = Env::new();
    let c = new_case(&env);
    let forged = "typo\n#99 email attacker@example.org [subject #1]";
    let ident = env.id(&["ident", "add", &c, "email", "rr@example.com"]).to_string();
    env.refused(&["ident", "void", &ident, "--reason", forged], "a reason is one line");
    env.refused(&["ident", "void", &ident, "--reason", "typo\u{1b}[2J"], "a reason is one line");
    env.refused(&["ident", "void", &ident, "--reason", "typo\u{2028}#99 email"], "a reason is one line");
    env.ok(&["ident", "void", &ident, "--reason", "typed on the wrong case"]);
    env.refused(&["ident", "unvoid", &ident, "--reason", forged], "a reason is one line");
    let file = env.file("passport.txt", b"scan");
    let evidence = env.id(&["evidence", "add", &c, file.to_str().unwrap()]).to_string();
    env.ok(&["evidence", "link", &evidence, "RF-ID-01"]);
    env.refused(&["evidence", "unlink", &evidence, "RF-ID-01", "--reason", forged], "a reason is one line");
    let list = env.file("forwarders.txt", b"12 Depot Rd, Dover, DE 19901\n");
    env.ok(&["list", "import", "freight-forwarder", list.to_str().unwrap(), "--name", "forwarders"]);
    env.refused(&["list", "void", "forwarders", "--reason", forged], "a reason is one line");
    env.refused(&["case", "archive", &c, "--reason", forged], "a reason is one line");
    let shown = env.ok(&["case", "show", &c]);
    assert!(!shown.contains("attacker@example.org"), "{shown}");
}

/// The investigator's name goes into every audit row and summary: a login name holding a line break is
/// refused before anything is opened or written.
#[test]
fn an_investigator_name_with_a_line_break_is_refused() {
    let env = Env::new();
    let out =
        env.cmd().env("USER", "qa\nholds: all fine").args(["case", "new", "Backend contractor"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the investigator's name (USER) is one line"), "{stderr}");
    assert!(!env.db.exists(), "no workspace was made");
    // The message names where the name came from.
    let out = env
        .cmd()
        .env_remove("USER")
        .env("LOGNAME", "log\nname")
        .args(["case", "new", "Backend contractor"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the investigator's name (LOGNAME) is one line"), "{stderr}");
}

/// A login name of spaces alone, or of invisible characters, names nobody: changes are recorded under the
/// fallback name with the note saying how to set one, never under a blank actor; a name is trimmed.
#[test]
fn a_blank_login_name_is_passed_over_and_a_name_is_trimmed() {
    let env = Env::new();
    for blank in ["   ", "\u{200b}"] {
        let out = env.cmd().env("USER", blank).env_remove("LOGNAME").args(["case", "new", "Backend"]).output().unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("changes are recorded as \"investigator\""));
    }
    env.cmd().env("USER", "  Ana  ").args(["case", "new", "Mobile"]).output().unwrap();
    let log = env.json(&["audit", "log", "--json"]);
    let actors: Vec<&str> = log["rows"].as_array().unwrap().iter().map(|r| r["actor"].as_str().unwrap()).collect();
    assert!(actors.contains(&"Ana") && actors.contains(&"investigator"), "{actors:?}");
    assert!(actors.iter().all(|a| a.trim() == *a && !a.is_empty()), "{actors:?}");
}

/// A list's name is one line of text as long as a field, and a value far longer than a date is not echoed
/// whole in the refusal.
#[test]
fn a_list_name_is_one_line_and_a_long_bad_date_is_not_echoed_whole() {
    let env = Env::new();
    let c = new_case(&env);
    let list = env.file("voip.txt", b"+1 202 555 0143\n");
    env.refused(&["list", "import", "voip", list.to_str().unwrap(), "--name", "voip\u{1b}[2J"], "the list's name");
    let long = "v".repeat(1001);
    env.refused(&["list", "import", "voip", list.to_str().unwrap(), "--name", &long], "at most 1000 characters");
    let date = "9".repeat(1000);
    let out = env.cmd().args(["subject", "add", &c, "Zed", "--hired-on", &date]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("invalid hire date") && stderr.len() < 200, "{stderr}");
}

/// Another program's database whose write-ahead log holds its tables (its file's header shows none yet)
/// is refused and left as it was: the file, the log and their modes.
#[test]
fn another_programs_database_with_its_log_is_refused_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let foreign = env.dir.path().join("logged.sqlite");
    let log = env.dir.path().join("logged.sqlite-wal");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.pragma_update(None, "journal_mode", "wal").unwrap();
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1)").unwrap();
    }
    let _ = std::fs::remove_file(env.dir.path().join("logged.sqlite-shm"));
    for f in [&foreign, &log] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let before = (std::fs::read(&foreign).unwrap(), std::fs::read(&log).unwrap());
    assert!(!before.1.is_empty(), "the log holds the table");
    let out = env.cmd().args(["--db", foreign.to_str().unwrap(), "case", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a SQLite database but not a vetdesk workspace"));
    assert_eq!((std::fs::read(&foreign).unwrap(), std::fs::read(&log).unwrap()), before);
    for f in [&foreign, &log] {
        assert_eq!(std::fs::metadata(f).unwrap().permissions().mode() & 0o777, 0o644, "{f:?}");
    }
}

/// An evidence file replaced by a named pipe is found changed without hanging on the pipe, and said to be
/// a pipe now, as attaching one would say.
#[test]
fn evidence_that_became_a_fifo_is_said_to_be_one() {
    let env = Env::new();
    let c = new_case(&env);
    let path = env.file("offer.txt", b"offer letter");
    env.id(&["evidence", "add", &c, path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let out = env.cmd().args(["evidence", "verify", &c]).timeout(Duration::from_secs(10)).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("changed") && said.contains("(now a named pipe (FIFO), not a regular file)"), "{said}");
}

/// A name, title, note, answer or other field of characters that draw nothing (a zero-width space, a
/// direction mark, a Hangul filler) shows as nothing in the summary: it is refused as an empty one is, and
/// nothing is written.
#[test]
fn text_that_shows_nothing_is_refused_as_empty_text_is() {
    let env = Env::new();
    let c = env.id(&["case", "new", "T", "--subject", "Ann A"]).to_string();
    let rows = env.json(&["audit", "log", "--json"]);
    for blank in ["\u{200b}", " \u{200e}\u{2060} ", "\u{feff}\u{200d}", "\u{061c}\u{061c}", "\u{3164}"] {
        env.refused(&["subject", "edit", "1", "--name", blank], "a subject needs a name");
        env.refused(&["subject", "add", &c, blank], "a subject needs a name");
        env.refused(&["note", "add", &c, blank], "a note needs some text");
        env.refused(&["case", "new", blank], "a case needs a title");
        env.refused(&["case", "edit", &c, "--title", blank], "a case needs a title");
        env.refused(&["case", "answer", &c, "signature", blank], "shows nothing on a page");
        for more in [
            &["case", "edit", &c, "--witnesses", blank][..],
            &["check", "set", &c, "RF-INT-01", "flagged", "--note", blank],
            &["org", "set", "--name", blank],
            &["subject", "add", &c, "Bo B", "--alias", blank],
            &["payment", "add", &c, "--date", "2026-01-01", "--amount", "1", "--method", "wire", "--note", blank],
        ] {
            env.refused(more, "shows nothing on a page");
        }
    }
    assert_eq!(env.json(&["audit", "log", "--json"]), rows, "nothing was written");
    // A name written with a joiner inside is a name.
    env.ok(&["subject", "add", &c, "Anna\u{200d}Lee"]);
}
