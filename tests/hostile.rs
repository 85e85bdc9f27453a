//! Hostile files: paths that are not regular files, files that change while read, files attached twice,
//! and resumes built to exhaust the reader. Each is refused with one line and the workspace unchanged.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Env, fingerprint};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use vetdesk::Workspace;
use vetdesk::domain::Priority;
use vetdesk::resume::{Limits, Reader};
use vetdesk::workspace::NewCase;

fn case(env: &Env) -> String {
    env.id(&["case", "new", "Backend engineer (contract)"]).to_string()
}

fn fifo(env: &Env, name: &str) -> PathBuf {
    let path = env.dir.path().join(name);
    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
    assert!(made.success());
    path
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_named_pipe_is_refused_at_once_wherever_a_file_is_read() {
    let env = Env::new();
    let c = case(&env);
    let started = Instant::now();
    let pipe = fifo(&env, "interview.mp4");
    let needle = "interview.mp4: is a named pipe (FIFO), not a regular file";
    env.refused(&["evidence", "add", &c, text(&pipe)], needle);
    let cv = fifo(&env, "cv.pdf");
    env.refused(&["evidence", "add", &c, text(&cv), "--resume"], "cv.pdf: is a named pipe (FIFO)");
    let list = fifo(&env, "bad-emails.txt");
    env.refused(&["list", "import", "bad-email", text(&list)], "bad-emails.txt: is a named pipe (FIFO)");
    let config = fifo(&env, "config.toml");
    env.refused_with(&[("VETDESK_CONFIG", &config)], &["case", "list"], "config.toml: is a named pipe (FIFO)");
    // A writer never came, and nothing waited for one.
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[test]
fn devices_and_folders_are_refused() {
    let env = Env::new();
    let c = case(&env);
    let zero = "/dev/zero: is a character device, not a regular file";
    env.refused(&["evidence", "add", &c, "/dev/zero"], zero);
    env.refused(&["evidence", "add", &c, "/dev/zero", "--resume"], zero);
    let link = env.dir.path().join("zero.pdf");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    env.refused(&["evidence", "add", &c, text(&link), "--resume"], "zero.pdf: is a character device");
    env.refused(&["list", "import", "bad-phone", "/dev/zero"], zero);
    env.refused_with(&[("VETDESK_CONFIG", Path::new("/dev/zero"))], &["case", "list"], zero);
    let folder = env.dir.path().join("cases");
    std::fs::create_dir(&folder).unwrap();
    env.refused(&["evidence", "add", &c, text(&folder)], "cases: is a folder; attach the files in it one at a time");
    env.refused(&["list", "import", "voip", text(&folder)], "cases: is a folder, not a regular file");
    env.refused_with(&[("VETDESK_CONFIG", &folder)], &["case", "list"], "cases: is a folder, not a regular file");
}

#[test]
fn a_config_file_over_a_mebibyte_is_refused() {
    let env = Env::new();
    let config = env.file("config.toml", b"");
    std::fs::File::create(&config).unwrap().set_len((1 << 20) + 1).unwrap();
    env.refused(&["case", "list"], "config.toml: is over 1 MiB");
}

/// A theme the config file names, and a name vetdesk refuses, are said with the file and the line.
#[test]
fn a_config_value_refused_names_the_file_and_its_line() {
    let env = Env::new();
    env.file("config.toml", b"# mine\ntheme = \"solarized\"\n");
    let out = env.cmd().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("config.toml: line 2: theme: invalid theme \"solarized\""), "{said}");
    env.file("config.toml", b"investigator = \"Ana\\u001b[2J\"\n");
    env.refused(&["case", "list"], "config.toml: line 1: investigator is one line of text");
}

#[test]
fn a_file_already_attached_to_the_case_is_refused_naming_the_evidence() {
    let env = Env::new();
    let c = case(&env);
    let other = case(&env);
    let path = env.file("offer-letter.txt", b"Offer letter, signed");
    let first = env.id(&["evidence", "add", &c, text(&path)]);
    let message = format!("offer-letter.txt: this file is already attached to case #{c} as evidence #{first}");
    env.refused(&["evidence", "add", &c, text(&path), "--description", "again"], &message);
    // Another case may hold it too, and a new version of the file is new evidence.
    env.id(&["evidence", "add", &other, text(&path)]);
    std::fs::write(&path, b"Offer letter, signed and countersigned").unwrap();
    let out = env.cmd().args(["evidence", "add", &c, text(&path)]).output().unwrap();
    assert!(out.status.success());
    let second: i64 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert_ne!(first, second);
    // Reading the new version shows the first record's file changed: recorded and said, not left "intact".
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&format!("evidence #{first} was attached from this path with other contents")), "{said}");
    let listed = env.json(&["evidence", "list", &c, "--json"]);
    let check = |id: i64| listed.as_array().unwrap().iter().find(|e| e["id"] == id).unwrap()["last_check"].clone();
    assert_eq!(check(first), "changed");
    assert_eq!(check(second), "intact");
    // The other case's record of the same path is that case's: left for its own verification.
    let theirs = env.json(&["evidence", "list", &other, "--json"]);
    assert_eq!(theirs[0]["last_check"], "intact");
    // A resume attached twice is refused before its text is read.
    let cv = env.file("cv.txt", RESUME.as_bytes());
    let resume = env.id(&["evidence", "add", &c, text(&cv), "--resume"]);
    env.refused(&["evidence", "add", &c, text(&cv), "--resume"], &format!("as evidence #{resume}"));
}

const RESUME: &str = "Senior backend engineer with eight years of experience building payment platforms in Go \
    and Rust. Led the migration of a monolith to event-driven services handling two million transactions a day.";

/// A one-page PDF whose content stream is `content`, compressed with FlateDecode at `level`, and Helvetica
/// as /F1.
fn pdf(level: Compression, content: impl FnOnce(&mut ZlibEncoder<Vec<u8>>)) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), level);
    content(&mut encoder);
    let stream = encoder.finish().unwrap();
    let mut contents = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", stream.len()).into_bytes();
    contents.extend_from_slice(&stream);
    contents.extend_from_slice(b"\nendstream");
    objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /Font << /F1 5 0 R >> >> >>",
        &contents,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ])
}

/// A PDF of these objects, numbered from 1, the first the catalog, with a correct cross-reference table.
fn objects(objects: &[&[u8]]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let size = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// About a megabyte that inflates to `mib` MiB of zeros.
fn bomb(mib: usize) -> Vec<u8> {
    let zeros = vec![0u8; 1 << 20];
    pdf(Compression::best(), |encoder| (0..mib).for_each(|_| encoder.write_all(&zeros).unwrap()))
}

/// `count` random drawing and text operators, each with its operands.
fn operator_soup(count: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % 700
    };
    pdf(Compression::fast(), |encoder| {
        let mut content = String::with_capacity(count * 28);
        for _ in 0..count {
            let line = match next() % 4 {
                0 => format!("BT /F1 {} Tf {} {} Td (w{}) Tj ET\n", next() % 40 + 1, next(), next(), next()),
                1 => format!("q 1 0 0 1 {} {} cm Q\n", next(), next()),
                2 => format!("{} {} m {} {} l S\n", next(), next(), next(), next()),
                _ => format!("BT (x{}) Tj {} {} Td ET\n", next(), next(), next()),
            };
            content.push_str(&line);
        }
        encoder.write_all(content.as_bytes()).unwrap();
    })
}

#[test]
fn a_pdf_that_inflates_to_a_gibibyte_is_refused_by_the_memory_limit() {
    let env = Env::new();
    let c = case(&env);
    let path = env.file("bomb.pdf", &bomb(1024));
    assert!(std::fs::metadata(&path).unwrap().len() < 2 << 20);
    let started = Instant::now();
    env.refused(
        &["evidence", "add", &c, text(&path), "--resume"],
        "bomb.pdf: resume text could not be read: the PDF needs more memory than vetdesk allows (1 GiB)",
    );
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    // Attached as a plain file it is only hashed, never inflated.
    env.id(&["evidence", "add", &c, text(&path)]);
}

#[test]
fn a_pdf_whose_drawing_calls_itself_is_refused_without_taking_vetdesk_down() {
    let env = Env::new();
    let c = case(&env);
    // Form X1 draws X1: the reader recurses until its stack overflows, which no catch_unwind survives.
    let looping = objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
          /Resources << /XObject << /X1 5 0 R >> >> >>",
        b"<< /Length 6 >>\nstream\n/X1 Do\nendstream",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 5 0 R >> >> \
          /Length 6 >>\nstream\n/X1 Do\nendstream",
    ]);
    let path = env.file("loop.pdf", &looping);
    env.refused(
        &["evidence", "add", &c, text(&path), "--resume"],
        "loop.pdf: resume text could not be read: the PDF is nested too deeply for vetdesk to read",
    );
}

/// A workspace on disk with one case, reading resumes through the vetdesk binary with `limits`.
fn workspace(dir: &Path, limits: Limits) -> Workspace {
    let mut ws = Workspace::open(&dir.join("ws.db"), "ana", common::keys_beside(&dir.join("ws.db"))).unwrap();
    ws.set_resume_reader(Reader::child(env!("CARGO_BIN_EXE_vetdesk")).with_limits(limits));
    ws.create_case(&NewCase { title: "QA contractor".into(), priority: Priority::Medium, candidate: None }).unwrap();
    ws
}

#[test]
fn operator_soup_is_stopped_by_the_cpu_and_memory_limits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soup.pdf");
    std::fs::write(&path, operator_soup(400_000)).unwrap();
    let attach = |limits: Limits| {
        let mut ws = workspace(dir.path(), limits);
        let before = fingerprint(&dir.path().join("ws.db"));
        let err = ws.attach_evidence(1, &path, "", &[], true, &mut |_, _| true).unwrap_err().to_string();
        assert_eq!(before, fingerprint(&dir.path().join("ws.db")), "nothing stored");
        assert!(!err.contains('\n'), "{err}");
        err
    };
    let cpu = attach(Limits { cpu_secs: 1, ..Limits::default() });
    assert!(
        cpu.ends_with(
            "soup.pdf: resume text could not be read: the PDF needs more processing time than vetdesk allows (1 s)"
        ),
        "{cpu}"
    );
    let memory = attach(Limits { memory: 256 << 20, ..Limits::default() });
    assert!(
        memory.ends_with(
            "soup.pdf: resume text could not be read: the PDF needs more memory than vetdesk allows (256 MiB)"
        ),
        "{memory}"
    );
}

#[test]
fn a_resume_reader_past_its_wall_clock_limit_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("soup.pdf");
    std::fs::write(&path, operator_soup(400_000)).unwrap();
    let mut ws = workspace(dir.path(), Limits { wall: Duration::from_millis(300), ..Limits::default() });
    let started = Instant::now();
    let err = ws.attach_evidence(1, &path, "", &[], true, &mut |_, _| true).unwrap_err().to_string();
    assert!(
        err.ends_with("soup.pdf: resume text could not be read: the PDF took longer than vetdesk allows (0.3 s)"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(ws.evidence(1).unwrap().is_empty());
}
