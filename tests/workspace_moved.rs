//! A workspace renamed, deleted or replaced while vetdesk has it open (a workstation left open all day):
//! a change is refused, never reported saved into a file no name leads to.

mod common;

use vetdesk::Workspace;
use vetdesk::domain::Priority;
use vetdesk::workspace::NewCase;

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
