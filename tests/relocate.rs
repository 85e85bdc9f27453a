//! `evidence relocate`: a moved evidence file is found again by its SHA-256, or taken from a given path if
//! its hash matches, in one audited change; anything else changes nothing.

mod common;

use std::path::{Path, PathBuf};

use common::{Env, fingerprint};

/// A case with one attached file; returns the case id, the evidence id and the file's path.
fn attached(env: &Env) -> (String, String, PathBuf) {
    let c = env.id(&["case", "new", "Backend engineer (contract)"]).to_string();
    let file = env.file("interview-3.txt", b"third interview, camera off throughout");
    let e = env.id(&["evidence", "add", &c, file.to_str().unwrap(), "--description", "Zoom notes"]).to_string();
    (c, e, file)
}

/// A folder tree of decoys of the file's size, with the file itself moved deep inside it.
fn moved_among_decoys(env: &Env, file: &Path) -> (PathBuf, PathBuf) {
    let size = std::fs::metadata(file).unwrap().len() as usize;
    let root = env.dir.path().join("archive");
    let deep = root.join("2026/march/interviews");
    std::fs::create_dir_all(&deep).unwrap();
    for (i, folder) in ["", "2026", "2026/march", "2026/march/interviews"].iter().enumerate() {
        let decoy = format!("{i}").repeat(size);
        std::fs::write(root.join(folder).join(format!("decoy-{i}.txt")), decoy).unwrap();
        std::fs::write(root.join(folder).join("short.txt"), b"short").unwrap();
    }
    let to = deep.join("third.txt");
    std::fs::rename(file, &to).unwrap();
    (root, to)
}

fn evidence_row(env: &Env, c: &str) -> serde_json::Value {
    env.json(&["evidence", "list", c, "--json"])[0].clone()
}

#[test]
fn a_search_finds_the_moved_file_among_decoys_and_verify_says_intact() {
    let env = Env::new();
    let (c, e, file) = attached(&env);
    let old = evidence_row(&env, &c)["path"].as_str().unwrap().to_string();
    let (root, to) = moved_among_decoys(&env, &file);
    env.cmd().args(["evidence", "verify", &c]).assert().code(1);
    assert_eq!(evidence_row(&env, &c)["last_check"], "missing");

    let out = env.cmd().args(["evidence", "relocate", &e, "--search", root.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let new = std::fs::canonicalize(&to).unwrap().to_str().unwrap().to_string();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("evidence #{e} relocated to {new} (was {old}); intact\n")
    );
    let row = evidence_row(&env, &c);
    assert_eq!((row["path"].as_str(), row["last_check"].as_str()), (Some(new.as_str()), Some("intact")));
    env.cmd().args(["evidence", "verify", &c]).assert().success();

    let audit = &env.json(&["audit", "log", "--case", &c, "--json"])["rows"];
    let step = audit.as_array().unwrap().iter().find(|r| r["action"] == "evidence.relocate").unwrap().clone();
    let d = &step["details"];
    assert_eq!(
        (d["evidence"].to_string(), d["old_path"].as_str(), d["new_path"].as_str()),
        (e, Some(old.as_str()), Some(new.as_str()))
    );
    assert_eq!(d["sha256"], row["sha256"]);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// Two files of the same content attached under two names: a search for the one that moved passes over
/// the other (still where it was, and already attached) and finds the moved one.
#[test]
fn a_search_passes_over_a_file_of_the_same_content_already_attached() {
    let env = Env::new();
    let c = env.id(&["case", "new", "Backend engineer (contract)"]).to_string();
    let files = env.dir.path().join("files");
    std::fs::create_dir_all(files.join("moved")).unwrap();
    let (a, b) = (files.join("a.txt"), files.join("b.txt"));
    for f in [&a, &b] {
        std::fs::write(f, b"the same offer letter").unwrap();
    }
    env.id(&["evidence", "add", &c, a.to_str().unwrap()]);
    let e = env.id(&["evidence", "add", &c, b.to_str().unwrap()]).to_string();
    let moved = files.join("moved").join("b.txt");
    std::fs::rename(&b, &moved).unwrap();
    let said = env.ok(&["evidence", "relocate", &e, "--search", files.to_str().unwrap()]);
    assert!(said.contains(&format!("relocated to {}", moved.display())), "{said}");
    let rows = env.json(&["evidence", "list", &c, "--json"]);
    assert_eq!(rows[0]["path"], a.to_str().unwrap());
    assert_eq!(rows[1]["path"], moved.to_str().unwrap());
    // The only file of that content is the other record's: not found, and said so.
    std::fs::remove_file(&moved).unwrap();
    env.refused(
        &["evidence", "relocate", &e, "--search", files.to_str().unwrap()],
        "passed over 1 with this content already attached to the case as other evidence",
    );
}

#[test]
fn by_path_the_right_file_is_taken_and_a_wrong_one_refused() {
    let env = Env::new();
    let (c, e, file) = attached(&env);
    let (root, to) = moved_among_decoys(&env, &file);
    let decoy = root.join("2026/decoy-1.txt");
    env.refused(&["evidence", "relocate", &e, decoy.to_str().unwrap()], "not evidence #1's");
    // Both hashes, 12 characters each, on the one line.
    let out = env.cmd().args(["evidence", "relocate", &e, decoy.to_str().unwrap()]).output().unwrap();
    let sha = evidence_row(&env, &c)["sha256"].as_str().unwrap().to_string();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&format!("{}…", &sha[..12])) && stderr.contains("its SHA-256 is "), "{stderr}");
    env.refused(&["evidence", "relocate", &e, root.join("gone.txt").to_str().unwrap()], "no such file");
    env.refused(&["evidence", "relocate", &e, root.to_str().unwrap()], "is a folder; `--search` searches it");

    // A relative path is made absolute, as `evidence add` makes it.
    env.cmd().current_dir(to.parent().unwrap()).args(["evidence", "relocate", &e, "third.txt"]).assert().success();
    let row = evidence_row(&env, &c);
    assert_eq!(row["path"].as_str(), std::fs::canonicalize(&to).unwrap().to_str());
    assert_eq!(row["last_check"], "intact");
    // Now it is where the record says: nothing to relocate.
    env.refused(&["evidence", "relocate", &e, to.to_str().unwrap()], "is already here");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

#[test]
fn finding_nothing_or_an_unknown_id_is_one_line_and_changes_nothing() {
    let env = Env::new();
    let (_, e, file) = attached(&env);
    let (root, to) = moved_among_decoys(&env, &file);
    std::fs::remove_file(&to).unwrap();
    let search = root.to_str().unwrap();
    env.refused(
        &["evidence", "relocate", &e, "--search", search],
        &format!("no file under {search} has evidence #{e}'s SHA-256"),
    );
    env.refused(&["evidence", "relocate", "99", "--search", search], "no evidence #99");
    env.refused(&["evidence", "relocate", "99", to.to_str().unwrap()], "no evidence #99");
    env.refused(&["evidence", "relocate", &e, "--search", root.join("nope").to_str().unwrap()], "no such file");
    env.refused(&["evidence", "relocate", &e, "--search", root.join("short.txt").to_str().unwrap()], "is not a folder");
    env.usage_error(&["evidence", "relocate", &e], "required");
    env.usage_error(&["evidence", "relocate", &e, to.to_str().unwrap(), "--search", search], "cannot be used with");
}

#[test]
fn a_hostile_tree_is_searched_without_following_links_or_hanging() {
    let env = Env::new();
    let (c, e, file) = attached(&env);
    let root = env.dir.path().join("hostile");
    let named = root.join("a\x1b[2Jb");
    std::fs::create_dir_all(&named).unwrap();
    // A loop, a link to the file elsewhere, a named pipe.
    std::os::unix::fs::symlink(&root, named.join("loop")).unwrap();
    std::os::unix::fs::symlink(&file, root.join("link.txt")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(root.join("pipe")).status().unwrap().success());
    let before = fingerprint(&env.db);
    env.refused(&["evidence", "relocate", &e, "--search", root.to_str().unwrap()], "no file under");
    assert_eq!(before, fingerprint(&env.db));

    let to = named.join("x\nnotes.txt");
    std::fs::rename(&file, &to).unwrap();
    let out = env.cmd().args(["evidence", "relocate", &e, "--search", root.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "a name with a newline stays on one line: {stdout:?}");
    assert!(stdout.contains("\\u{1b}[2Jb/x\\nnotes.txt"), "{stdout:?}");
    assert_eq!(evidence_row(&env, &c)["last_check"], "intact");
}

mod workstation {
    use std::time::{Duration, Instant};

    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use vetdesk::Workspace;
    use vetdesk::domain::Priority;
    use vetdesk::tui::app::{Overlay, Screen};
    use vetdesk::tui::update::{handle_event, tick};
    use vetdesk::tui::{App, Theme};
    use vetdesk::workspace::NewCase;

    fn key(app: &mut App, code: KeyCode) {
        handle_event(app, &Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn finish_job(app: &mut App) {
        let started = Instant::now();
        while app.job.is_some() {
            assert!(started.elapsed() < Duration::from_secs(60), "job did not finish");
            std::thread::sleep(Duration::from_millis(10));
            tick(app);
        }
    }

    /// A case with a file attached and then moved into `dir/moved/`; the app open on its evidence tab.
    fn moved(dir: &std::path::Path) -> (App, std::path::PathBuf) {
        let mut ws = Workspace::open_in_memory("ana").unwrap();
        let c = ws
            .create_case(&NewCase { title: "QA contractor".into(), priority: Priority::High, candidate: None })
            .unwrap();
        let file = dir.join("recording.txt");
        std::fs::write(&file, b"the interview, camera off").unwrap();
        ws.attach_evidence(c, &file, "recording", &[], false, &mut |_, _| true).unwrap();
        std::fs::create_dir(dir.join("moved")).unwrap();
        std::fs::write(dir.join("moved/decoy.txt"), b"not the interview, at all").unwrap();
        let to = dir.join("moved/recording.txt");
        std::fs::rename(&file, &to).unwrap();
        let mut app = App::new(ws, Theme::named("dark", false).unwrap()).unwrap();
        app.open_case(c).unwrap();
        key(&mut app, KeyCode::Char('4'));
        (app, to)
    }

    fn relocate(app: &mut App, answer: &std::path::Path) {
        key(app, KeyCode::Char('R'));
        assert!(matches!(app.overlay, Some(Overlay::Form(_))), "R opens the relocate form");
        handle_event(app, &Event::Paste(answer.display().to_string()));
        key(app, KeyCode::Enter);
        finish_job(app);
    }

    fn evidence(app: &App) -> vetdesk::domain::Evidence {
        let Screen::Case(view) = &app.screen else { panic!("a case is open") };
        view.evidence[0].clone()
    }

    #[test]
    fn r_relocates_the_selected_file_by_path_and_refuses_another() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, to) = moved(dir.path());
        let before = evidence(&app);

        // A long name, as a recording's often is: the error names it whole.
        let decoy = dir.path().join("moved/a-rather-long-name-for-the-wrong-recording-of-the-second-interview.txt");
        std::fs::copy(dir.path().join("moved/decoy.txt"), &decoy).unwrap();
        relocate(&mut app, &decoy);
        let Some(Overlay::Form(form)) = &app.overlay else { panic!("the form comes back: {:?}", app.message) };
        let error = form.error.clone().unwrap_or_default();
        assert!(error.contains("not evidence #1's"), "{error}");
        assert!(form.value(0).ends_with("second-interview.txt"), "what was typed is kept");
        assert_eq!(evidence(&app), before);
        // Whole on the smallest screen too, the path broken over lines as it must be.
        app.size = ratatui::layout::Rect::new(0, 0, 60, 15);
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 15)).unwrap();
        terminal.draw(|f| vetdesk::tui::ui::draw(&app, f)).unwrap();
        let screen = terminal.backend().to_string().replace(['│', '"'], " ");
        let shown = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(shown.contains("nothing was changed"), "{shown}");

        // Corrected in the same form: cleared, the right path pasted, saved.
        handle_event(&mut app, &Event::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        handle_event(&mut app, &Event::Paste(to.display().to_string()));
        key(&mut app, KeyCode::Enter);
        finish_job(&mut app);
        let after = evidence(&app);
        assert_eq!(after.path, std::fs::canonicalize(&to).unwrap().to_str().unwrap());
        assert_eq!(after.last_check.as_deref(), Some("intact"));
        assert_eq!(after.sha256, before.sha256);
        assert!(app.message.as_ref().unwrap().text.contains("relocated to"), "{:?}", app.message);
        assert!(app.ws.audit_log(Some(1), 10, 0).unwrap().iter().any(|r| r.action == "evidence.relocate"));
    }

    #[test]
    fn r_with_a_folder_searches_it_on_the_worker_thread() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, to) = moved(dir.path());
        relocate(&mut app, dir.path());
        let after = evidence(&app);
        assert_eq!(after.path, std::fs::canonicalize(&to).unwrap().to_str().unwrap(), "{:?}", app.message);
        assert_eq!(after.last_check.as_deref(), Some("intact"));
    }
}

#[test]
fn a_case_edited_behind_vetdesks_back_is_not_relocated() {
    let env = Env::new();
    let (_, e, file) = attached(&env);
    let (root, _) = moved_among_decoys(&env, &file);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE evidence SET description = 'swapped'", []).unwrap();
    drop(conn);
    env.refused(&["evidence", "relocate", &e, "--search", root.to_str().unwrap()], "changed behind vetdesk's back");
}

/// Linking a finding to a file whose last check found it changed says so: the link is made (the record
/// is what the investigator decides), with the check's finding beside it.
#[test]
fn linking_a_file_found_changed_says_so() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Backend contractor"]).to_string();
    let file = env.file("call.txt", b"camera off\n");
    let eid = env.id(&["evidence", "add", &case, file.to_str().unwrap()]).to_string();
    let out = env.cmd().args(["evidence", "link", &eid, "RF-INT-01"]).output().unwrap();
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(&file, b"camera off, edited\n").unwrap();
    let verify = env.cmd().args(["evidence", "verify", &case]).output().unwrap();
    assert_eq!(verify.status.code(), Some(1));
    let out = env.cmd().args(["evidence", "link", &eid, "RF-ID-01"]).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with("note: its last check (") && said.contains("found the file changed"), "{said}");
}

/// `evidence verify` over every case records its results in one audit row of no case, which names the
/// cases: each case's own trail (`audit log --case ID`) shows it, and only theirs.
#[test]
fn a_verification_of_every_case_shows_in_the_trail_of_each_case_it_checked() {
    let env = Env::new();
    let (a, b, c) =
        (env.id(&["case", "new", "One"]), env.id(&["case", "new", "Two"]), env.id(&["case", "new", "Three"]));
    for (case, name) in [(a, "one.txt"), (b, "two.txt")] {
        let file = env.file(name, name.as_bytes());
        env.ok(&["evidence", "add", &case.to_string(), file.to_str().unwrap()]);
    }
    env.ok(&["evidence", "verify"]);
    let newest = |case: i64| env.json(&["audit", "log", "--case", &case.to_string(), "--json"])["rows"][0].clone();
    for case in [a, b] {
        assert_eq!(
            (&newest(case)["action"], &newest(case)["case_id"]),
            (&"evidence.verify".into(), &serde_json::Value::Null)
        );
    }
    assert_eq!(newest(c)["action"], "case.create", "a case with no evidence was not checked");
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
}

/// Checking several files reports progress over all of them: one total, and a count that only grows to it
/// (the workstation's bar and time left are worked out from these).
#[test]
fn checking_several_files_counts_progress_over_all_of_them() {
    let env = Env::new();
    let case = env.id(&["case", "new", "Several files"]);
    for (name, size) in [("a.bin", 3 << 20), ("b.bin", 2 << 20), ("c.bin", 5)] {
        let file = env.file(name, &vec![7u8; size]);
        env.ok(&["evidence", "add", &case.to_string(), file.to_str().unwrap()]);
    }
    let ws = vetdesk::Workspace::open(&env.db, "check", vetdesk::signing::Keyring::open(&env.keys())).unwrap();
    let files = ws.evidence(case).unwrap();
    let mut seen = Vec::new();
    vetdesk::workspace::recheck_all(&files, &mut |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();
    let all = (5 << 20) + 5;
    assert!(seen.iter().all(|&(_, total)| total == all), "one total: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "the count only grows: {seen:?}");
    assert_eq!(seen.last().map(|s| s.0), Some(all));
}
