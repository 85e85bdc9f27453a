//! A workspace renamed, deleted or replaced while vetdesk has it open (a workstation left open all day):
//! a change is refused, never reported saved into a file no name leads to. And a workspace path that leads
//! nowhere (a link to a missing file) is said to, and nothing is made there.

mod common;

use std::time::Duration;

use common::Env;
use vetdesk::Workspace;
use vetdesk::domain::Priority;
use vetdesk::workspace::NewCase;

/// A workspace path that is a link to a missing file, or in a loop of links, is said to be one, in one
/// line, and nothing is made there or beside it (it once sent the creation round in circles until the
/// stack ran out).
#[test]
fn a_workspace_path_that_is_a_broken_link_is_refused() {
    let env = Env::new();
    let dangling = env.dir.path().join("dangling.db");
    std::os::unix::fs::symlink(env.dir.path().join("missing.db"), &dangling).unwrap();
    let (a, b) = (env.dir.path().join("loop-a.db"), env.dir.path().join("loop-b.db"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    // A chain of links whose last target is missing names that target; a folder above that is a link to
    // nothing is named as such.
    let chain = env.dir.path().join("chain.db");
    std::os::unix::fs::symlink(env.dir.path().join("middle.db"), &chain).unwrap();
    std::os::unix::fs::symlink(env.dir.path().join("last.db"), env.dir.path().join("middle.db")).unwrap();
    std::os::unix::fs::symlink(env.dir.path().join("no-folder"), env.dir.path().join("folder")).unwrap();
    let inside = env.dir.path().join("folder").join("ws.db");
    let before: Vec<_> = std::fs::read_dir(env.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    for (path, says) in [
        (&dangling, "which does not exist".to_string()),
        (&a, "a loop of links".to_string()),
        (&chain, format!("a symbolic link to {}", env.dir.path().join("last.db").display())),
        (&inside, format!("is in {}, which is a symbolic link", env.dir.path().join("folder").display())),
    ] {
        for args in [&["init"][..], &["case", "new", "T"], &["case", "list"]] {
            let out = env.cmd().args(args).env("VETDESK_DB", path).timeout(Duration::from_secs(10)).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(stderr.contains(&says) && stderr.trim_end().lines().count() == 1, "{args:?}: {stderr}");
        }
    }
    let after: Vec<_> = std::fs::read_dir(env.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "nothing is made beside the links");
}

fn opened(dir: &std::path::Path) -> (Workspace, i64) {
    let path = dir.join("ws.db");
    let mut ws = Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let new = NewCase { title: "Backend contractor".into(), priority: Priority::Medium, candidate: None };
    let case = ws.create_case(&new).unwrap();
    ws.add_note(case, "Camera off.").unwrap();
    (ws, case)
}

#[test]
fn a_change_to_a_workspace_renamed_or_deleted_while_open_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, case) = opened(dir.path());
    let path = dir.path().join("ws.db");
    std::fs::rename(&path, dir.path().join("moved.db")).unwrap();
    let err = ws.add_note(case, "after the move").unwrap_err().to_string();
    assert!(err.contains("was moved, renamed or deleted while vetdesk had it open"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    // Put back, the same file takes changes again.
    std::fs::rename(dir.path().join("moved.db"), &path).unwrap();
    ws.add_note(case, "back in place").unwrap();

    // Deleted: refused too.
    std::fs::remove_file(&path).unwrap();
    let err = ws.add_note(case, "after the delete").unwrap_err().to_string();
    assert!(err.contains("was moved, renamed or deleted"), "{err}");
}

#[test]
fn a_change_to_a_workspace_replaced_by_another_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, case) = opened(dir.path());
    let path = dir.path().join("ws.db");
    // A copy moved over the name (a backup restored by `mv`): another file.
    std::fs::copy(&path, dir.path().join("copy.db")).unwrap();
    std::fs::rename(dir.path().join("copy.db"), &path).unwrap();
    let err = ws.add_note(case, "into the replaced file").unwrap_err().to_string();
    assert!(err.contains("its name no longer leads to the file opened"), "{err}");
}

/// A long write (a demo fill, one transaction) whose workspace is renamed while it runs commits nothing:
/// checked again before the commit, the change is refused and rolled back, the file kept as it was.
#[test]
fn a_long_write_whose_workspace_is_renamed_meanwhile_commits_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, _) = opened(dir.path());
    let (path, moved) = (dir.path().join("ws.db"), dir.path().join("moved.db"));
    let mut renamed = false;
    let err = vetdesk::demo::fill(&mut ws, 2 * vetdesk::demo::BATCH, 2026, &mut |done, _| {
        if !renamed && done > 0 {
            std::fs::rename(&path, &moved).unwrap();
            renamed = true;
        }
    })
    .unwrap_err()
    .to_string();
    assert!(renamed && err.contains("was moved, renamed or deleted while vetdesk had it open"), "{err}");
    drop(ws);
    let ws = Workspace::open(&moved, "ana", common::keys_beside(&path)).unwrap();
    assert_eq!(ws.largest_case_id().unwrap(), 1, "no demo case was committed");
    assert!(ws.verify_audit().unwrap().holds());
}
