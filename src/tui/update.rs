//! `update`: the one place the TUI's state changes. Events go through a fixed order: an overlay first,
//! then the focused text field (inside a form overlay), then the screen's keys, then global keys.

use super::undo::Undo;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::{App, LinksLine, Overlay, OverviewLine, Pending, Screen, Tab, keep_visible};
use super::form::FormEvent;
use super::job::Job;
use super::keymap::{self, Context};
use super::load::{build_report, ensure_window, load_list};
pub(super) use super::nav::step;
use super::{forms, submit};
use crate::domain::MarkState;
use crate::store::cases::{ArchivedCases, CaseSort};
use crate::workspace::Decision;

/// The most characters of a paste a search line takes.
const PASTE_INTO_LINE: usize = 200;

/// Feeds one terminal event to the app.
pub fn handle_event(app: &mut App, event: &Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => on_key(app, *key),
        Event::Paste(text) => {
            if let Some(Overlay::Form(form)) = &mut app.overlay {
                form.paste(text);
            } else if app.overlay.is_none()
                && (super::search::context(app).is_some() || super::checklist::context(app).is_some())
            {
                // A search line takes a paste as typed words: one line (a line break or a control is a
                // space), at most [`PASTE_INTO_LINE`] characters.
                let typed = text.chars().map(|c| if c.is_control() { ' ' } else { c }).take(PASTE_INTO_LINE);
                for c in typed {
                    on_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
            }
        }
        Event::Mouse(mouse) => super::mouse::event(app, mouse),
        Event::Resize(w, h) => resize(app, *w, *h),
        _ => {}
    }
    if let Screen::Case(view) = &mut app.screen
        && let Err(e) = super::load::check_links(&app.ws, view)
    {
        app.error(super::wording::error(&e));
    }
}

/// The contexts whose keys apply now, narrowest first.
pub fn contexts(app: &App) -> Vec<Context> {
    if app.controls.is_some() {
        return vec![Context::Controls];
    }
    if app.roster.is_some() {
        return vec![Context::Roster];
    }
    let line = super::search::context(app).or_else(|| super::checklist::context(app));
    if let Some(ctx) = line.or_else(|| super::status_filter::context(app)) {
        return vec![ctx];
    }
    match &app.screen {
        Screen::List(_) => vec![Context::CaseList],
        Screen::Case(view) => {
            let tab = match view.tab {
                Tab::Overview => Context::Overview,
                Tab::RedFlags | Tab::DueDiligence => Context::Checklist,
                Tab::Evidence => Context::Evidence,
                Tab::Notes => Context::Notes,
                Tab::Links => Context::Links,
                Tab::Report => Context::Report,
            };
            vec![tab, Context::CaseView]
        }
    }
}

/// The terminal's size, at a resize or before a draw: the report is re-wrapped for a new width, and a
/// taller case list gets the rows it now shows (with their link markers).
pub fn resize(app: &mut App, width: u16, height: u16) {
    let size = ratatui::layout::Rect::new(0, 0, width, height);
    if size != app.size {
        app.size = size;
        super::report_view::refit(app);
        let page = app.page();
        if let Screen::List(list) = &mut app.screen {
            list.top = keep_visible(list.selected as usize, list.top as usize, page) as u64;
            if let Err(e) = ensure_window(&app.ws, list, list.top, page as u64) {
                app.error(e.to_string());
            }
        }
    }
}

/// Whether a form is open holding text other than what it opened with.
pub fn typed_in_form(app: &App) -> bool {
    matches!(&app.overlay, Some(Overlay::Form(form)) if form.edited())
}

fn on_key(app: &mut App, key: KeyEvent) {
    super::status::on_key(app);
    match keymap::resolve(&[], &key) {
        Some(Action::QuitAll) => return super::nav::quit_all(app),
        // From any screen or dialog; in a form Ctrl-Z takes back the field's last clear (see `Form::key`).
        Some(Action::Suspend) if !matches!(app.overlay, Some(Overlay::Form(_))) => {
            app.suspend = true;
            return;
        }
        _ => {}
    }
    // Below the smallest size only the notice is drawn: no key acts on a screen nobody can see, and q quits,
    // as the notice says.
    let (width, height) = (app.size.width, app.size.height);
    if width > 0 && (width < super::ui::MIN_WIDTH || height < super::ui::MIN_HEIGHT) {
        if key.code == KeyCode::Char('q') {
            // Text typed in a form nobody can see now is lost only to a second q, which the notice asks for.
            if typed_in_form(app) && !app.small_quit_asked {
                app.small_quit_asked = true;
                return;
            }
            app.overlay = None;
            super::nav::quit_all(app);
        }
        return;
    }
    app.small_quit_asked = false;
    // A search line or the status picker, when open, is the focused field: it takes keys first.
    if app.overlay.is_none()
        && (super::search::on_key(app, key)
            || super::checklist::on_key(app, key)
            || super::status_filter::on_key(app, key))
    {
        return;
    }
    // Esc cancels the job only when nothing stands in front of it: a form or a question takes its own Esc.
    if key.code == KeyCode::Esc
        && app.overlay.is_none()
        && let Some(job) = &app.job
    {
        job.cancel();
        app.info("cancelling…");
        return;
    }
    match app.overlay.take() {
        Some(Overlay::Form(mut form)) => match form.key(key) {
            FormEvent::Submit => submit::submit(app, *form),
            FormEvent::Cancel => {}
            FormEvent::Handled => app.overlay = Some(Overlay::Form(form)),
        },
        Some(Overlay::Help { scroll }) => super::help::key(app, scroll, &key),
        Some(Overlay::Read(reading)) => super::read::key(app, reading, &key),
        Some(Overlay::Confirm { question, then }) => match keymap::resolve(&[Context::Confirm], &key) {
            Some(Action::Confirm) => submit::confirmed(app, then),
            // Declining to quit while a file is hashed leaves the hashing to go on: "cancelled" would say
            // the opposite.
            Some(Action::Cancel) if matches!(then, Pending::QuitDuringJob) && app.job.is_some() => {
                app.info("not quitting; the work goes on")
            }
            Some(Action::Cancel) if matches!(then, Pending::QuitDuringJob) => app.info("not quitting"),
            // Not replacing the file puts the form back with the name given, to change it.
            Some(Action::Cancel) => match then {
                Pending::Overwrite { path, case_id, redact } => {
                    let form = super::forms::export_to(case_id, redact, &path.to_string_lossy());
                    app.overlay = Some(Overlay::Form(Box::new(form)));
                    app.info("not replaced: give another name, or Esc");
                }
                // Not closing puts the status form back as it was sent, to pick another finding or status.
                Pending::CloseCase { case_id, status, disposition, was } => match app.ws.case(case_id) {
                    Ok(mut case) => {
                        (case.status, case.disposition) = (status, disposition);
                        let mut form = super::forms::change_status(&case);
                        form.base = Some(was);
                        app.overlay = Some(Overlay::Form(Box::new(form)));
                        app.info("not closed: pick another status or finding, or Esc");
                    }
                    Err(_) => app.info("cancelled"),
                },
                _ => app.info("cancelled"),
            },
            _ => app.overlay = Some(Overlay::Confirm { question, then }),
        },
        Some(Overlay::Choose(choose)) => {
            let picked = match key.code {
                KeyCode::Char(c) => choose.options.iter().find(|o| o.key == c).map(|o| o.form),
                _ => None,
            };
            match (picked, key.code) {
                (Some(make), _) => app.overlay = Some(Overlay::Form(Box::new(make(app)))),
                (None, KeyCode::Esc) => {}
                (None, _) => app.overlay = Some(Overlay::Choose(choose)),
            }
        }
        None => match keymap::resolve(&contexts(app), &key) {
            Some(action) => update(app, action),
            // A letter or sign that means nothing here is said to, rather than seeming not to arrive.
            None => {
                if let KeyCode::Char(c) = key.code
                    && !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                {
                    let shown = crate::text::for_terminal(&c.to_string()).into_owned();
                    app.info(format!("{shown} does nothing here · ? lists the keys"));
                }
            }
        },
    }
}

/// Carries out one action.
pub fn update(app: &mut App, action: Action) {
    if let Err(e) = try_update(app, action) {
        app.error(super::wording::error(&e));
    }
}

fn try_update(app: &mut App, action: Action) -> crate::Result<()> {
    if app.controls.is_some() {
        return super::controls::update(app, action);
    }
    if app.roster.is_some() {
        return super::roster::update(app, action);
    }
    let page = app.page();
    match action {
        Action::QuitAll => super::nav::quit_all(app),
        Action::Suspend => app.suspend = true,
        Action::Quit => match &app.screen {
            Screen::Case(_) => super::nav::back_or_list(app)?,
            Screen::List(_) => super::nav::quit_from_list(app),
        },
        Action::Help => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Back => match &mut app.screen {
            // A checklist tab with a search or flagged-only filter kept shows every item again first.
            Screen::Case(view) if super::checklist::narrowed(view) => {
                super::checklist::clear(view);
                app.info("every item shown");
            }
            Screen::Case(_) => super::nav::back_or_list(app)?,
            Screen::List(list) if list.search.is_some() => {
                list.search = None;
                list.selected = 0;
                list.top = 0;
                load_list(&app.ws, list, page as u64)?;
            }
            Screen::List(_) => {}
        },
        Action::Refresh => {
            app.reload()?;
            app.info("reloaded");
        }
        Action::Up => step(app, -1)?,
        Action::Down => step(app, 1)?,
        Action::PageUp => step(app, -(page as i64))?,
        Action::PageDown => step(app, page as i64)?,
        Action::Top => step(app, i64::MIN / 2)?,
        Action::Bottom => step(app, i64::MAX / 2)?,
        Action::Open => match &app.screen {
            Screen::List(list) => match selected_case(list) {
                Some(id) => app.open_case(id)?,
                None => app.info("no case to open here: n opens a new one"),
            },
            Screen::Case(view) if view.tab == Tab::Links => {
                let from = view.case.id;
                match view.links_line(view.selection()) {
                    Some(LinksLine::Link(i)) => match view.links[i].other_case() {
                        Some(id) => {
                            app.follow_link(id)?;
                            app.info(format!("case #{id}, linked from #{from} · Esc returns to case #{from}"));
                        }
                        None => app.info("a reference-list match: there is no case to open"),
                    },
                    Some(LinksLine::Suggestion(_)) => app.info("A accepts this suggestion, D dismisses it"),
                    None => app.info("no linked case to open"),
                }
            }
            Screen::Case(_) => {}
        },
        Action::Search => match &app.screen {
            Screen::List(_) => super::search::open(app),
            Screen::Case(_) => super::checklist::open(app),
        },
        Action::PickStatus => super::status_filter::open(app),
        Action::ShowStatus(choice) => {
            if let Screen::List(list) = &mut app.screen {
                super::status_filter::apply(&mut list.query, choice);
                list.selected = 0;
                list.top = 0;
                load_list(&app.ws, list, page as u64)?;
            }
        }
        Action::FlaggedOnly => super::checklist::toggle_flagged(app),
        Action::NextMatch => super::checklist::next_match(app),
        Action::NewCase => app.overlay = Some(Overlay::Form(Box::new(forms::new_case()))),
        Action::CycleSort
        | Action::ReverseSort
        | Action::FilterPriority
        | Action::CycleShown
        | Action::ClearFilters => {
            if let Screen::List(list) = &mut app.screen {
                let q = &mut list.query;
                match action {
                    Action::CycleSort => {
                        let i = CaseSort::ALL.iter().position(|s| *s == q.sort).unwrap_or(0);
                        q.sort = CaseSort::ALL[(i + 1) % CaseSort::ALL.len()];
                    }
                    Action::ReverseSort => q.descending = !q.descending,
                    Action::FilterPriority => q.priority = next(crate::domain::Priority::ALL, q.priority),
                    Action::CycleShown => (q.hide_closed, q.archived) = next_shown(q.hide_closed, q.archived),
                    _ => {
                        q.status = None;
                        q.priority = None;
                        q.hide_closed = false;
                        q.archived = ArchivedCases::Hidden;
                        list.search = None;
                    }
                }
                list.selected = 0;
                list.top = 0;
                load_list(&app.ws, list, page as u64)?;
            }
        }
        Action::NextTab | Action::PrevTab | Action::Tab(_) => {
            let width = super::report_view::width(app.size);
            if let Screen::Case(view) = &mut app.screen {
                let i = view.tab.index();
                let n = Tab::ALL.len();
                view.tab = match action {
                    Action::NextTab => Tab::ALL[(i + 1) % n],
                    Action::PrevTab => Tab::ALL[(i + n - 1) % n],
                    Action::Tab(t) => Tab::ALL[usize::from(t).min(n - 1)],
                    _ => view.tab,
                };
                if view.tab == Tab::Report && (view.report.is_none() || view.report_width != width) {
                    build_report(&app.ws, view, width)?;
                }
            }
        }
        Action::CycleState | Action::Flag | Action::Clear | Action::NotApplicable | Action::Reopen => {
            let Some((case_id, code, state)) = selected_item(app) else { return Ok(()) };
            let to = match action {
                Action::CycleState => match state {
                    MarkState::Open => MarkState::Flagged,
                    MarkState::Flagged => MarkState::Clear,
                    MarkState::Clear => MarkState::Na,
                    MarkState::Na => MarkState::Open,
                },
                Action::Flag => MarkState::Flagged,
                Action::Clear => MarkState::Clear,
                Action::NotApplicable => MarkState::Na,
                _ => MarkState::Open,
            };
            if to != state {
                let note = match &app.screen {
                    Screen::Case(view) => view.checklist.iter().find(|e| e.item.code == code).map(|e| e.note.clone()),
                    Screen::List(_) => None,
                };
                let a = app.ws.set_mark(case_id, &code, to, None)?;
                super::undo::push(
                    app,
                    Undo::Mark { case_id, code: code.clone(), state, note: note.unwrap_or_default() },
                );
                app.reload()?;
                app.info(format!("{code} {to} · risk {} ({}) · reviewed {}/{}", a.score, a.band, a.reviewed, a.total));
            }
        }
        Action::EditNote | Action::LinkEvidence => {
            let Some((case_id, code, _)) = selected_item(app) else { return Ok(()) };
            let mut form = if action == Action::EditNote {
                forms::mark_note(app, case_id, &code)
            } else {
                forms::link_evidence(app, &code)?
            };
            form.base = super::submit::record_now(app, &form.purpose)?;
            app.overlay = Some(Overlay::Form(Box::new(form)));
        }
        Action::Add => {
            let Screen::Case(view) = &app.screen else { return Ok(()) };
            let case_id = view.case.id;
            app.overlay = Some(match view.tab {
                Tab::Overview => Overlay::Choose(forms::add_to_overview()),
                Tab::Evidence => Overlay::Form(Box::new(forms::add_evidence(case_id))),
                Tab::Notes => Overlay::Form(Box::new(forms::add_note(case_id))),
                _ => return Ok(()),
            });
        }
        Action::Edit => super::corrections::edit(app)?,
        Action::PaymentDetails => {
            let Screen::Case(view) = &app.screen else { return Ok(()) };
            match view.overview_lines().get(view.selection()) {
                Some(OverviewLine::Payment(i)) => {
                    let payment = &view.payments[*i];
                    if payment.void.is_some() {
                        return Err(super::corrections::voided("payment", payment.id));
                    }
                    let mut form = super::payment_details::form(payment);
                    form.base = super::submit::record_now(app, &form.purpose)?;
                    app.overlay = Some(Overlay::Form(Box::new(form)));
                }
                _ => app.info("select a payment first: i opens the IC3 form's fields for its type"),
            }
        }
        Action::EditCase => {
            if let Screen::Case(view) = &app.screen {
                let mut form = forms::edit_case(&view.case);
                form.base = super::submit::record_now(app, &form.purpose)?;
                app.overlay = Some(Overlay::Form(Box::new(form)));
            }
        }
        Action::ChangeStatus => {
            if let Screen::Case(view) = &app.screen {
                let mut form = forms::change_status(&view.case);
                form.base = super::submit::record_now(app, &form.purpose)?;
                app.overlay = Some(Overlay::Form(Box::new(form)));
            }
        }
        Action::OrganisationControls => app.open_controls()?,
        Action::Roster => app.open_roster()?,
        Action::UpgradeCase => super::upgrade::ask(app)?,
        Action::Archive => {
            if let Screen::Case(view) = &app.screen {
                app.overlay = Some(Overlay::Form(Box::new(super::archive::form(&view.case))));
            }
        }
        Action::VerifyEvidence => {
            let Screen::Case(view) = &app.screen else { return Ok(()) };
            if app.job.is_some() {
                app.error("wait for the current job to finish, or press Esc to cancel it");
            } else if view.evidence.is_empty() {
                app.info("no evidence to verify");
            } else {
                let case_id = view.case.id;
                app.job = Some(Job::verify(view.evidence.clone(), super::job::Then::RecordChecks { case_id }));
            }
        }
        Action::Undo => super::undo::undo_last(app)?,
        Action::Read => super::read::open(app),
        Action::Void => super::corrections::void(app),
        Action::RelocateEvidence => {
            let Screen::Case(view) = &app.screen else { return Ok(()) };
            match view.evidence.get(view.selection()).filter(|_| view.tab == Tab::Evidence) {
                Some(e) => app.overlay = Some(Overlay::Form(Box::new(forms::relocate_evidence(e)))),
                None => app.info("no evidence to relocate: a attaches a file"),
            }
        }
        Action::ToggleRedact => {
            let width = super::report_view::width(app.size);
            if let Screen::Case(view) = &mut app.screen {
                view.redact = !view.redact;
                build_report(&app.ws, view, width)?;
                let state = if view.redact { "on" } else { "off" };
                app.info(format!("redaction {state}"));
            }
        }
        Action::Export => {
            if let Screen::Case(view) = &app.screen {
                app.overlay = Some(Overlay::Form(Box::new(forms::export(view.case.id, view.redact))));
            }
        }
        Action::Answers => {
            if let Screen::Case(view) = &app.screen {
                let mut form = forms::answers(view.case.id, &view.answers);
                form.base = super::submit::record_now(app, &form.purpose)?;
                app.overlay = Some(Overlay::Form(Box::new(form)));
            }
        }
        Action::AcceptSuggestion | Action::DismissSuggestion => {
            let Screen::Case(view) = &app.screen else { return Ok(()) };
            if view.tab != Tab::Links {
                return Ok(());
            }
            let decision = if action == Action::AcceptSuggestion { Decision::Accept } else { Decision::Dismiss };
            match view.selected_suggestion() {
                Some(s) => {
                    let form = forms::decide_suggestion(view.case.id, s, decision);
                    app.overlay = Some(Overlay::Form(Box::new(form)));
                }
                None => app.info(no_suggestion(view)),
            }
        }
        Action::Confirm
        | Action::Cancel
        | Action::MarkInPlace
        | Action::MarkGap
        | Action::KeepSearch
        | Action::CancelSearch
        | Action::ClearSearch => {}
        // Keys of the Roster screen, handled above while it is open.
        Action::FilterHitKind | Action::DismissHit => {}
    }
    Ok(())
}

/// Why A and D do nothing on the selected line of the links tab.
fn no_suggestion(view: &super::app::CaseView) -> String {
    let Some(LinksLine::Link(i)) = view.links_line(view.selection()) else {
        return "nothing to decide: the links tab is empty".into();
    };
    match view.links[i].suggests() {
        None => "a weak link suggests no checklist item on its own".into(),
        Some(code) => format!("{code} is already flagged, or its suggestion was decided"),
    }
}

/// What the case list shows after `c`: all but archived cases, then closed ones hidden too, then archived
/// cases only, then round again.
fn next_shown(hide_closed: bool, archived: ArchivedCases) -> (bool, ArchivedCases) {
    match (hide_closed, archived) {
        (false, ArchivedCases::Hidden) => (true, ArchivedCases::Hidden),
        (true, _) => (false, ArchivedCases::Only),
        (false, _) => (false, ArchivedCases::Hidden),
    }
}

fn next<T: Copy + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) if i + 1 < all.len() => Some(all[i + 1]),
        Some(_) => None,
    }
}

/// Esc or q in a case: back to the case a link was followed from, or else to the case list.
fn selected_case(list: &super::app::CaseList) -> Option<i64> {
    let i = list.selected.checked_sub(list.window_start)?;
    list.rows.get(usize::try_from(i).ok()?).map(|r| r.row.id)
}

/// The checklist item under the selection: case id, code, state.
fn selected_item(app: &App) -> Option<(i64, String, MarkState)> {
    let Screen::Case(view) = &app.screen else { return None };
    let kind = view.tab.kind()?;
    let items = view.items(kind);
    let entry = items.get(view.selection())?;
    Some((view.case.id, entry.item.code.clone(), entry.state))
}

/// Called between events: takes in finished work, and reloads when another process changed the workspace.
pub fn tick(app: &mut App) {
    super::status::expire(app);
    super::search::poll(app);
    if let Some(job) = &mut app.job
        && let Some(outcome) = job.poll()
    {
        let job = app.job.take().expect("a job was running");
        submit::job_done(app, job, outcome);
        super::nav::work_finished_while_asked(app);
    }
    match app.ws.data_version() {
        Ok(v) if v != app.seen_version && app.overlay.is_none() => {
            if let Err(e) = app.reload() {
                app.error(super::wording::error(&e));
            }
            super::undo::forget_if_overtaken(app);
        }
        _ => {}
    }
}
