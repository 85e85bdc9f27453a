//! A worker thread's connection (the workstation's search, its report export) must not drop the locks the
//! workstation's own connection holds on the workspace. POSIX locks belong to the process, and closing any
//! descriptor of a file drops all of them: a check that opened and closed the workspace file beside
//! SQLite let another program's `sqlite3` close delete the write-ahead log the workstation still wrote
//! to, so its later changes reached no other process.

mod common;

/// The POSIX locks this process holds on the file with inode `inode`, as `/proc/locks` lists them.
#[cfg(target_os = "linux")]
fn my_locks(inode: u64) -> usize {
    let me = std::process::id().to_string();
    std::fs::read_to_string("/proc/locks")
        .unwrap()
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.get(1) == Some(&"POSIX")
                && f.get(4) == Some(&me.as_str())
                && f.get(5).is_some_and(|d| d.ends_with(&format!(":{inode}")))
        })
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn opening_a_worker_connection_keeps_the_first_connections_locks() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let ws = vetdesk::Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap();
    ws.organization().unwrap();
    let inode = std::fs::metadata(&db).unwrap().ino();
    let held = my_locks(inode);
    assert!(held > 0, "a workspace in WAL mode is held with a shared lock while open");
    let worker = ws.reopen().unwrap().expect("a file workspace");
    worker.organization().unwrap();
    assert!(my_locks(inode) >= held, "the first connection's locks were dropped");
    drop(worker);
    assert!(my_locks(inode) >= held, "closing the worker's connection dropped them");
}
