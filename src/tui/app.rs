//! The TUI's state. Built without a terminal or threads, so tests make an `App` on an in-memory
//! workspace and drive it with actions (`update.rs`); drawing (`ui/`) only reads it.

use std::collections::HashSet;
use std::time::Instant;

use ratatui::layout::Rect;

use super::controls::ControlsView;
use super::form::Form;
use super::job::Job;
use super::theme::Theme;
use crate::Workspace;
use crate::catalog::ItemKind;
use crate::domain::link::Link;
use crate::domain::{Assessment, Case, Evidence, Identifier, Note, Payment, Subject};
use crate::store::cases::CaseQuery;
use crate::workspace::{CaseSummary, ChecklistEntry, Suggestion};

/// The fewest case-list rows read from SQL around the screen at a time; a window holds three screens of
/// rows when that is more ([`super::load`]). A small window is what makes the first frame of a workspace
/// the system has not cached quick: each row read there may be a read from the disk.
pub const WINDOW: u32 = 64;
/// How many notes the notes tab reads at a time.
pub const NOTES_PAGE: u32 = 500;

pub struct App {
    pub ws: Workspace,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    /// The terminal size at the last draw, for page sizes and mouse hit-testing.
    pub size: Rect,
    pub quit: bool,
    /// Ctrl-Z was pressed: the event loop gives the terminal back and stops the process (see `tui::run`).
    pub suspend: bool,
    /// Long work running off the UI thread (hashing, verifying).
    pub job: Option<Job>,
    /// SQLite's `data_version` when the screen was last loaded: it moves when another process commits.
    pub seen_version: i64,
    /// The case list as it was when a case was opened, to return to.
    pub previous_list: Option<CaseList>,
    /// The organisation controls, when open: drawn over the screen, which stays as it was beneath.
    pub controls: Option<ControlsView>,
    /// The Roster screen, when open: drawn over the case list, which stays as it was beneath.
    pub roster: Option<super::roster::RosterView>,
    /// The inverses of the changes made since the workstation was opened, newest last (`u`).
    pub undo: Vec<super::undo::Done>,
    /// The audit rows of the changes made here that `u` knows of, so that a later change by someone else
    /// can be told from them.
    pub own_rows: Vec<i64>,
    /// The workspace's count of changes made here right after the last undo: none made since means the
    /// last change here was an undo.
    pub undone_at: u64,
    /// When a change made elsewhere overwrote what `u` would undo: the count of changes made here then,
    /// and what the status line said, which `u` says again while no change has been made here since.
    pub overtaken: Option<(u64, String)>,
    /// `Workspace::changes_made` when the workstation opened: a new workspace is written as it is made,
    /// and those changes are not the investigator's to undo.
    pub opened_at: u64,
    /// Below the smallest size, with a form holding typed text: q was pressed once, and a second q quits
    /// and loses that text (the notice says so).
    pub small_quit_asked: bool,
    /// The Roster screen a case was opened from (Enter on a hit): Esc from that case goes back to it.
    pub roster_left: Option<super::roster::RosterView>,
    /// Runs case searches off the UI thread; made when the search line first opens.
    pub searcher: Option<super::search::Searcher>,
    /// How the user ran vetdesk (`vetdesk`, `target/release/vetdesk`), for screens that suggest a command.
    pub program: String,
    /// The cases left by following links, newest last: Esc goes back through them, then to the list.
    pub back: Vec<super::nav::Place>,
    /// The time messages expire by; a test moves it by hand.
    pub clock: super::status::UiClock,
}

/// A line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub at: Instant,
}

// The list is the screen most shown and moved through; it stays inline, and the case view is boxed.
#[allow(clippy::large_enum_variant)]
pub enum Screen {
    List(CaseList),
    Case(Box<CaseView>),
}

/// The case list: a window of rows read from SQL around the selection; never all rows.
pub struct CaseList {
    pub query: CaseQuery,
    /// When set, the list shows the cases matching these words instead of the filtered list.
    pub search: Option<String>,
    /// Where each case of a search matched, strongest first, by row.
    pub found: Vec<Vec<crate::store::search::Found>>,
    /// The search line, while it is open (`/`).
    pub live: Option<super::search::LiveSearch>,
    /// The status picker is open (`f`).
    pub picking_status: bool,
    pub total: u64,
    pub window_start: u64,
    pub rows: Vec<CaseSummary>,
    /// The cases of `rows` that share a value or a near-duplicate resume with another case (the ↔ marker).
    pub linked: HashSet<i64>,
    /// The cases of `rows` whose marker has been worked out: those shown so far.
    pub marked: HashSet<i64>,
    /// How many hits the search shown asked for (more are asked for on scrolling near the last).
    pub search_limit: u32,
    pub selected: u64,
    /// First row on screen.
    pub top: u64,
    /// The workstation on a terminal ([`App::for_terminal`]): rows come to the screen without their link
    /// markers, which are worked out at the first moment no key is waiting, and the frame drawn again.
    pub marks_when_idle: bool,
    /// Rows on screen wait for their link markers ([`CaseList::marks_when_idle`]).
    pub marks_due: bool,
    /// Archived cases, counted when the list without a filter is empty: the workspace is then not empty,
    /// its cases are set aside.
    pub archived_aside: u64,
    /// The largest case number in the workspace: the ID column is as wide as it, wherever the list is.
    pub largest_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    RedFlags,
    DueDiligence,
    Evidence,
    Notes,
    Links,
    Report,
}

/// How many tabs a case view has.
pub const TABS: usize = 7;

impl Tab {
    pub const ALL: [Tab; TABS] =
        [Tab::Overview, Tab::RedFlags, Tab::DueDiligence, Tab::Evidence, Tab::Notes, Tab::Links, Tab::Report];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::RedFlags => "Red flags",
            Tab::DueDiligence => "Due diligence",
            Tab::Evidence => "Evidence",
            Tab::Notes => "Notes",
            Tab::Links => "Links",
            Tab::Report => "Report",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn kind(self) -> Option<ItemKind> {
        match self {
            Tab::RedFlags => Some(ItemKind::RedFlag),
            Tab::DueDiligence => Some(ItemKind::DueDiligence),
            _ => None,
        }
    }
}

/// One line of the overview tab, in display order, so the selection can say what it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewLine {
    Subject(usize),
    Identifier(usize),
    Payment(usize),
}

/// One line of the links tab, in display order: the links, then the open suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinksLine {
    Link(usize),
    Suggestion(usize),
}

/// An open case, with everything its tabs show, loaded together.
pub struct CaseView {
    pub case: Case,
    pub assessment: Assessment,
    pub subjects: Vec<Subject>,
    pub identifiers: Vec<Identifier>,
    pub payments: Vec<Payment>,
    /// The case's answers to the IC3 form's questions.
    pub answers: crate::domain::Answers,
    pub checklist: Vec<ChecklistEntry>,
    pub evidence: Vec<Evidence>,
    pub notes: Vec<Note>,
    pub note_count: u64,
    /// Values, accounts and resumes this case shares with other cases or reference lists, strongest first.
    pub links: Vec<Link>,
    /// Which records of `links` are shown with their subject's name, worked out with them.
    pub naming: crate::domain::link::Naming,
    /// Checklist items the links (and failed checks) point to, not yet flagged or decided on.
    pub suggestions: Vec<Suggestion>,
    /// Why the links cannot be taken as recorded (a record or match key they rest on was edited behind
    /// vetdesk's back), if so; worked out once the links tab is shown (see `links_checked`).
    pub links_warning: Option<String>,
    /// Whether `links_warning` has been worked out for these links.
    pub links_checked: bool,
    /// Why the case's records cannot be taken as recorded (changed behind vetdesk's back, or the workspace
    /// older than this machine last wrote it), if so: said first in the header, as `case show` says it.
    pub record_warning: Option<String>,
    /// Keys other than this machine's that signed audit rows of the case, with how many rows each: said in
    /// the header, as `case show` says it.
    pub other_signers: Vec<(String, i64)>,
    pub tab: Tab,
    /// Selection per tab, by `Tab::index`.
    pub selected: [usize; TABS],
    /// First line on screen per tab.
    pub top: [usize; TABS],
    pub redact: bool,
    /// The report as rendered text, built when the report tab is shown, its prose wrapped at
    /// `report_width` (the tab's width when it was built).
    pub report: Option<super::report_view::ReportText>,
    pub report_width: usize,
    pub report_scroll: usize,
    /// What the red-flag and due-diligence tabs show (search words, flagged only), by `checklist::slot`.
    pub filters: [super::checklist::Filter; 2],
}

impl CaseView {
    pub fn overview_lines(&self) -> Vec<OverviewLine> {
        (0..self.subjects.len())
            .map(OverviewLine::Subject)
            .chain((0..self.identifiers.len()).map(OverviewLine::Identifier))
            .chain((0..self.payments.len()).map(OverviewLine::Payment))
            .collect()
    }

    /// The checklist entries of a checklist tab that its filter keeps, in catalog order (grouped by category
    /// there).
    pub fn items(&self, kind: ItemKind) -> Vec<&ChecklistEntry> {
        let filter = &self.filters[super::checklist::slot(kind)];
        let mut items: Vec<&ChecklistEntry> =
            self.checklist.iter().filter(|e| e.item.kind == kind && filter.keeps(e)).collect();
        items.sort_by_key(|e| (e.item.category, e.item.phase, e.item.code.clone()));
        items
    }

    /// How many selectable lines the current tab has.
    pub fn lines(&self) -> usize {
        match self.tab {
            Tab::Overview => self.overview_lines().len(),
            Tab::RedFlags | Tab::DueDiligence => self.tab.kind().map_or(0, |k| self.items(k).len()),
            Tab::Evidence => self.evidence.len(),
            Tab::Notes => self.notes.len(),
            Tab::Links => self.links.len() + self.suggestions.len(),
            Tab::Report => 0,
        }
    }

    /// What line `index` of the links tab is.
    pub fn links_line(&self, index: usize) -> Option<LinksLine> {
        if index < self.links.len() {
            Some(LinksLine::Link(index))
        } else {
            let s = index - self.links.len();
            (s < self.suggestions.len()).then_some(LinksLine::Suggestion(s))
        }
    }

    /// The open suggestion the selected line of the links tab speaks for: the line itself, or the one the
    /// selected link prompts (none when it is already flagged or decided, or the link is weak).
    pub fn selected_suggestion(&self) -> Option<&Suggestion> {
        match self.links_line(self.selected[Tab::Links.index()])? {
            LinksLine::Suggestion(i) => self.suggestions.get(i),
            LinksLine::Link(i) => {
                let code = self.links[i].suggests()?;
                self.suggestions.iter().find(|s| s.code == code)
            }
        }
    }

    pub fn selection(&self) -> usize {
        self.selected[self.tab.index()]
    }
}

pub enum Overlay {
    /// The keys of the current screen, scrolled down by `scroll` lines.
    Help {
        scroll: usize,
    },
    Form(Box<Form>),
    /// The selected record read whole, scrolled.
    Read(super::read::Reading),
    Confirm {
        question: String,
        then: Pending,
    },
    Choose(Choose),
}

/// A one-key menu: press the letter of an option to open its form.
pub struct Choose {
    pub prompt: &'static str,
    pub options: Vec<Choice>,
}

pub struct Choice {
    pub key: char,
    pub label: &'static str,
    pub form: fn(&App) -> Form,
}

/// What a confirmation unlocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Closing a case, which records a disposition.
    /// `was`: the case's status and disposition when the form was sent, to refuse closing over a change
    /// made elsewhere meanwhile.
    CloseCase {
        case_id: i64,
        status: crate::domain::CaseStatus,
        disposition: Option<crate::domain::Disposition>,
        was: String,
    },
    /// Overwriting an existing export file.
    Overwrite { path: std::path::PathBuf, case_id: i64, redact: bool },
    /// Leaving vetdesk while a file is still being hashed.
    QuitDuringJob,
    /// Moving a case to the current catalog.
    UpgradeCase { case_id: i64 },
}

/// How long a change made in the workstation waits for another program's write to end.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

impl App {
    /// Opens on the case list. Reads the first page, link markers included; spawns nothing.
    pub fn new(ws: Workspace, theme: Theme) -> crate::Result<App> {
        App::open(ws, theme, false)
    }

    /// [`App::new`] for the workstation on a terminal: the first frame, and each frame that brings rows to
    /// the screen, is drawn before the rows' link markers are worked out. Each row's marker costs index
    /// seeks on pages the workspace has not read yet (in an encrypted workspace, decrypted and
    /// authenticated too); the event loop works them out at the first moment no key is waiting and draws
    /// the frame again ([`App::mark_when_idle`]), so keys held down never wait for rows scrolled past.
    pub fn for_terminal(mut ws: Workspace, theme: Theme) -> crate::Result<App> {
        // A change made while another program writes waits at most this long, then says the workspace is
        // busy: the screen is never frozen for long by a key.
        ws.set_busy_timeout(BUSY_WAIT)?;
        App::open(ws, theme, true)
    }

    fn open(mut ws: Workspace, theme: Theme, marks_when_idle: bool) -> crate::Result<App> {
        let mut notices = ws.take_notices();
        let ws_changes = ws.changes_made();
        let mut app = App {
            ws,
            theme,
            screen: Screen::List(CaseList { marks_when_idle, ..App::fresh_list() }),
            overlay: None,
            message: None,
            size: Rect::new(0, 0, 100, 30),
            quit: false,
            suspend: false,
            job: None,
            seen_version: 0,
            previous_list: None,
            controls: None,
            roster: None,
            undo: Vec::new(),
            own_rows: Vec::new(),
            undone_at: 0,
            overtaken: None,
            opened_at: ws_changes,
            small_quit_asked: false,
            roster_left: None,
            searcher: None,
            program: "vetdesk".into(),
            back: Vec::new(),
            clock: super::status::UiClock::System,
        };
        app.reload()?;
        // The list is not checked against the seals: a row it cannot show as stored is named here.
        if let Screen::List(list) = &app.screen {
            notices.extend(CaseSummary::not_utf8_warning(&list.rows));
        }
        if !notices.is_empty() {
            app.info(format!("note: {}", notices.join(" · ")));
        }
        Ok(app)
    }

    /// The case list as it first opens: every case, most recently changed first.
    pub fn fresh_list() -> CaseList {
        CaseList {
            query: CaseQuery { descending: true, limit: WINDOW, ..Default::default() },
            search: None,
            found: Vec::new(),
            live: None,
            picking_status: false,
            total: 0,
            window_start: 0,
            rows: Vec::new(),
            linked: HashSet::new(),
            marked: HashSet::new(),
            search_limit: 0,
            selected: 0,
            top: 0,
            marks_when_idle: false,
            marks_due: false,
            archived_aside: 0,
            largest_id: 0,
        }
    }

    /// Whether rows on screen wait for their link markers ([`App::for_terminal`]).
    pub fn marks_due(&self) -> bool {
        matches!(&self.screen, Screen::List(list) if list.marks_due)
    }

    /// Works out the link markers of the rows on screen that wait for them.
    pub fn mark_when_idle(&mut self) {
        self.mark_until(|| false);
    }

    /// [`App::mark_when_idle`], a few rows at a time, stopping as soon as `key_waiting` says a key is
    /// waiting (the rest stay due). The event loop calls it when no key is waiting, then draws again: on a
    /// file the system has not cached, a screen of markers can take a tenth of a second, which a key
    /// pressed meanwhile does not wait for.
    pub fn mark_until(&mut self, key_waiting: impl FnMut() -> bool) {
        let page = self.page() as u64;
        if let Screen::List(list) = &mut self.screen
            && let Err(e) = super::load::mark_due(&self.ws, list, page, key_waiting)
        {
            self.error(e.to_string());
        }
    }

    /// The id of the case a view is open on, if one is.
    pub fn case_id(&self) -> Option<i64> {
        match &self.screen {
            Screen::Case(view) => Some(view.case.id),
            Screen::List(_) => None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), error: false, at: self.clock.now() });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message { text: text.into(), error: true, at: self.clock.now() });
    }

    /// Rows of the list on screen that fit, for paging.
    pub fn page(&self) -> usize {
        super::ui::page(self)
    }
}

/// Moves `top` the least needed to keep `selected` within a page of `page` lines.
pub fn keep_visible(selected: usize, top: usize, page: usize) -> usize {
    if selected < top {
        selected
    } else if selected >= top + page {
        selected + 1 - page
    } else {
        top
    }
}
