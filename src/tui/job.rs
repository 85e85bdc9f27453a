//! Long work off the UI thread: hashing a file to attach (and reading it, for a resume), or re-hashing a
//! case's evidence. The UI polls for progress; Esc sets the cancel flag; nothing is stored until the work is complete.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::evidence::{self, FileDigest};
use crate::workspace::{self, ResumeRead, Verification};

pub enum Outcome {
    /// A file hashed and, for a resume, read and fingerprinted (boxed: a fingerprint is half a kilobyte).
    Hashed(crate::Result<(FileDigest, Option<Box<ResumeRead>>)>),
    Verified(crate::Result<Vec<Verification>>),
    /// The audit chain and a case's sealed records checked, before a summary is exported.
    Checked(crate::Result<crate::report::RecordCheck>),
}

/// What a job's progress counts, for its throughput.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Bytes,
    Records,
    /// Folder entries looked at, while searching for a file.
    Entries,
}

enum Event {
    Progress { done: u64, total: u64 },
    Finished(Outcome),
}

/// What to do with the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Attach { case_id: i64, description: String, codes: Vec<String> },
    Relocate { evidence_id: i64 },
    RecordChecks { case_id: i64 },
    Export { case_id: i64, redact: bool, path: std::path::PathBuf },
}

pub struct Job {
    pub label: String,
    pub unit: Unit,
    pub done: u64,
    pub total: u64,
    pub started: Instant,
    pub then: Then,
    /// The form the work came from: a failure puts it back, with what was typed and the error.
    pub form: Option<Box<super::form::Form>>,
    cancel: Arc<AtomicBool>,
    rx: Receiver<Event>,
}

impl Job {
    /// Hashes `path` on a worker thread; a resume (when given a `resume` reader) is then read, from the
    /// bytes hashed, and fingerprinted there too.
    pub fn hash(path: std::path::PathBuf, resume: Option<crate::resume::Reader>, then: Then) -> Job {
        let label = format!("hashing {}", crate::text::display_path(&path));
        Self::spawn(label, then, move |progress| {
            let Some(reader) = resume else {
                return Outcome::Hashed(evidence::hash_file(&path, progress).map(|digest| (digest, None)));
            };
            Outcome::Hashed(workspace::hash_resume(&path, progress).and_then(|(digest, bytes)| {
                let size = digest.size;
                let read = workspace::read_resume(&digest, &bytes, &reader, &mut || progress(size, size))?;
                Ok((digest, Some(Box::new(read))))
            }))
        })
    }

    /// Searches `dir` on a worker thread for the file of evidence `e`, by its size and SHA-256. Progress
    /// counts folder entries looked at.
    /// `attached`: what the search passes over ([`workspace::search_for`]).
    pub fn search(
        e: crate::domain::Evidence,
        dir: std::path::PathBuf,
        attached: std::collections::HashSet<String>,
        then: Then,
    ) -> Job {
        let label = format!("searching {} for evidence #{}", crate::text::display_path(&dir), e.id);
        let mut job = Self::spawn(label, then, move |progress| {
            let found = workspace::search_for(&e, &dir, &attached, &mut |s| progress(s.entries, 0));
            Outcome::Hashed(found.map(|(digest, _)| (digest, None)))
        });
        job.unit = Unit::Entries;
        job
    }

    /// The same work, remembering the form it came from.
    pub fn from_form(mut self, form: &super::form::Form) -> Job {
        self.form = Some(Box::new(form.clone()));
        self
    }

    /// Re-hashes evidence files on a worker thread.
    pub fn verify(files: Vec<crate::domain::Evidence>, then: Then) -> Job {
        let label = format!("verifying {}", crate::text::counted(files.len(), "file", "files"));
        Self::spawn(label, then, move |progress| Outcome::Verified(crate::workspace::recheck_all(&files, progress)))
    }

    /// Checks the record of a case on a worker thread, through its own connection to the workspace.
    pub fn check_record(ws: crate::Workspace, case_id: i64, then: Then) -> Job {
        let mut job = Self::spawn("checking the audit chain".to_string(), then, move |progress| {
            // The check cannot stop halfway; after Esc it finishes and nothing is exported.
            let mut go_on = true;
            let checked = crate::report::check_record(&ws, case_id, &mut |done, total| {
                go_on = progress(done, total);
            });
            if !go_on || !progress(1, 1) {
                return Outcome::Checked(Err(crate::Error::invalid("export cancelled; nothing was written")));
            }
            Outcome::Checked(checked)
        });
        job.unit = Unit::Records;
        job
    }

    fn spawn(
        label: String,
        then: Then,
        work: impl FnOnce(&mut dyn FnMut(u64, u64) -> bool) -> Outcome + Send + 'static,
    ) -> Job {
        let (tx, rx) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancel);
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let outcome = work(&mut |done, total| {
                let _ = progress_tx.send(Event::Progress { done, total });
                !stop.load(Ordering::Relaxed)
            });
            let _ = tx.send(Event::Finished(outcome));
        });
        Job { label, unit: Unit::Bytes, done: 0, total: 0, started: Instant::now(), then, form: None, cancel, rx }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes in progress reports; returns the outcome once the work is over.
    pub fn poll(&mut self) -> Option<Outcome> {
        loop {
            match self.rx.try_recv() {
                Ok(Event::Progress { done, total }) => {
                    self.done = done;
                    self.total = total;
                }
                Ok(Event::Finished(outcome)) => return Some(outcome),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    return Some(Outcome::Hashed(Err(crate::Error::invalid("the worker stopped unexpectedly"))));
                }
            }
        }
    }

    /// Bytes per second so far, and seconds left at that rate.
    pub fn rate(&self) -> (f64, Option<f64>) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = self.done as f64 / secs;
        let left = (rate > 0.0 && self.total >= self.done).then(|| (self.total - self.done) as f64 / rate);
        (rate, left)
    }
}
