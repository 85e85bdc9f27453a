//! Search that answers as you type. `/` on the case list opens a search line; every keystroke asks the
//! [`Searcher`], which runs the query on a worker thread with its own connection to the workspace, so the
//! list keeps drawing and taking keys meanwhile. A newer query supersedes an older one: the worker skips
//! queries already overtaken, the query under way is interrupted, and an answer that is not the newest is
//! dropped. Enter keeps the results; Esc restores the list as it was.

use std::collections::HashSet;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, CaseList, Screen};
use super::keymap::{self, Context};
use super::load::{SEARCH_FIRST, SEARCH_LIMIT, load_list, mark_rows};
use crate::Workspace;
use crate::store::cases::ArchivedCases;
use crate::store::search::Found;
use crate::workspace::describe_places;
use crate::workspace::{CaseHit, CaseSummary, Interrupt, interrupted};

/// The search line being typed in, with what the list showed before it opened.
pub struct LiveSearch {
    pub input: String,
    before: Box<Before>,
}

/// The list as it was when the search line opened, for Esc.
struct Before {
    search: Option<String>,
    rows: Vec<CaseSummary>,
    found: Vec<Vec<Found>>,
    linked: HashSet<i64>,
    marked: HashSet<i64>,
    search_limit: u32,
    total: u64,
    window_start: u64,
    selected: u64,
    top: u64,
}

/// The answer to one query.
pub struct Answer {
    pub generation: u64,
    pub words: String,
    /// The most hits asked for.
    pub limit: u32,
    /// The cases found and where each matched. Their link markers are worked out by the list that shows
    /// them, for the rows on screen, as for any other rows.
    pub result: crate::Result<Vec<CaseHit>>,
}

struct Request {
    generation: u64,
    words: String,
    archived: ArchivedCases,
    limit: u32,
}

/// Runs searches off the UI thread. A workspace in memory (tests, samples) has no second connection to
/// give a worker, so there the query runs at once, on the caller's thread.
pub struct Searcher {
    /// The newest query asked; only its answer is taken.
    generation: u64,
    /// The generation of the last answer taken (or forgotten).
    answered: u64,
    mode: Mode,
}

enum Mode {
    Worker { tx: Sender<Request>, rx: Receiver<Answer>, interrupt: Interrupt, thread: Option<JoinHandle<()>> },
    Inline { answer: Option<Answer> },
}

/// Stops the worker and waits until its connection is closed: the last connection to close folds the
/// write-ahead log back into the workspace file and removes it, so the file alone holds every change (a
/// copy of it is whole). A worker left running when the process ends never closes its connection.
impl Drop for Searcher {
    fn drop(&mut self) {
        let inline = Mode::Inline { answer: None };
        if let Mode::Worker { tx, interrupt, thread, .. } = std::mem::replace(&mut self.mode, inline) {
            drop(tx);
            interrupt.interrupt();
            if let Some(thread) = thread {
                let _ = thread.join();
            }
        }
    }
}

impl Searcher {
    /// A searcher on a second connection to `ws`'s file (opened here, once), or an inline one.
    pub fn new(ws: &Workspace) -> Searcher {
        let mode = match ws.reopen() {
            Ok(Some(reader)) => {
                let interrupt = reader.interrupt_handle();
                let (tx, requests) = mpsc::channel();
                let (answers, rx) = mpsc::channel();
                let thread = std::thread::spawn(move || worker(&reader, &requests, &answers));
                Mode::Worker { tx, rx, interrupt, thread: Some(thread) }
            }
            _ => Mode::Inline { answer: None },
        };
        Searcher { generation: 0, answered: 0, mode }
    }

    /// Asks for the cases matching `words`; the answer comes through [`Searcher::take`].
    /// At most `limit` cases, strongest first.
    pub fn ask(&mut self, ws: &Workspace, words: &str, archived: ArchivedCases, limit: u32) {
        self.generation += 1;
        let generation = self.generation;
        let request = Request { generation, words: words.to_string(), archived, limit };
        match &mut self.mode {
            Mode::Worker { tx, interrupt, .. } => match tx.send(request) {
                Ok(()) => interrupt.interrupt(),
                // The worker is gone (it never is while the searcher lives): answer here instead.
                Err(mpsc::SendError(request)) => self.mode = Mode::Inline { answer: Some(answer(ws, request)) },
            },
            Mode::Inline { answer: slot } => *slot = Some(answer(ws, request)),
        }
    }

    /// Drops whatever answer is on its way.
    pub fn forget(&mut self) {
        self.generation += 1;
        self.answered = self.generation;
    }

    /// Whether an answer is awaited.
    pub fn waiting(&self) -> bool {
        self.answered != self.generation
    }

    /// The answer to the newest query, once it is in; older answers are dropped.
    pub fn take(&mut self) -> Option<Answer> {
        let mut newest = None;
        match &mut self.mode {
            Mode::Worker { rx, .. } => loop {
                match rx.try_recv() {
                    Ok(a) if a.generation == self.generation => newest = Some(a),
                    Ok(_) => {}
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        if self.answered != self.generation {
                            newest = Some(Answer {
                                generation: self.generation,
                                words: String::new(),
                                limit: 0,
                                result: Err(crate::Error::invalid("the search worker stopped")),
                            });
                        }
                        break;
                    }
                }
            },
            Mode::Inline { answer } => newest = answer.take().filter(|a| a.generation == self.generation),
        }
        if newest.is_some() {
            self.answered = self.generation;
        }
        newest
    }
}

fn answer(ws: &Workspace, r: Request) -> Answer {
    let result = ws.search(&r.words, r.archived, r.limit);
    Answer { generation: r.generation, words: r.words, limit: r.limit, result }
}

/// The worker: takes the newest request waiting, answers it, and again, until the searcher is dropped.
fn worker(ws: &Workspace, requests: &Receiver<Request>, answers: &Sender<Answer>) {
    let newest = |mut r: Request| {
        while let Ok(newer) = requests.try_recv() {
            r = newer;
        }
        r
    };
    let Ok(first) = requests.recv() else { return };
    let mut request = newest(first);
    loop {
        let result = ws.search(&request.words, request.archived, request.limit);
        if matches!(&result, Err(e) if interrupted(e)) {
            // Stopped for a newer query, or (racing it) this query itself: run the newest one.
            request = newest(request);
            continue;
        }
        let a = Answer { generation: request.generation, words: request.words, limit: request.limit, result };
        if answers.send(a).is_err() {
            return;
        }
        let Ok(next) = requests.recv() else { return };
        request = newest(next);
    }
}

/// `/` on the case list: opens the search line on the words searched last.
pub fn open(app: &mut App) {
    let Screen::List(list) = &mut app.screen else { return };
    let before = Before {
        search: list.search.clone(),
        rows: list.rows.clone(),
        found: list.found.clone(),
        linked: list.linked.clone(),
        marked: list.marked.clone(),
        search_limit: list.search_limit,
        total: list.total,
        window_start: list.window_start,
        selected: list.selected,
        top: list.top,
    };
    list.live = Some(LiveSearch { input: list.search.clone().unwrap_or_default(), before: Box::new(before) });
    if app.searcher.is_none() {
        app.searcher = Some(Searcher::new(&app.ws));
    }
}

/// The search line's context, while it is open.
pub fn context(app: &App) -> Option<Context> {
    match &app.screen {
        Screen::List(list) if list.live.is_some() && app.controls.is_none() => Some(Context::SearchLine),
        _ => None,
    }
}

/// Takes a key while the search line is open; false when it is not, or for a control key it leaves to the
/// screen.
pub fn on_key(app: &mut App, key: KeyEvent) -> bool {
    let Screen::List(list) = &mut app.screen else { return false };
    let Some(live) = &mut list.live else { return false };
    let typed = match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    };
    if let Some(c) = typed {
        live.input.push(c);
        ask(app);
        return true;
    }
    if key.code == KeyCode::Backspace {
        live.input.pop();
        ask(app);
        return true;
    }
    match keymap::resolve(&[Context::SearchLine], &key) {
        Some(Action::KeepSearch) => {
            list.live = None;
            if list.search.is_none() {
                app.info("search cleared");
            }
            // Kept before its answer came, the list would still show the rows before the words, the
            // selection on one of them: Enter then opened a case the words never found. Wait for it (the
            // worker answers a screen of hits in milliseconds; a newer answer would interrupt it anyway).
            settle(app);
        }
        Some(Action::CancelSearch) => {
            let Some(live) = list.live.take() else { return true };
            let b = *live.before;
            (list.search, list.rows, list.found, list.linked) = (b.search, b.rows, b.found, b.linked);
            (list.marked, list.search_limit) = (b.marked, b.search_limit);
            (list.total, list.window_start, list.selected, list.top) = (b.total, b.window_start, b.selected, b.top);
            if let Some(searcher) = &mut app.searcher {
                searcher.forget();
            }
            // Rows left before their markers came get them now (or, on a terminal, once no key waits).
            mark_shown(app);
        }
        Some(Action::ClearSearch) => {
            live.input.clear();
            ask(app);
        }
        Some(action @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)) => {
            super::update::update(app, action);
        }
        // Control keys (ctrl-r reloads) keep their meaning; other keys have none here.
        Some(_) if key.modifiers.contains(KeyModifiers::CONTROL) => return false,
        _ => {}
    }
    true
}

/// Asks for the words in the search line; with none, shows the whole list again at once.
fn ask(app: &mut App) {
    let page = app.page() as u64;
    let Screen::List(list) = &mut app.screen else { return };
    let Some(live) = &list.live else { return };
    let words = live.input.trim().to_string();
    let searcher = app.searcher.get_or_insert_with(|| Searcher::new(&app.ws));
    if words.is_empty() {
        searcher.forget();
        list.search = None;
        list.found.clear();
        list.selected = 0;
        list.top = 0;
        if let Err(e) = load_list(&app.ws, list, page) {
            app.error(e.to_string());
        }
        return;
    }
    list.search = Some(words.clone());
    // None of these words' hits are shown yet: their first answer starts at the top (see `show`).
    list.search_limit = 0;
    searcher.ask(&app.ws, &words, list.query.archived, SEARCH_FIRST);
    poll(app);
}

/// Asks for more hits of the search shown when the selection nears the last one there is, so that a
/// search reads a screen of hits first and more only as they are scrolled to.
pub fn more(app: &mut App, page: u64) {
    let Screen::List(list) = &mut app.screen else { return };
    let Some(words) = list.search.clone() else { return };
    let held = list.rows.len() as u64;
    let searcher = app.searcher.get_or_insert_with(|| Searcher::new(&app.ws));
    // Fewer hits than asked for are all there are.
    if list.selected + page < held || held < u64::from(list.search_limit) || searcher.waiting() {
        return;
    }
    let Some(limit) = next_limit(list.search_limit) else { return };
    searcher.ask(&app.ws, &words, list.query.archived, limit);
    poll(app);
}

/// The next, larger number of hits to ask for, up to [`SEARCH_LIMIT`].
fn next_limit(limit: u32) -> Option<u32> {
    (limit < SEARCH_LIMIT).then(|| (limit.max(SEARCH_FIRST) * 4).min(SEARCH_LIMIT))
}

/// Takes in the newest search answer, if one came; called between events.
pub fn poll(app: &mut App) {
    let Some(answer) = app.searcher.as_mut().and_then(Searcher::take) else { return };
    let Screen::List(list) = &mut app.screen else { return };
    match answer.result {
        Ok(hits) => {
            show(list, answer.words, answer.limit, hits);
            mark_shown(app);
        }
        Err(e) => app.error(format!("search: {e}")),
    }
}

/// The link markers of the case list's rows on screen that have none (on a terminal: marked due).
fn mark_shown(app: &mut App) {
    let page = app.page() as u64;
    if let Screen::List(list) = &mut app.screen
        && let Err(e) = mark_rows(&app.ws, list, list.top, page)
    {
        app.error(e.to_string());
    }
}

/// Waits, up to five seconds, for the answer on its way, and shows it.
fn settle(app: &mut App) {
    let started = std::time::Instant::now();
    while waiting(app) && started.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(2));
        poll(app);
    }
}

/// Whether the UI should wake soon: an answer is on its way.
pub fn waiting(app: &App) -> bool {
    app.searcher.as_ref().is_some_and(Searcher::waiting)
}

fn show(list: &mut CaseList, words: String, limit: u32, hits: Vec<CaseHit>) {
    // More hits of the words shown (asked for by scrolling) keep the selection and the markers worked out;
    // new words start at the top.
    let more = list.search.as_deref() == Some(words.as_str())
        && list.search_limit > 0
        && limit > list.search_limit
        && !list.rows.is_empty();
    list.search = Some(words);
    list.search_limit = limit;
    (list.rows, list.found) = hits.into_iter().map(|h| (h.case, h.found)).unzip();
    list.total = list.rows.len() as u64;
    list.window_start = 0;
    if !more {
        list.linked.clear();
        list.marked.clear();
        list.selected = 0;
        list.top = 0;
    }
    list.selected = list.selected.min(list.total.saturating_sub(1));
    list.top = list.top.min(list.selected);
}

/// Where the case on row `index` of a search matched, for its MATCHED cell: the places, strongest first.
pub fn matched(list: &CaseList, index: usize) -> String {
    list.found.get(index).map_or_else(String::new, |places| describe_places(places))
}
