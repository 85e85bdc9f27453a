//! Reading resume text in a child process with limits.
//!
//! A PDF is a program for a page-description machine, and a hostile one can inflate a megabyte into
//! gigabytes, loop for minutes or recurse until the stack overflows. `catch_unwind` stops none of that,
//! so the bytes go to a child process: vetdesk itself, run as `vetdesk __extract-resume FORMAT`, which
//! first caps its own address space and CPU time (`setrlimit`), reads the bytes from standard input and
//! writes the text to standard output after a header line. The parent kills it after a wall-clock limit,
//! reads at most [`Limits::text`] bytes of text, captures its standard error (the terminal never sees a
//! panic or an abort message) and turns every way it can stop into one line.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rlimit::Resource;

use super::{Format, MAX_BYTES};
use crate::{Error, Result};

/// The hidden subcommand the child runs.
pub const CHILD_COMMAND: &str = "__extract-resume";

/// The first line of the child's standard output, so the output of some other program is never taken for
/// a resume's text.
const HEADER: &[u8] = b"vetdesk resume text 1\n";

/// Exit status of a child that read the file and refuses it, its reason on standard error.
const REFUSED: i32 = 3;

/// Set in the child's environment: a child never starts another one.
const IN_CHILD: &str = "VETDESK_RESUME_READER_CHILD";

/// Most of the child's standard error kept for the message.
const MAX_STDERR: u64 = 64 << 10;

/// What a child process reading one resume may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address space, in bytes (`RLIMIT_AS`).
    pub memory: u64,
    /// Processor time, in seconds (`RLIMIT_CPU`).
    pub cpu_secs: u64,
    /// Wall-clock time before the parent kills the child.
    pub wall: Duration,
    /// Bytes of text accepted.
    pub text: u64,
}

impl Default for Limits {
    /// 1 GiB of memory, 20 s of CPU, 30 s in all, 20 MiB of text: far above any real resume.
    fn default() -> Limits {
        Limits { memory: 1 << 30, cpu_secs: 20, wall: Duration::from_secs(30), text: 20 << 20 }
    }
}

/// How resume text is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    /// In a child process with limits: `program` (by default this executable, `std::env::current_exe`)
    /// run with the hidden `__extract-resume` subcommand. Tests and other front ends that are not the
    /// vetdesk binary name the binary here.
    Child { program: Option<PathBuf>, limits: Limits },
    /// In this process, without limits: only for files vetdesk made itself (benchmarks).
    InProcess,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::Child { program: None, limits: Limits::default() }
    }
}

impl Reader {
    /// A child process of `program` (a vetdesk binary) with the default limits.
    pub fn child(program: impl Into<PathBuf>) -> Reader {
        Reader::Child { program: Some(program.into()), limits: Limits::default() }
    }

    /// The same reader with other limits (no effect in process).
    pub fn with_limits(self, limits: Limits) -> Reader {
        match self {
            Reader::Child { program, .. } => Reader::Child { program, limits },
            Reader::InProcess => Reader::InProcess,
        }
    }

    /// The text of a resume's `bytes` (read from `path`, named in errors). `keep_going` is asked while the
    /// child works; `false` kills it and returns [`Error::Cancelled`].
    pub fn read(
        &self,
        path: &Path,
        format: Format,
        bytes: &[u8],
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Result<String> {
        let text = match self {
            Reader::InProcess => super::text_of(format, bytes).map_err(|reason| Error::file(path, reason))?,
            Reader::Child { program, limits } => {
                let program = match program {
                    Some(p) => p.clone(),
                    None => std::env::current_exe()
                        .map_err(|e| unreadable(path, format!("vetdesk cannot find itself ({e})")))?,
                };
                read_in_child(&program, limits, path, format, bytes, keep_going)?
            }
        };
        super::has_words(format, &text).map_err(|reason| Error::file(path, reason))?;
        Ok(text)
    }
}

fn unreadable(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::file(path, format!("resume text could not be read: {why}"))
}

/// How the wait for a child ended.
enum Stop {
    Exited(ExitStatus),
    TimedOut,
    TooMuchText,
    Cancelled,
}

fn read_in_child(
    program: &Path,
    limits: &Limits,
    path: &Path,
    format: Format,
    bytes: &[u8],
    keep_going: &mut dyn FnMut() -> bool,
) -> Result<String> {
    if std::env::var_os(IN_CHILD).is_some() {
        return Err(unreadable(path, "a resume reader cannot start another"));
    }
    let mut child = Command::new(program)
        .arg(CHILD_COMMAND)
        .arg(format.as_str())
        .args(["--memory", &limits.memory.to_string(), "--cpu-secs", &limits.cpu_secs.to_string()])
        .args(["--max-text", &limits.text.to_string()])
        .env(IN_CHILD, "1")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| unreadable(path, format!("the resume reader {} did not start ({e})", program.display())))?;
    let (Some(mut stdin), Some(stdout), Some(stderr)) = (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(unreadable(path, "the resume reader has no pipes"));
    };
    let cap = HEADER.len() as u64 + limits.text;
    let over = AtomicBool::new(false);
    let (stop, out, err) = std::thread::scope(|s| {
        s.spawn(move || {
            // A child that stops early closes the pipe; its status says why.
            let _ = stdin.write_all(bytes);
        });
        let out = s.spawn(|| {
            let mut out = Vec::new();
            let _ = stdout.take(cap + 1).read_to_end(&mut out);
            if out.len() as u64 > cap {
                over.store(true, Ordering::Relaxed);
            }
            out
        });
        let err = s.spawn(move || {
            let mut stderr = stderr;
            let mut err = Vec::new();
            let _ = (&mut stderr).take(MAX_STDERR).read_to_end(&mut err);
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            err
        });
        let stop = wait(&mut child, limits.wall, &over, keep_going);
        (stop, out.join().unwrap_or_default(), err.join().unwrap_or_default())
    });
    let stderr = String::from_utf8_lossy(&err);
    let failed = |why: String| Err(unreadable(path, why));
    let noun = format.noun();
    // Output past the cap ends the child one way or another (killed, or stopped by the closed pipe).
    let stop = match stop? {
        Stop::Exited(_) | Stop::TimedOut if over.load(Ordering::Relaxed) => Stop::TooMuchText,
        stop => stop,
    };
    match stop {
        Stop::Cancelled => Err(Error::Cancelled),
        Stop::TimedOut => failed(format!("the {noun} took longer than vetdesk allows ({})", seconds(limits.wall))),
        Stop::TooMuchText => failed(format!("it holds more text than vetdesk allows ({})", size(limits.text))),
        Stop::Exited(status) if status.success() => match out.strip_prefix(HEADER) {
            Some(text) => Ok(String::from_utf8_lossy(text).into_owned()),
            None => failed(format!("{} is not a vetdesk resume reader", program.display())),
        },
        Stop::Exited(status) if status.code() == Some(REFUSED) => {
            Err(Error::file(path, first_line(&stderr).unwrap_or("cannot be read as a resume")))
        }
        Stop::Exited(status) => failed(why_stopped(status, &stderr, noun, limits)),
    }
}

/// Waits for the child, killing it at the deadline, when its output passes the cap, or when asked to.
fn wait(child: &mut Child, wall: Duration, over: &AtomicBool, keep_going: &mut dyn FnMut() -> bool) -> Result<Stop> {
    let deadline = Instant::now() + wall;
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Stop::Exited(status));
        }
        let stop = if over.load(Ordering::Relaxed) {
            Some(Stop::TooMuchText)
        } else if Instant::now() >= deadline {
            Some(Stop::TimedOut)
        } else if !keep_going() {
            Some(Stop::Cancelled)
        } else {
            None
        };
        if let Some(stop) = stop {
            let _ = child.kill();
            child.wait()?;
            return Ok(stop);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// Why a child stopped without answering, from its status and what it printed.
fn why_stopped(status: ExitStatus, stderr: &str, noun: &str, limits: &Limits) -> String {
    if stderr.contains("memory allocation of") {
        return format!("the {noun} needs more memory than vetdesk allows ({})", size(limits.memory));
    }
    if stderr.contains("has overflowed its stack") {
        return format!("the {noun} is nested too deeply for vetdesk to read");
    }
    match status.signal() {
        Some(libc::SIGXCPU | libc::SIGKILL) => {
            format!("the {noun} needs more processing time than vetdesk allows ({} s)", limits.cpu_secs)
        }
        Some(signal) => format!("the resume reader stopped on signal {signal}"),
        None => {
            let detail = first_line(stderr).map(|l| format!(": {l}")).unwrap_or_default();
            format!("the resume reader failed (exit status {}{detail})", status.code().unwrap_or(-1))
        }
    }
}

fn first_line(text: &str) -> Option<&str> {
    text.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| l.get(..300).unwrap_or(l))
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 { format!("{} s", d.as_secs()) } else { format!("{:.1} s", d.as_secs_f64()) }
}

/// The child side: `vetdesk __extract-resume FORMAT`. Limits itself, reads the resume from standard input,
/// writes [`HEADER`] and the text to standard output; a file it refuses exits [`REFUSED`] with the reason.
pub fn serve(format: &str, memory: u64, cpu_secs: u64, max_text: u64) -> ExitCode {
    let refuse = |reason: &str| {
        eprintln!("{reason}");
        ExitCode::from(REFUSED as u8)
    };
    let Some(format) = Format::named(format) else { return refuse("is not a resume format vetdesk reads") };
    if let Err(e) = limit_self(memory, cpu_secs) {
        eprintln!("cannot set resource limits: {e}");
        return ExitCode::from(4);
    }
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().take(MAX_BYTES + 1).read_to_end(&mut bytes) {
        return refuse(&format!("cannot be read ({e})"));
    }
    if bytes.len() as u64 > MAX_BYTES {
        return refuse(&super::too_big());
    }
    match super::text_of(format, &bytes) {
        Ok(text) if text.len() as u64 > max_text => refuse(&format!(
            "resume text could not be read: it holds more text than vetdesk allows ({})",
            size(max_text)
        )),
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(HEADER).and_then(|()| out.write_all(text.as_bytes())).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => refuse(&format!("cannot be read (writing its text failed: {e})")),
            }
        }
        Err(reason) => refuse(&reason),
    }
}

/// Caps this process's address space and CPU time, and turns off core dumps (an abort on a hostile file
/// must not leave a core file behind). A limit already lower is kept.
fn limit_self(memory: u64, cpu_secs: u64) -> std::io::Result<()> {
    let lower = |resource: Resource, soft: u64, hard: u64| -> std::io::Result<()> {
        let (_, current_hard) = rlimit::getrlimit(resource)?;
        rlimit::setrlimit(resource, soft.min(current_hard), hard.min(current_hard))
    };
    lower(Resource::CORE, 0, 0)?;
    // SIGXCPU at the soft limit, SIGKILL a second later.
    lower(Resource::CPU, cpu_secs, cpu_secs + 1)?;
    lower(Resource::AS, memory, memory)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_reasons_read_well() {
        assert_eq!(size(1 << 30), "1 GiB");
        assert_eq!(size(256 << 20), "256 MiB");
        assert_eq!(size(4 << 10), "4 KiB");
        assert_eq!(seconds(Duration::from_secs(30)), "30 s");
        let limits = Limits::default();
        let abort = ExitStatus::from_raw(libc::SIGABRT);
        let oom = why_stopped(abort, "memory allocation of 1073741824 bytes failed\n", "PDF", &limits);
        assert_eq!(oom, "the PDF needs more memory than vetdesk allows (1 GiB)");
        let cpu = why_stopped(ExitStatus::from_raw(libc::SIGXCPU), "", "PDF", &limits);
        assert_eq!(cpu, "the PDF needs more processing time than vetdesk allows (20 s)");
        let stack = why_stopped(abort, "\nthread 'main' has overflowed its stack\nfatal runtime error", "PDF", &limits);
        assert_eq!(stack, "the PDF is nested too deeply for vetdesk to read");
        let exit = why_stopped(ExitStatus::from_raw(7 << 8), "boom\nmore", "PDF", &limits);
        assert_eq!(exit, "the resume reader failed (exit status 7: boom)");
    }

    /// Reads `cv.pdf` through a shell script of `body` standing in for vetdesk. Starting a file just
    /// written can fail with "text file busy" while another test thread forks, so that is retried.
    fn read_with_script(body: &str, limits: Limits, keep_going: &mut dyn FnMut() -> bool) -> Result<String> {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("reader.sh");
        std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let reader = Reader::child(&script).with_limits(limits);
        for _ in 0..20 {
            match reader.read(Path::new("cv.pdf"), Format::Pdf, b"%PDF", keep_going) {
                Err(e) if e.to_string().contains("busy") => std::thread::sleep(Duration::from_millis(50)),
                other => return other,
            }
        }
        panic!("the script never started");
    }

    #[test]
    fn a_program_that_is_not_vetdesk_is_not_believed() {
        let err = read_with_script("echo Jordan Whitfield", Limits::default(), &mut || true).unwrap_err();
        assert!(err.to_string().starts_with("cv.pdf: resume text could not be read: /"), "{err}");
        assert!(err.to_string().ends_with("reader.sh is not a vetdesk resume reader"), "{err}");
        let missing = Reader::child("/nonexistent/vetdesk");
        let err = missing.read(Path::new("cv.txt"), Format::Text, b"Jordan", &mut || true).unwrap_err().to_string();
        assert!(err.contains("the resume reader /nonexistent/vetdesk did not start"), "{err}");
    }

    #[test]
    fn a_child_that_runs_too_long_is_killed_and_one_that_is_cancelled_too() {
        let limits = Limits { wall: Duration::from_millis(200), ..Limits::default() };
        let started = Instant::now();
        let err = read_with_script("exec sleep 30", limits, &mut || true).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cv.pdf: resume text could not be read: the PDF took longer than vetdesk allows (0.2 s)"
        );
        assert!(matches!(read_with_script("exec sleep 30", Limits::default(), &mut || false), Err(Error::Cancelled)));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_child_that_writes_too_much_is_killed() {
        let limits = Limits { text: 4 << 10, ..Limits::default() };
        let err = read_with_script("exec yes", limits, &mut || true).unwrap_err().to_string();
        assert_eq!(err, "cv.pdf: resume text could not be read: it holds more text than vetdesk allows (4 KiB)");
    }
}
