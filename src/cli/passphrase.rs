//! Where a passphrase comes from: the first line of a file (`--passphrase-file`, `VETDESK_PASSPHRASE_FILE`)
//! or, on a terminal, typed without echo (crossterm's raw mode, which the workstation already uses). Never
//! from a command-line argument or an environment variable holding the secret itself.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal;

use crate::store::Passphrase;
use crate::text::display_path;

/// A passphrase longer than this is not a passphrase file's first line.
const MAX_FILE: u64 = 64 * 1024;

/// The first line of the file at `path`. A pipe works too (`--passphrase-file <(pass show vetdesk)`).
pub fn from_file(path: &Path) -> Result<Passphrase> {
    let shown = display_path(path);
    let unread = |e: std::io::Error| anyhow!("passphrase file {shown}: {}", crate::files::io_reason(&e));
    let file = std::fs::File::open(path).map_err(unread)?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        bail!("passphrase file {shown}: is a folder");
    }
    let mut text = Vec::new();
    file.take(MAX_FILE).read_to_end(&mut text).map_err(unread)?;
    Passphrase::from_first_line(text).with_context(|| format!("passphrase file {shown}"))
}

/// The passphrase of the encrypted workspace at `workspace`: from `file`, else asked on the terminal.
pub fn existing(workspace: &Path, file: Option<&Path>) -> Result<Passphrase> {
    if let Some(file) = file {
        return from_file(file);
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "{}: is not a vetdesk workspace (not a SQLite database), or is an encrypted one: give its \
             passphrase with --passphrase-file FILE or VETDESK_PASSPHRASE_FILE",
            display_path(workspace)
        );
    }
    prompt(&format!("Passphrase for {}: ", display_path(workspace)))
}

/// A new passphrase: from `file`, else typed twice on the terminal.
pub fn new(file: Option<&Path>, flag: &str) -> Result<Passphrase> {
    if let Some(file) = file {
        return from_file(file);
    }
    if !std::io::stdin().is_terminal() {
        bail!("no new passphrase: give it with {flag} FILE (its first line), or run vetdesk on a terminal");
    }
    let first = prompt("New passphrase: ")?;
    let again = prompt("The same passphrase again: ")?;
    if first != again {
        bail!("the two passphrases differ; nothing was changed");
    }
    Ok(first)
}

/// Asks for a passphrase on the terminal with echo off. Esc or Ctrl-C cancels.
pub fn prompt(label: &str) -> Result<Passphrase> {
    let mut err = std::io::stderr();
    // Echo goes off before the prompt shows: keys typed as soon as it appears are never echoed, and a
    // line typed into the terminal's line mode cannot end in a newline raw mode reads as Ctrl-J.
    terminal::enable_raw_mode()?;
    let shown = write!(err, "{label}").and_then(|()| err.flush());
    let typed = shown.map_err(anyhow::Error::from).and_then(|()| read_hidden());
    let _ = terminal::disable_raw_mode();
    writeln!(err)?;
    let typed = typed?.ok_or_else(|| anyhow::anyhow!("cancelled; nothing was changed"))?;
    Ok(Passphrase::from_first_line(typed.into_bytes())?)
}

/// Keys until Enter: `None` when cancelled. Nothing typed is shown.
fn read_hidden() -> Result<Option<String>> {
    let mut typed = String::new();
    loop {
        let Event::Key(key) = event::read()? else { continue };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return Ok(Some(typed)),
            KeyCode::Esc => return Ok(None),
            KeyCode::Char('c' | 'd') if ctrl => return Ok(None),
            KeyCode::Char('u') if ctrl => wipe_string(&mut typed),
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Char(c) if !ctrl => typed.push(c),
            _ => {}
        }
    }
}

/// Empties `s`, overwriting its bytes first.
pub(crate) fn wipe_string(s: &mut String) {
    let mut bytes = std::mem::take(s).into_bytes();
    crate::store::cipher::wipe(&mut bytes);
}
