//! The CLI's conventions, run as a user would: whole usage errors, completions and the manual page, the
//! config path, report formats from file names, tables by display width, the investigator hint, the
//! config's default country and theme files.

mod common;

use common::{Env, fingerprint};
use predicates::prelude::*;
use unicode_width::UnicodeWidthStr;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_usage_error_is_shown_whole_and_vetdesks_own_errors_stay_one_line() {
    let env = Env::new();
    env.ok(&["case", "new", "Backend engineer"]);
    let before = fingerprint(&env.db);
    let out = env.cmd().args(["payment", "add", "1", "--amount", "5"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.starts_with("error: the following required arguments were not provided:\n"), "{err}");
    assert!(err.contains("  --date <DATE>\n") && err.contains("  --method <METHOD>\n"), "{err}");
    assert!(!err.contains("  --amount <AMOUNT>\n"), "--amount was given: {err}");
    assert!(err.contains("Usage: vetdesk payment add --date <DATE> --amount <AMOUNT> --method <METHOD> <ID>"), "{err}");
    assert!(err.contains("For more information, try '--help'."), "{err}");
    assert!(out.stdout.is_empty());
    assert_eq!(before, fingerprint(&env.db), "a usage error changes nothing");

    let err = stderr_of(&env.cmd().args(["case", "frobnicate"]).output().unwrap());
    assert!(err.contains("unrecognized subcommand 'frobnicate'") && err.contains("Usage: vetdesk case"), "{err}");
    // Controls typed into a bad value are shown, never obeyed.
    let out = env.cmd().args(["case", "show", "7\u{202e}\r"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("\\u{202e}") && !err.contains('\u{202e}') && !err.contains('\r'), "{err:?}");

    // vetdesk's own errors keep their one line.
    env.refused(&["case", "show", "7"], "no case #7");
    env.refused(&["payment", "add", "1", "--date", "2026-03-01", "--amount", "5,5", "--method", "wire"], "5,5");
    // A word outside a fixed set is clap's to word: it lists the words.
    env.usage_error(
        &["payment", "add", "1", "--date", "2026-03-01", "--amount", "5", "--method", "pigeon"],
        "[possible values: wire, ach, check, crypto, p2p, card, cash, money-order, gift-card, other]",
    );
}

#[test]
fn completions_for_every_shell_and_a_manual_page() {
    let env = Env::new();
    let bash = env.ok(&["completions", "bash"]);
    assert!(bash.contains("_vetdesk()") && bash.contains("complete -F _vetdesk"), "{bash}");
    for sub in ["case", "payment", "evidence", "report", "completions", "config"] {
        assert!(bash.contains(sub), "bash completions name {sub}");
    }
    assert!(!bash.contains(vetdesk::resume::CHILD_COMMAND), "the internal command is not offered");
    for (shell, marker) in
        [("zsh", "#compdef vetdesk"), ("fish", "complete -c vetdesk"), ("elvish", "vetdesk"), ("powershell", "vetdesk")]
    {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains(marker) && script.contains("payment"), "{shell}: {script}");
    }
    env.cmd().args(["completions", "tcsh"]).assert().code(2).stderr(predicate::str::contains("possible values"));

    let page = env.ok(&["man"]);
    let title = page.lines().find(|l| !l.starts_with(".ie") && !l.starts_with(".el")).unwrap();
    assert!(title.starts_with(".TH vetdesk 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS") && page.contains("completions"), "{page}");

    let dir = env.dir.path().join("man1");
    std::fs::create_dir(&dir).unwrap();
    let out = env.cmd().args(["man", "--output", dir.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    for name in ["vetdesk.1", "vetdesk-case.1", "vetdesk-case-new.1", "vetdesk-payment-add.1", "vetdesk-config-path.1"]
    {
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|_| panic!("{name} written"));
        assert!(text.contains(".TH "), "{name}");
    }
    assert!(std::fs::read_dir(&dir).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().contains("resume")));
    assert!(!env.db.exists(), "no workspace is opened for completions or pages");
}

/// Manual pages never replace a file silently: pages there already are refused unless `--overwrite`, and
/// even then a file under a page's name that is no page vetdesk wrote (a workspace, an evidence file)
/// stays as it was, and nothing is written.
#[test]
fn manual_pages_replace_only_pages_and_only_when_asked() {
    let env = Env::new();
    let dir = env.dir.path().join("man1");
    std::fs::create_dir(&dir).unwrap();
    let man = |extra: &[&str]| {
        let mut args = vec!["man", "--output", dir.to_str().unwrap()];
        args.extend(extra);
        env.cmd().args(&args).output().unwrap()
    };
    assert!(man(&[]).status.success());
    let again = man(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr_of(&again).contains("already there; nothing was written"), "{}", stderr_of(&again));
    assert!(man(&["--overwrite"]).status.success());

    let evidence = dir.join("vetdesk-case-new.1");
    std::fs::write(&evidence, "the investigator's own file\n").unwrap();
    std::fs::remove_file(dir.join("vetdesk.1")).unwrap();
    let out = man(&["--overwrite"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("is not a manual page vetdesk wrote"), "{}", stderr_of(&out));
    assert_eq!(std::fs::read_to_string(&evidence).unwrap(), "the investigator's own file\n");
    assert!(!dir.join("vetdesk.1").exists(), "nothing is written when one page is refused");
    // A file that only names a page in a title line of its own is no page vetdesk wrote either.
    std::fs::write(&evidence, "my notes\n.TH vetdesk-case-new 1\n").unwrap();
    assert_eq!(man(&["--overwrite"]).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&evidence).unwrap(), "my notes\n.TH vetdesk-case-new 1\n");
}

#[test]
fn config_path_names_the_file_in_use_and_whether_it_exists() {
    let env = Env::new();
    let config = env.dir.path().join("config.toml");
    let out = env.cmd().args(["config", "path"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{}\n", config.display()));
    assert!(stderr_of(&out).contains("no file there yet (from VETDESK_CONFIG)"), "{}", stderr_of(&out));
    env.file("config.toml", b"investigator = \"Ana\"\n");
    let out = env.cmd().args(["config", "path"]).output().unwrap();
    assert!(stderr_of(&out).contains("the config file exists"), "{}", stderr_of(&out));
    let json = env.json(&["config", "path", "--json"]);
    assert_eq!(json["path"], config.to_str().unwrap());
    assert_eq!(json["exists"], true);
    assert_eq!(json["source"], "VETDESK_CONFIG");

    // Without VETDESK_CONFIG: config.toml in the config folder under HOME.
    let home = env.dir.path().join("home");
    let out = env
        .cmd()
        .env_remove("VETDESK_CONFIG")
        .env("HOME", &home)
        .env_remove("XDG_CONFIG_HOME")
        .args(["config", "path", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["source"], "default");
    assert_eq!(json["exists"], false);
    let path = json["path"].as_str().unwrap();
    assert!(path.starts_with(home.to_str().unwrap()) && path.ends_with("vetdesk/config.toml"), "{path}");
}

#[test]
fn report_output_takes_its_format_from_the_extension_and_refuses_a_mismatch() {
    let env = Env::new();
    env.ok(&["case", "new", "Backend engineer", "--subject", "Jordan Lee"]);
    let path = |name: &str| env.dir.path().join(name);
    let write = |name: &str, extra: &[&str]| {
        let target = path(name);
        let mut args = vec!["report", "1", "--output", target.to_str().unwrap()];
        args.extend_from_slice(extra);
        env.ok(&args);
        std::fs::read_to_string(target).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&write("r1.json", &[])).expect("r1.json is JSON");
    assert_eq!(json["header"]["case_id"], 1);
    assert!(write("r1.md", &[]).starts_with("# IC3-ready summary"));
    assert!(write("r1.MARKDOWN", &[]).starts_with("# IC3-ready summary"));
    let text = write("r1.txt", &[]);
    assert!(!text.starts_with('#') && !text.starts_with('{') && text.contains("IC3"), "{text}");
    // The same summary, but for the second it was generated in.
    let undated = |t: &str| t.lines().filter(|l| !l.starts_with("Generated: ")).collect::<Vec<_>>().join("\n");
    assert_eq!(undated(&write("r1.text", &["--format", "text"])), undated(&text));
    // An explicit format names what an unknown extension cannot.
    assert!(write("r1.report", &["--format", "json"]).starts_with('{'));

    let md = path("case.md");
    env.refused(&["report", "1", "--output", md.to_str().unwrap(), "--format", "json"], "--format json does not match");
    assert!(!md.exists(), "nothing written");
    let pdf = path("case.pdf");
    env.refused(&["report", "1", "--output", pdf.to_str().unwrap()], "cannot tell the format from");
    assert!(!pdf.exists(), "nothing written");
    // Standard output stays Markdown unless told.
    assert!(env.ok(&["report", "1"]).starts_with("# IC3-ready summary"));
    assert!(env.ok(&["report", "1", "--format", "json"]).starts_with('{'));
}

/// The display column where the last `needle` starts in `line`.
fn column(line: &str, needle: &str) -> usize {
    line[..line.rfind(needle).unwrap_or_else(|| panic!("{needle} in {line}"))].width()
}

#[test]
fn tables_line_up_by_display_width() {
    let env = Env::new();
    env.ok(&["case", "new", "김철수 백엔드 개발자", "--subject", "김철수"]);
    env.ok(&["case", "new", "Backend engineer", "--subject", "Jordan Lee"]);
    let list = env.ok(&["case", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    let find = |s: &str| *lines.iter().find(|l| l.contains(s)).unwrap_or_else(|| panic!("{s} in {list}"));
    let (header, korean, latin) = (lines[0], find("김철수"), find("Jordan Lee"));
    for (field, k, l) in
        [("CANDIDATE", "김철수", "Jordan Lee"), ("STATUS", "open", "open"), ("PRIORITY", "medium", "medium")]
    {
        assert_eq!(column(header, field), column(korean, k), "{field} column:\n{list}");
        assert_eq!(column(header, field), column(latin, l), "{field} column:\n{list}");
    }

    // A cell cut for width is cut by columns too: 70 columns of title at most in `links`.
    env.ok(&["ident", "add", "1", "email", "kim@example.com"]);
    let long = "가".repeat(60);
    env.ok(&["case", "new", &long]);
    env.ok(&["ident", "add", "3", "email", "kim@example.com"]);
    let links = env.ok(&["links", "1"]);
    let line = links.lines().find(|l| l.contains('가')).unwrap_or_else(|| panic!("{links}"));
    let title = &line[line.find('가').unwrap()..];
    assert!(title.width() <= 70 && title.contains('…'), "{title:?} ({} columns)", title.width());
}

#[test]
fn a_list_of_a_case_with_no_such_records_says_so_instead_of_a_bare_header() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend engineer"]).to_string();
    for (list, none) in [
        ("ident", "identifiers"),
        ("payment", "payments"),
        ("subject", "subjects"),
        ("evidence", "evidence files"),
        ("note", "notes"),
    ] {
        let out = env.cmd().args([list, "list", &c]).output().unwrap();
        assert!(out.status.success(), "{list} list");
        assert!(out.stdout.is_empty(), "{list} list: {}", String::from_utf8_lossy(&out.stdout));
        assert_eq!(stderr_of(&out).trim(), format!("case #{c} has no {none}"));
        if list != "note" {
            assert_eq!(env.json(&[list, "list", &c, "--json"]), serde_json::json!([]), "{list} list --json");
        }
    }
}

#[test]
fn with_no_name_known_every_command_says_once_how_to_set_one() {
    let env = Env::new();
    let nameless = || {
        let mut cmd = env.cmd();
        cmd.env_remove("USER").env_remove("LOGNAME");
        cmd
    };
    let out = nameless().args(["case", "new", "Backend engineer"]).output().unwrap();
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "one line, once: {err}");
    assert!(err.contains("recorded as \"investigator\"") && err.contains("investigator = \"Your Name\""), "{err}");
    assert!(err.contains(env.dir.path().join("config.toml").to_str().unwrap()), "names the config file: {err}");
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    assert!(log.as_array().unwrap().iter().any(|r| r["actor"] == "investigator"), "{log}");

    // Said even when the command fails, and never when a name is known.
    let err = stderr_of(&nameless().args(["case", "show", "9"]).output().unwrap());
    assert_eq!(err.matches("Your Name").count(), 1, "{err}");
    let err = stderr_of(&nameless().env("LOGNAME", "ana").args(["case", "list"]).output().unwrap());
    assert!(err.is_empty(), "{err}");
    env.file("config.toml", b"investigator = \"Ana D\"\n");
    let out = nameless().args(["note", "add", "1", "x"]).output().unwrap();
    assert!(stderr_of(&out).is_empty(), "{}", stderr_of(&out));
    assert_eq!(env.json(&["note", "list", "1", "--json"])["notes"][0]["author"], "Ana D");
}

#[test]
fn default_country_in_the_config_reads_national_phones_until_org_set_decides() {
    let env = Env::new();
    env.file("config.toml", b"default_country = \"gb\"\n");
    env.ok(&["case", "new", "Backend engineer"]);
    let out = env.cmd().args(["ident", "add", "1", "phone", "020 7946 0958"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let idents = env.json(&["ident", "list", "1", "--json"]);
    assert_eq!(idents[0]["normalized"], "+442079460958", "{idents}");
    assert_eq!(env.json(&["org", "show", "--json"])["matching"]["phone_country"], "GB");
    let log = &env.json(&["audit", "log", "--json"])["rows"];
    let set: Vec<_> = log.as_array().unwrap().iter().filter(|r| r["action"] == "settings.phone-country").collect();
    assert_eq!(set.len(), 1, "adopted once: {log}");
    assert_eq!(set[0]["details"]["source"], "config default_country");

    // org set wins, and a cleared country stays cleared.
    env.ok(&["org", "set", "--phone-country", "US"]);
    env.ok(&["case", "list"]);
    assert_eq!(env.json(&["org", "show", "--json"])["matching"]["phone_country"], "US");
    env.ok(&["org", "set", "--phone-country", "none"]);
    env.ok(&["case", "list"]);
    assert_eq!(env.json(&["org", "show", "--json"])["matching"]["phone_country"], serde_json::Value::Null);
    env.ok(&["audit", "verify"]);

    env.file("config.toml", b"investigator = \"Ana\"\ndefault_country = \"Narnia\"\n");
    env.refused(&["case", "list"], "config.toml: line 2: default_country: unknown country code");
}

const THEME: &str = r##"name = "dusk"
[colors]
text = "reset"
muted = "dark-gray"
title = "light-cyan"
accent = "cyan"
selected_fg = "black"
selected_bg = "#30a0c0"
border = "dark-gray"
border_focused = "cyan"
danger = "light-red"
warning = "yellow"
ok = "light-green"
info = "light-blue"
risk_low = "green"
risk_elevated = "yellow"
risk_high = "light-red"
risk_critical = "red"
status_bar_fg = "black"
status_bar_bg = "dark-gray"
"##;

#[test]
fn theme_files_load_by_path_or_name_and_a_bad_one_names_its_line() {
    let env = Env::new();
    env.ok(&["init"]);
    let good = env.file("dusk.toml", THEME.as_bytes());
    env.ok(&["--theme", good.to_str().unwrap(), "case", "list"]);
    std::fs::create_dir(env.dir.path().join("themes")).unwrap();
    std::fs::write(env.dir.path().join("themes").join("night.toml"), THEME).unwrap();
    env.ok(&["--theme", "night", "case", "list"]);
    env.refused(&["--theme", "neon", "case", "list"], "dark, light, high-contrast, night");

    let bad = env.file("bad.toml", THEME.replace("\"yellow\"\nok", "\"ultraviolet\"\nok").as_bytes());
    env.refused(
        &["--theme", bad.to_str().unwrap(), "case", "list"],
        "bad.toml: line 12: unknown colour \"ultraviolet\"",
    );
    let broken = env.file("broken.toml", THEME.replace("accent = \"cyan\"", "accent = cyan").as_bytes());
    env.refused(&["--theme", broken.to_str().unwrap(), "case", "list"], "broken.toml: line 6:");
    let odd = env.file("odd.toml", format!("{THEME}sparkle = \"red\"\n").as_bytes());
    env.refused(&["--theme", odd.to_str().unwrap(), "case", "list"], "odd.toml: line 21: unknown meaning \"sparkle\"");
    env.refused(&["--theme", "/nowhere/x.toml", "case", "list"], "theme /nowhere/x.toml");

    // The config file's theme is used by the workstation: a good one gets as far as asking for a terminal.
    env.file("config.toml", b"theme = \"night\"\n");
    env.cmd().assert().code(2).stderr(predicate::str::contains("needs a terminal"));
    env.file("config.toml", format!("theme = \"{}\"\n", bad.display()).as_bytes());
    env.cmd().assert().code(2).stderr(predicate::str::contains("line 12: unknown colour"));
}

#[test]
fn the_readme_command_table_names_every_command() {
    use clap::CommandFactory;
    let readme = include_str!("../README.md");
    let cli = vetdesk::cli::Cli::command();
    for sub in cli.get_subcommands().filter(|s| !s.is_hide_set()) {
        let row = format!("\n| `{} ", sub.get_name());
        let alone = format!("\n| `{}` |", sub.get_name());
        assert!(readme.contains(&row) || readme.contains(&alone), "README's command table lacks `{}`", sub.get_name());
    }
}

#[test]
fn an_empty_list_suggests_commands_with_the_program_as_it_was_run() {
    let env = Env::new();
    env.ok(&["init"]);
    let err = stderr_of(&env.cmd().args(["case", "list"]).output().unwrap());
    let (_, demo) = err.split_once("apart: `").unwrap_or_else(|| panic!("{err}"));
    let program = demo.strip_suffix(" --db demo.db demo`\n").unwrap_or_else(|| panic!("{err}"));
    // The test runs the binary by its path; typed again from the same folder, that path is the binary.
    let binary = std::fs::canonicalize(env!("CARGO_BIN_EXE_vetdesk")).unwrap();
    assert_eq!(std::fs::canonicalize(program).unwrap(), binary, "{err}");
}

/// A command that fails on a workspace it would have created leaves none behind; one that succeeds, or
/// fails on an existing workspace, leaves the workspace there.
#[test]
fn a_first_command_that_fails_leaves_no_workspace_behind() {
    let env = Env::new();
    let out = env.cmd().args(["note", "add", "5", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no case #5"));
    assert!(!env.db.exists(), "no workspace made by a failing command");
    env.ok(&["init"]);
    assert!(env.db.exists());
    let out = env.cmd().args(["note", "add", "5", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(env.db.exists(), "an existing workspace stays");
}

/// A command that only reads never makes a workspace where there is none (a mistyped `--db` would
/// otherwise come back "verified" with no cases), and a workspace file emptied to 0 bytes is not taken
/// for a new workspace by any command but `init`.
#[test]
fn reading_a_missing_or_emptied_workspace_is_refused() {
    let env = Env::new();
    let reads: [&[&str]; 13] = [
        &["audit", "verify"],
        &["case", "list"],
        &["case", "show", "1"],
        &["case", "answers", "1"],
        &["report", "1"],
        &["links", "--all"],
        &["search", "engineer"],
        &["evidence", "verify"],
        &["note", "search", "camera"],
        &["org", "show"],
        &["list", "show"],
        &["roster", "screen"],
        &["suggest", "list", "1"],
    ];
    for args in reads {
        env.refused(args, "there is no workspace at");
        assert!(!env.db.exists(), "{args:?} made no workspace");
    }
    let pass = env.file("pass.txt", b"correct horse battery staple\n");
    env.refused(&["encrypt", "--passphrase-file", pass.to_str().unwrap()], "there is no workspace at");
    assert!(!env.db.exists(), "encrypt made no workspace");
    env.ok(&["case", "new", "Backend contractor"]);
    std::fs::write(&env.db, b"").unwrap();
    env.refused(&["encrypt", "--passphrase-file", pass.to_str().unwrap()], "is empty (0 bytes)");
    for args in [&["audit", "verify"][..], &["case", "new", "Second"], &["note", "add", "1", "x"]] {
        env.refused(args, "is empty (0 bytes): it holds no workspace");
        assert_eq!(std::fs::metadata(&env.db).unwrap().len(), 0, "{args:?} left the file as it was");
    }
    env.ok(&["init"]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}
