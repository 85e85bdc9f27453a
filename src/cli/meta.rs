//! Commands about vetdesk itself rather than a workspace: shell completions, the manual page and where
//! the config file is. None of them opens a workspace.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Subcommand};

use super::output::{self, say, tell};
use super::{Cli, Outcome};
use crate::config;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write vetdesk.1 and one page per subcommand (vetdesk-case-new.1, …) into this folder instead
    /// of printing vetdesk.1 to standard output.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Replace pages a `vetdesk man --output` wrote there before. Any other file under a page's name (a
    /// workspace, an evidence file) is never replaced.
    #[arg(long, requires = "output")]
    overwrite: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file vetdesk reads (VETDESK_CONFIG, else config.toml in your config
    /// folder) and say on standard error whether it exists.
    Path {
        #[arg(long)]
        json: bool,
    },
}

/// The clap command the parser uses, as completions and manual pages describe it: without the hidden
/// internal command, which bash completions would otherwise offer.
fn command() -> clap::Command {
    let full = Cli::command();
    let visible: Vec<clap::Command> = full.get_subcommands().filter(|s| !s.is_hide_set()).cloned().collect();
    let mut cmd = clap::Command::new("vetdesk")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    if let Some(after) = full.get_after_help() {
        cmd = cmd.after_help(after.clone());
    }
    cmd
}

/// `vetdesk completions SHELL`: the completion script on standard output.
pub fn completions(a: &CompletionsArgs) -> Outcome {
    let mut script = Vec::new();
    clap_complete::generate(a.shell, &mut command(), "vetdesk", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// `vetdesk man [--output DIR]`: the manual page in roff.
pub fn man(a: &ManArgs) -> Outcome {
    match &a.output {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command()).render(&mut page)?;
            std::io::stdout().lock().write_all(&page)?;
        }
        Some(dir) => {
            let written = write_pages(dir, a.overwrite)?;
            tell!("wrote {} manual pages into {}", written, crate::text::display_path(dir));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes one page for vetdesk and one for every visible subcommand, named as `man` looks them up
/// (`vetdesk-case-new.1`), each left readable by everyone (0644): a manual page holds nothing private.
/// A file already under a page's name is replaced only with `overwrite`, and only when it is a page
/// vetdesk wrote; otherwise nothing is written.
fn write_pages(dir: &Path, overwrite: bool) -> anyhow::Result<usize> {
    use std::os::unix::fs::PermissionsExt;
    if !dir.exists() {
        anyhow::bail!("{}: no such folder; make it first (mkdir -p)", crate::text::display_path(dir));
    }
    if !dir.is_dir() {
        anyhow::bail!("{}: is not a folder", crate::text::display_path(dir));
    }
    let mut root = command().disable_help_subcommand(true);
    root.build();
    let mut pages = Vec::new();
    collect_pages(&root, &mut pages);
    let pages: Vec<(PathBuf, clap_mangen::Man)> = pages
        .into_iter()
        .map(|cmd| {
            let man = clap_mangen::Man::new(cmd);
            (dir.join(man.get_filename()), man)
        })
        .collect();
    let there: Vec<&PathBuf> = pages.iter().map(|(path, _)| path).filter(|p| p.symlink_metadata().is_ok()).collect();
    for path in &there {
        crate::export::check_target(path)?;
        if overwrite && !is_manual_page(path) {
            anyhow::bail!(
                "{}: is there and is not a manual page vetdesk wrote; nothing was written. Give another folder",
                crate::text::display_path(path)
            );
        }
    }
    if let Some(first) = there.first().filter(|_| !overwrite) {
        let others = match there.len() - 1 {
            0 => String::new(),
            1 => " and 1 other page".to_string(),
            n => format!(" and {n} other pages"),
        };
        anyhow::bail!(
            "{}{others}: already there; nothing was written. Give another folder, or --overwrite to replace \
             pages vetdesk wrote",
            crate::text::display_path(first)
        );
    }
    for (path, man) in &pages {
        let mut page = Vec::new();
        man.render(&mut page)?;
        crate::export::write_private(path, &page)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    Ok(pages.len())
}

/// Whether the file at `path` begins as `vetdesk man` writes the page of its name: the roff preamble, then
/// that page's title line and its name section. Only its first 4 KiB are read.
fn is_manual_page(path: &Path) -> bool {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut bytes));
    let text = String::from_utf8_lossy(&bytes);
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut lines = text.lines();
    let head = [lines.next(), lines.next(), lines.next(), lines.next(), lines.next()];
    let man_name = name.replace('-', "\\-");
    read.is_ok()
        && head[0] == Some(r".ie \n(.g .ds Aq \(aq")
        && head[1] == Some(".el .ds Aq '")
        && head[2].is_some_and(|l| l.starts_with(&format!(".TH {name} 1 ")))
        && head[3] == Some(".SH NAME")
        && head[4].is_some_and(|l| l.starts_with(&format!("{man_name} \\- ")))
}

fn collect_pages(cmd: &clap::Command, pages: &mut Vec<clap::Command>) {
    pages.push(cmd.clone());
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect_pages(sub, pages);
    }
}

/// `vetdesk config path`: the path alone on standard output, for scripts; whether it exists on
/// standard error, for people.
pub fn config(command: &ConfigCommand) -> Outcome {
    let ConfigCommand::Path { json } = command;
    let from_env = std::env::var_os("VETDESK_CONFIG").is_some_and(|p| !p.is_empty());
    let Some(path) = config::config_path() else {
        anyhow::bail!("no home folder to look for config.toml in; set VETDESK_CONFIG to a file");
    };
    let exists = std::fs::symlink_metadata(&path).is_ok();
    let source = if from_env { "VETDESK_CONFIG" } else { "default" };
    if *json {
        return output::json(&serde_json::json!({ "path": path, "exists": exists, "source": source }));
    }
    say!("{}", path.display())?;
    let from = if from_env { " (from VETDESK_CONFIG)" } else { "" };
    if exists {
        tell!("vetdesk: the config file exists{from}");
    } else {
        tell!("vetdesk: no file there yet{from}: every setting has its default (see README, The workspace)");
    }
    Ok(ExitCode::SUCCESS)
}

/// How vetdesk was run, as a command to type again from the same folder: `vetdesk` when found on the
/// `PATH`, `target/release/vetdesk` after `cargo run --release` (cargo gives the full path; a path
/// under the current folder is shortened to start there). Quoted when it holds a space.
pub fn invoked_as() -> String {
    let arg0 = std::env::args_os().next().unwrap_or_default();
    program_as_typed(&arg0, std::env::current_dir().ok().as_deref())
}

fn program_as_typed(arg0: &std::ffi::OsStr, cwd: Option<&Path>) -> String {
    if arg0.is_empty() {
        return "vetdesk".into();
    }
    let path = Path::new(arg0);
    let shown = match cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let shown = crate::text::display_path(shown);
    if shown.contains(' ') && !shown.starts_with('"') { format!("'{shown}'") } else { shown }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn the_program_is_shown_as_it_can_be_typed_again() {
        let repo = Path::new("/home/ana/vetdesk");
        let typed = |arg0: &str| program_as_typed(OsStr::new(arg0), Some(repo));
        assert_eq!(typed("vetdesk"), "vetdesk");
        assert_eq!(typed("/home/ana/vetdesk/target/release/vetdesk"), "target/release/vetdesk");
        assert_eq!(typed("/opt/bin/vetdesk"), "/opt/bin/vetdesk");
        assert_eq!(typed("./vetdesk"), "./vetdesk");
        assert_eq!(typed("/home/ana/my tools/vetdesk"), "'/home/ana/my tools/vetdesk'");
        assert_eq!(typed(""), "vetdesk");
    }
}
