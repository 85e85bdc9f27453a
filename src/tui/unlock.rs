//! The workstation's own screen asking for an encrypted workspace's passphrase before it opens. What is
//! typed is shown as dots; three wrong passphrases return to the shell (exit 2) with the terminal
//! restored.

use std::path::Path;

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::Theme;
use crate::store::Passphrase;
use crate::store::cipher::wipe;
use crate::text::display_path;
use crate::{Error, Workspace};

/// Wrong passphrases before the workstation gives up.
pub const TRIES: u8 = 3;

/// How asking ended.
pub enum Unlocked {
    Opened(Box<Workspace>),
    /// Esc or Ctrl-C: nothing opened.
    Cancelled,
    /// [`TRIES`] wrong passphrases.
    Refused,
}

/// What the screen shows.
pub struct Prompt {
    /// The workspace, as shown to the user.
    pub file: String,
    typed: String,
    pub wrong: u8,
    /// Drawn while the passphrase is being tried (the key derivation takes a moment).
    pub opening: bool,
}

impl Prompt {
    pub fn new(path: &Path) -> Prompt {
        Prompt { file: display_path(path), typed: String::new(), wrong: 0, opening: false }
    }

    /// Takes one key; `Some(true)` when Enter submits, `Some(false)` when the user cancels.
    pub fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Option<bool> {
        let ctrl = modifiers.contains(KeyModifiers::CONTROL);
        match code {
            KeyCode::Enter if !self.typed.is_empty() => return Some(true),
            KeyCode::Esc => return Some(false),
            KeyCode::Char('c' | 'q') if ctrl => return Some(false),
            KeyCode::Char('u') if ctrl => self.clear(),
            KeyCode::Backspace => {
                self.typed.pop();
            }
            KeyCode::Char(c) if !ctrl => self.typed.push(c),
            _ => {}
        }
        None
    }

    /// The passphrase typed so far, leaving the field empty.
    pub fn take(&mut self) -> Option<Passphrase> {
        let bytes = std::mem::take(&mut self.typed).into_bytes();
        Passphrase::from_first_line(bytes).ok()
    }

    fn clear(&mut self) {
        let mut bytes = std::mem::take(&mut self.typed).into_bytes();
        wipe(&mut bytes);
    }
}

impl Drop for Prompt {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Draws the prompt over the whole frame.
pub fn draw(prompt: &Prompt, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    frame.render_widget(Block::default().style(theme.text()), area);
    let width = area.width.min(64);
    let height = area.height.min(11);
    let [_, middle, _] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(height), Constraint::Fill(1)]).areas(area);
    let [_, boxed, _] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(width), Constraint::Fill(1)]).areas(middle);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(" vetdesk · encrypted workspace ", theme.title()));
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    let dots = "•".repeat(prompt.typed.chars().count().min(usize::from(inner.width.saturating_sub(14))));
    let status = if prompt.opening {
        Line::styled("Opening…", theme.muted())
    } else if prompt.wrong > 0 {
        let left = TRIES - prompt.wrong;
        Line::styled(
            format!("Wrong passphrase: {left} {} left.", if left == 1 { "try" } else { "tries" }),
            theme.danger(),
        )
    } else {
        Line::from("")
    };
    let lines = vec![
        Line::styled(prompt.file.clone(), theme.accent()),
        Line::from("is encrypted. Type its passphrase to open it."),
        Line::from(""),
        Line::from(vec![
            Span::styled("Passphrase: ", theme.title()),
            Span::styled(dots, theme.text()),
            Span::styled("▏", theme.accent()),
        ]),
        Line::from(""),
        status,
        Line::from(""),
        Line::styled("Enter open · Esc quit · Ctrl-U clear", theme.muted()),
    ];
    let text = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).alignment(Alignment::Left), text);
}

/// Asks for the passphrase of the workspace at `path` on the workstation's screen and tries each one
/// with `open` until one works, the user cancels, or [`TRIES`] were wrong. The terminal is restored
/// before this returns.
pub fn ask(
    path: &Path,
    theme: &Theme,
    mut open: impl FnMut(Passphrase) -> anyhow::Result<Workspace>,
) -> anyhow::Result<Unlocked> {
    let ending = super::Ending::register()?;
    let mut terminal = ratatui::init();
    let result = (|| -> anyhow::Result<Unlocked> {
        let mut prompt = Prompt::new(path);
        loop {
            terminal.draw(|f| draw(&prompt, theme, f))?;
            if ending.caught().is_some() {
                return Ok(Unlocked::Cancelled);
            }
            if !event::poll(super::TICK)? {
                continue;
            }
            let Event::Key(key) = event::read()? else { continue };
            if key.kind == KeyEventKind::Release {
                continue;
            }
            match prompt.key(key.code, key.modifiers) {
                None => continue,
                Some(false) => return Ok(Unlocked::Cancelled),
                Some(true) => {}
            }
            let Some(pass) = prompt.take() else { continue };
            prompt.opening = true;
            terminal.draw(|f| draw(&prompt, theme, f))?;
            prompt.opening = false;
            match open(pass) {
                Ok(ws) => return Ok(Unlocked::Opened(Box::new(ws))),
                Err(e) if matches!(e.downcast_ref::<Error>(), Some(Error::WrongPassphrase { .. })) => {
                    prompt.wrong += 1;
                    if prompt.wrong >= TRIES {
                        return Ok(Unlocked::Refused);
                    }
                }
                Err(e) => return Err(e),
            }
        }
    })();
    ratatui::restore();
    if let Some(signal) = ending.caught() {
        // The terminal shows its cursor again when dropped, which exiting would skip.
        drop(terminal);
        std::process::exit(128 + signal);
    }
    result
}
