//! The investigator's workstation: a terminal UI over the same workspace API as the CLI.
//!
//! Data flows one way: a terminal event becomes an [`action::Action`] through the key map, `update`
//! changes the [`app::App`], and `ui::draw` renders it. Long work runs on a worker thread (`job`).

pub mod action;
pub mod app;
mod archive;
pub mod checklist;
mod completion;
pub mod controls;
mod corrections;
pub mod form;
mod forms;
mod help;
pub mod job;
pub mod keymap;
mod load;
mod mouse;
pub mod nav;
mod payment_details;
pub mod pick;
mod purpose;
pub mod read;
pub mod report_view;
pub mod roster;
pub mod search;
pub mod status;
mod status_filter;
mod submit;
pub mod theme;
pub mod ui;
pub mod undo;
pub mod unlock;
pub mod update;
mod upgrade;
mod wording;

use std::time::Duration;

use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
};
use ratatui::crossterm::execute;

pub use app::App;
pub use theme::Theme;

/// How often the UI wakes with no input: to show progress and notice changes from other processes.
pub(crate) const TICK: Duration = Duration::from_millis(200);

/// How long "is a key waiting?" looks. crossterm's /dev/tty event source (the `use-dev-tty` feature, which
/// reads everything the terminal holds) answers a zero timeout from the events it has already parsed
/// only, so the probe waits this long for the terminal itself.
const PROBE: Duration = Duration::from_millis(1);

/// Whether an event is waiting to be read.
fn waiting() -> std::io::Result<bool> {
    event::poll(PROBE)
}

/// Runs the workstation until the user quits. The terminal is restored on every exit, panics included.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let mut ending = Ending::register()?;
    ending.catch_stops()?;
    // ratatui::init installs a panic hook that leaves raw mode and the alternate screen; mouse capture
    // and bracketed paste are ours, so a hook around it turns those off first.
    let mut terminal = ratatui::init();
    let restore_terminal = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        restore_terminal(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &ending);
    let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    // The search worker's connection (read-only) closes first, so that the workspace's own is the last to
    // close and folds the write-ahead log back into the file.
    drop(app.searcher.take());
    if let Some(signal) = ending.caught() {
        // The terminal shows its cursor again when dropped, which exiting would skip.
        drop(terminal);
        drop(app);
        std::process::exit(128 + signal);
    }
    result
}

/// The signals that end the workstation as `q` does (`kill`, a closed terminal, Ctrl-\ or Ctrl-C sent from
/// outside): the terminal is given back as it was and the workspace closed, then the process ends as the
/// signal would have ended it (128 + its number). The loop looks at least every [`TICK`]; a second such
/// signal ends the process at once.
pub(crate) struct Ending {
    caught: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Set by SIGCONT: the process was stopped from outside (`kill -STOP`, the shell's job control) and
    /// goes on; whatever was drawn meanwhile is drawn over.
    continued: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Set by SIGTSTP sent from outside (`kill -TSTP`), once [`Ending::catch_stops`] is called: the
    /// workstation gives the terminal back before it stops, as Ctrl-Z does.
    stop_asked: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Ending {
    pub(crate) fn register() -> std::io::Result<Ending> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let once = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            // The second signal finds `once` set and ends the process; the first sets it.
            signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, std::sync::Arc::clone(&once))?;
            signal_hook::flag::register(signal, std::sync::Arc::clone(&once))?;
            signal_hook::flag::register_usize(signal, std::sync::Arc::clone(&caught), signal.unsigned_abs() as usize)?;
        }
        let continued = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        signal_hook::flag::register(signal_hook::consts::SIGCONT, std::sync::Arc::clone(&continued))?;
        let stop_asked = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        Ok(Ending { caught, continued, stop_asked })
    }

    /// Catches SIGTSTP from here on: a stop asked from outside waits for the loop, which hands the terminal
    /// back first (with SIGTSTP's default action the process would stop with the terminal still in raw
    /// mode, on the alternate screen, until `fg`).
    fn catch_stops(&mut self) -> std::io::Result<()> {
        signal_hook::flag::register(signal_hook::consts::SIGTSTP, std::sync::Arc::clone(&self.stop_asked))?;
        Ok(())
    }

    /// Whether a stop was asked from outside since this was last asked.
    fn stop_asked(&self) -> bool {
        self.stop_asked.swap(false, std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether the process was continued after a stop since this was last asked.
    fn continued(&self) -> bool {
        self.continued.swap(false, std::sync::atomic::Ordering::Relaxed)
    }

    pub(crate) fn caught(&self) -> Option<i32> {
        match self.caught.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            n => i32::try_from(n).ok(),
        }
    }
}

/// Makes the next frame draw every cell, whatever the terminal shows now.
fn redraw_all(terminal: &mut ratatui::DefaultTerminal) -> std::io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Ctrl-Z, or SIGTSTP from outside (`asked` says which): gives the terminal back as it was before vetdesk
/// started and stops the process, as a shell's job control stops a program; once the shell brings it back
/// (`fg`), takes the terminal again and draws the whole screen. The workspace stays open meanwhile, as it
/// is between two keys. Where no shell could bring it back, nothing is stopped and the workstation says so.
fn suspend(terminal: &mut ratatui::DefaultTerminal, app: &mut App, asked: &str) -> anyhow::Result<()> {
    if !a_shell_can_continue() {
        app.info(format!("{asked}: no shell started vetdesk here to bring it back with fg, so nothing was suspended"));
        return Ok(());
    }
    let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    terminal.show_cursor()?;
    // Stops here until SIGCONT, with the whole job: a script that started vetdesk stops too, so that the
    // shell sees its job stopped (it waits on the script, not on vetdesk). SIGTSTP is caught here (see
    // `Ending::catch_stops`), so the stop is SIGSTOP, which nothing can catch; the shell's `fg` continues
    // the whole group.
    rustix::process::kill_process_group(rustix::process::getpgrp(), rustix::process::Signal::STOP)?;
    take_terminal(terminal)
}

/// Whether a shell's job control can bring the workstation back after a stop: a job-control shell gave
/// its job (the workstation, or a script that started it) a process group of its own, apart from the
/// session's (a terminal window or multiplexer that started it directly, or a script run without job
/// control, `sh -c`, as the session's first program, leave it in the session's group: nothing could
/// continue it); and its parent, the shell or a script a shell started, is in its session (a parent
/// gone, the process handed to init, is not).
fn a_shell_can_continue() -> bool {
    use rustix::process::{getpgrp, getppid, getsid};
    let Ok(ours) = getsid(None) else { return false };
    getpgrp() != ours && getppid().is_some_and(|parent| getsid(Some(parent)).ok() == Some(ours))
}

/// Takes the terminal (again) as the workstation needs it, and draws the whole screen on the next frame:
/// after Ctrl-Z, and after a stop from outside, when a shell may have reset the terminal's modes and
/// written over the screen.
fn take_terminal(terminal: &mut ratatui::DefaultTerminal) -> anyhow::Result<()> {
    // After a stop from outside, crossterm still counts raw mode as on (nothing here turned it off) and
    // would leave the terminal as the shell set it, cooked: turned off first, raw mode is set anew.
    ratatui::crossterm::terminal::disable_raw_mode()?;
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    terminal.hide_cursor()?;
    redraw_all(terminal)?;
    Ok(())
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, ending: &Ending) -> anyhow::Result<()> {
    // crossterm starts listening for resizes (SIGWINCH) at the first poll: poll once before the first
    // frame, or a resize right after it would go unnoticed.
    event::poll(Duration::ZERO)?;
    while !app.quit && ending.caught().is_none() {
        let size = terminal.size()?;
        update::resize(app, size.width, size.height);
        terminal.draw(|frame| ui::draw(app, frame))?;
        // Rows just brought to the screen get their link markers once no key is waiting, then the
        // frame is drawn again with them.
        if app.marks_due() && !waiting()? {
            app.mark_until(|| waiting().unwrap_or(true));
            continue;
        }
        // While a search answer is on its way, wake often enough to show it as soon as it comes.
        let wait = if search::waiting(app) { Duration::from_millis(10) } else { TICK };
        if event::poll(wait)? {
            let mut event = event::read()?;
            let mut resized = false;
            loop {
                resized |= matches!(event, Event::Resize(..));
                update::handle_event(app, &event);
                // Take in whatever else is queued (a paste, a resize storm) before drawing again.
                if app.quit || !waiting()? {
                    break;
                }
                event = event::read()?;
            }
            // A resize can leave the terminal's cells anything at all (a window dragged down to one
            // cell and back in one batch ends at the size last drawn, so ratatui would redraw nothing):
            // clear and draw the whole screen again. (`Terminal::clear` would also ask the terminal
            // where its cursor is, and fail the workstation when no answer comes in time.)
            if resized {
                redraw_all(terminal)?;
            }
            if std::mem::take(&mut app.suspend) {
                suspend(terminal, app, "Ctrl-Z")?;
                ending.continued(); // the continue that ended this stop: the terminal is taken already
            }
        }
        if ending.stop_asked() {
            suspend(terminal, app, "a stop signal (SIGTSTP) came")?;
            ending.continued();
        }
        if ending.continued() {
            take_terminal(terminal)?;
        }
        update::tick(app);
    }
    if let Some(job) = &app.job {
        job.cancel();
    }
    Ok(())
}
