//! The headless CLI: one file per noun. Every command opens the workspace, calls the library and
//! prints; read commands take `--json` for stable machine-readable output.

mod audit;
mod bundle;
mod case;
mod case_list;
mod catalog;
mod check;
mod cipher;
mod corrections;
mod evidence;
mod export;
mod ident;
mod links;
mod links_all;
mod meta;
mod misc;
mod note;
mod output;
mod paging;
mod passphrase;
mod payment;
mod roster;
mod search;
mod subject;
mod values;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::Workspace;
use crate::config::{self, Config};
use output::say;

#[derive(Debug, Parser)]
#[command(
    name = "vetdesk",
    version,
    about = "Offline workstation for vetting remote IT workers against the FBI, FBI/ROK and DOJ advisories \
             on North Korean IT workers",
    after_help = "Workspace: --db PATH, else $VETDESK_DB, else workspace.db in your data folder.\n\
                  Exit status: 0 ok, 1 a verification found a problem, 2 an error (nothing was changed)."
)]
pub struct Cli {
    /// Workspace file (overrides VETDESK_DB and the default).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Colour theme for the workstation: dark, light, high-contrast, a theme file's path, or NAME for
    /// themes/NAME.toml beside the config file (overrides the config file).
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
    /// For an encrypted workspace: a file whose first line is its passphrase (for scripts; on a terminal
    /// vetdesk asks without echo). The passphrase itself is never taken from the command line.
    #[arg(long, global = true, value_name = "FILE", env = "VETDESK_PASSPHRASE_FILE")]
    pub passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or upgrade the workspace and print its path.
    Init(cipher::InitArgs),
    /// Encrypt the workspace (SQLCipher): a checked encrypted copy replaces it, and the plain file is
    /// overwritten with zeros and deleted.
    Encrypt,
    /// Turn an encrypted workspace back into a plain one, checked and swapped in the same way.
    Decrypt,
    /// Change the passphrase of an encrypted workspace.
    Rekey(cipher::RekeyArgs),
    /// Open, list, show and update cases.
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// People and businesses in a case: candidate, facilitator, vendor, reference.
    #[command(subcommand)]
    Subject(subject::SubjectCommand),
    /// Identifiers: email, phone, address, bank account, routing number, IP, …
    #[command(subcommand)]
    Ident(ident::IdentCommand),
    /// Payments made to, or asked for by, a subject.
    #[command(subcommand)]
    Payment(Box<payment::PaymentCommand>),
    /// The red-flag and due-diligence checklist of a case.
    #[command(subcommand)]
    Check(check::CheckCommand),
    /// Evidence files, referenced by path and pinned by SHA-256.
    #[command(subcommand)]
    Evidence(evidence::EvidenceCommand),
    /// The investigator's journal.
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// Write the IC3-ready summary of a case.
    Report(misc::ReportArgs),
    /// A case for a peer's platform: a MISP event or a STIX 2.1 bundle.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The tamper-evident audit trail.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Hand cases to another machine: one signed, encrypted file (`export`), checked with `verify`.
    #[command(subcommand)]
    Bundle(bundle::BundleCommand),
    /// The built-in checklist catalog.
    #[command(subcommand)]
    Catalog(catalog::CatalogCommand),
    /// Other cases sharing this case's phones, emails, addresses, accounts or resume (`--all`: clusters).
    Links(links::LinksArgs),
    /// Checklist items suggested by links, list matches and failed checks: accept or dismiss them.
    #[command(subcommand)]
    Suggest(links::SuggestCommand),
    /// Reference lists: freight forwarders, VoIP ranges, money-service businesses, known-bad values.
    #[command(subcommand)]
    List(links::ListCommand),
    /// Workforce rosters from payroll, HR and vendor systems: import snapshots, screen, open cases.
    #[command(subcommand)]
    Roster(roster::RosterCommand),
    /// Your organization's details (the complainant in IC3 summaries) and matching settings.
    #[command(subcommand)]
    Org(misc::OrgCommand),
    /// Fill the workspace with realistic, clearly fictional demo cases.
    Demo(misc::DemoArgs),
    /// Find cases by title, subject, identifier (however it was typed) or note, and say where each matched.
    Search(search::SearchArgs),
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions(meta::CompletionsArgs),
    /// Print the manual page (roff), or write every page into a folder with --output.
    Man(meta::ManArgs),
    /// Where the config file is.
    #[command(subcommand)]
    Config(meta::ConfigCommand),
    /// Internal: read one resume's text from standard input, within limits (see `resume::Reader`).
    #[command(name = crate::resume::CHILD_COMMAND, hide = true)]
    ExtractResume(ExtractResumeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExtractResumeArgs {
    format: String,
    /// Address space, in bytes.
    #[arg(long)]
    memory: u64,
    #[arg(long)]
    cpu_secs: u64,
    /// Bytes of text accepted.
    #[arg(long)]
    max_text: u64,
}

/// What a command asks of `main`: an exit code, all output already printed.
pub type Outcome = Result<ExitCode>;

fn load_config() -> Result<Config> {
    Ok(match config::config_path() {
        Some(path) => Config::load(&path)?,
        None => Config::default(),
    })
}

/// Parses the command line. A noun given alone (`vetdesk case`) shows its subcommands.
pub fn parse<I, T>(args: I) -> std::result::Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::{CommandFactory, FromArgMatches};
    let command = Cli::command()
        .mut_subcommands(|sub| if sub.has_subcommands() { sub.arg_required_else_help(true) } else { sub });
    Cli::from_arg_matches(&command.try_get_matches_from(args)?)
}

/// True when `e` comes from writing to a pipe whose reader has gone away.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

/// Opens the workspace with this machine's signing key and tells the user, on standard error, what
/// opening it had to do. An encrypted workspace is opened with the passphrase from `passphrase_file`,
/// else asked on the terminal. What an interrupted `encrypt` or `decrypt` left beside it is finished first.
fn open_workspace(
    path: &std::path::Path,
    config: &Config,
    passphrase_file: Option<&std::path::Path>,
) -> Result<Workspace> {
    finish_interrupted(path)?;
    let encrypted = crate::store::cipher::is_encrypted(path);
    let key = if encrypted { Some(passphrase::existing(path, passphrase_file)?) } else { None };
    let mut ws = open_keyed(path, config, key).map_err(|e| {
        // An `encrypt` or `decrypt` that started after the check above swaps the file while it is read: the
        // error it caused (a wrong passphrase, not a database) would be untrue.
        if crate::store::swap::converting(path) || crate::store::cipher::is_encrypted(path) != encrypted {
            anyhow::anyhow!(
                "{}: another vetdesk encrypted or decrypted it while this one opened it; run this again once it has \
                 finished",
                crate::text::display_path(path)
            )
        } else {
            e
        }
    })?;
    if let Some(file) = passphrase_file.filter(|_| encrypted) {
        ws.keep_key_file(file, "the workspace's passphrase file");
    }
    Ok(ws)
}

/// Says that a workspace made by an earlier vetdesk is being upgraded, before the work starts.
fn tell_upgrade(path: &std::path::Path, from: u32, to: u32) {
    output::tell!(
        "vetdesk: note: upgrading {} from schema version {from} to {to}; on a large workspace this can take \
         minutes (if it is interrupted, nothing is lost and the next start finishes it)",
        crate::text::display_path(path)
    );
}

/// Says that the workspace's match keys are being derived again under newer rules, before the work starts.
fn tell_rekey(from: Option<&str>) {
    output::tell!(
        "vetdesk: note: deriving this workspace's match keys again, from rules {} to {}, once after an upgrade; \
         on a large workspace this takes a while (about 40 s at a million cases)",
        from.unwrap_or("(none)"),
        crate::store::keys::MATCH_RULES
    );
}

/// Says how far a re-key has come deriving keys, each tenth once (it runs before anything else is on the
/// terminal); writing the keys follows the last.
fn tell_rekey_progress(done: u64, total: u64) {
    static LAST: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let tenth = (done * 10 / total.max(1)).min(10);
    if tenth > LAST.swap(tenth, std::sync::atomic::Ordering::Relaxed) {
        output::tell!("vetdesk: re-keying: {}% of the identifiers and payments", tenth * 10);
    }
}

/// Says, one line each, what an interrupted `encrypt` or `decrypt` left beside the workspace and what was
/// done with it.
/// Refused while another vetdesk encrypts or decrypts it.
fn finish_interrupted(path: &std::path::Path) -> Result<()> {
    // Through a symbolic link, what a conversion left lies beside the file the link names.
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    for line in crate::store::swap::recover(&real).map_err(|busy| anyhow::anyhow!(busy))? {
        output::tell!("vetdesk: note: {line}");
    }
    Ok(())
}

/// [`open_workspace`] with the passphrase already known (`None`: a plain workspace).
fn open_keyed(path: &std::path::Path, config: &Config, key: Option<crate::store::Passphrase>) -> Result<Workspace> {
    // The name goes into every audit row and every summary as the investigator's: one line of text.
    let (investigator, from) = config.investigator_from();
    if let Some(problem) = crate::text::field_problem(&format!("the investigator's name ({from})"), &investigator) {
        return Err(crate::Error::invalid(problem).into());
    }
    let keys = crate::signing::Keyring::open(&config::key_dir()?);
    let mut ws = Workspace::open_keyed(path, &investigator, keys, key)?;
    if let Some(country) = &config.default_country {
        ws.adopt_phone_country(country)?;
    }
    for notice in ws.take_notices() {
        output::tell!("vetdesk: note: {notice}");
    }
    if config.investigator_unknown() {
        output::tell!(
            "vetdesk: note: changes are recorded as \"{}\" because neither the config nor USER or LOGNAME gives a \
             name (one with a letter or digit, in UTF-8); set investigator = \"Your Name\" in {}, or set USER",
            config::FALLBACK_INVESTIGATOR,
            config::config_path().map_or_else(|| "config.toml".into(), |p| crate::text::display_path(&p))
        );
    }
    Ok(ws)
}

/// The theme `--theme` or the config file names: built in, a file's path, or `themes/NAME.toml`
/// beside the config file.
fn theme(name: Option<&str>, no_color: bool) -> crate::Result<crate::tui::Theme> {
    let themes_dir = config::config_path().and_then(|p| p.parent().map(|d| d.join("themes")));
    crate::tui::Theme::load(name.unwrap_or("dark"), themes_dir.as_deref(), no_color)
}

/// Opens the workstation (`vetdesk` with no subcommand).
pub fn workstation(db: Option<PathBuf>, theme: Option<String>, passphrase_file: Option<PathBuf>) -> Outcome {
    use std::io::IsTerminal;
    let config = load_config()?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // A theme the config file names is said with the file and its line.
    let from_config = theme.is_none() && config.theme.is_some();
    let theme = self::theme(theme.or(config.theme.clone()).as_deref(), no_color)
        .map_err(|e| if from_config { Config::setting_problem("theme", e) } else { e })?;
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("the workstation needs a terminal; for scripts use the subcommands (vetdesk --help)");
    }
    let path = config::workspace_path(db.as_deref())?;
    finish_interrupted(&path)?;
    refuse_emptied(&path)?;
    let ws = if crate::store::cipher::is_encrypted(&path) && passphrase_file.is_none() {
        let open = |key| open_keyed(&path, &config, Some(key));
        match crate::tui::unlock::ask(&path, &theme, open)? {
            crate::tui::unlock::Unlocked::Opened(ws) => *ws,
            crate::tui::unlock::Unlocked::Cancelled => return Ok(ExitCode::SUCCESS),
            crate::tui::unlock::Unlocked::Refused => {
                anyhow::bail!(crate::Error::WrongPassphrase { path: path.clone() })
            }
        }
    } else {
        // Before the workstation takes the terminal; its passphrase screen above has it already.
        crate::store::on_upgrade(tell_upgrade);
        crate::store::keys::on_rekey(tell_rekey);
        crate::store::keys::on_rekey_progress(tell_rekey_progress);
        open_workspace(&path, &config, passphrase_file.as_deref())?
    };
    let mut app = crate::tui::App::for_terminal(ws, theme)?;
    app.program = meta::invoked_as();
    crate::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs one command.
pub fn run(db: Option<PathBuf>, theme: Option<String>, passphrase_file: Option<PathBuf>, command: Command) -> Outcome {
    if let Command::ExtractResume(a) = &command {
        // A child of vetdesk: no workspace, no config.
        return Ok(crate::resume::serve(&a.format, a.memory, a.cpu_secs, a.max_text));
    }
    crate::store::on_upgrade(tell_upgrade);
    crate::store::keys::on_rekey(tell_rekey);
    crate::store::keys::on_rekey_progress(tell_rekey_progress);
    if let Some(theme) = theme {
        // Only the workstation draws with it, but a wrong name is a mistake wherever it is given.
        self::theme(Some(&theme), false)?;
    }
    match &command {
        Command::Completions(a) => return meta::completions(a),
        Command::Man(a) => return meta::man(a),
        Command::Config(c) => return meta::config(c),
        Command::Bundle(bundle::BundleCommand::Verify(a)) => return bundle::verify(a),
        // The catalog is built in: listing it reads no workspace, and creates none where there is none.
        Command::Catalog(c) => return catalog::catalog(c),
        _ => {}
    }
    let config = load_config()?;
    let path = config::workspace_path(db.as_deref())?;
    let passphrase_file = passphrase_file.as_deref();
    if let Command::Init(a) = &command
        && a.encrypt
    {
        finish_interrupted(&path)?;
        return cipher::init_encrypted(&path, &config, passphrase_file);
    }
    if let Command::Encrypt = &command {
        // The passphrase file names the new passphrase here, not the workspace's (which is plain).
        finish_interrupted(&path)?;
        // Encrypting makes no workspace: a missing or emptied one is said, not replaced by a new one.
        if !path.exists() {
            anyhow::bail!(crate::Error::invalid(format!(
                "there is no workspace at {} to encrypt: check --db and VETDESK_DB (`vetdesk init --encrypt` makes \
                 a new encrypted one)",
                crate::text::display_path(&path)
            )));
        }
        refuse_emptied(&path)?;
        if crate::store::cipher::is_encrypted(&path) {
            anyhow::bail!(
                "{}: is not a plain workspace: it is encrypted already (`vetdesk rekey` changes its passphrase), or \
                 not a vetdesk workspace at all",
                crate::text::display_path(&path)
            );
        }
        return cipher::encrypt(open_keyed(&path, &config, None)?, passphrase_file);
    }
    if let Some(reason) = crate::files::unresolved_link(&path) {
        anyhow::bail!(crate::Error::Workspace { path: path.clone(), reason });
    }
    let created = !path.exists();
    if created && needs_existing(&command) {
        // A mistyped --db would otherwise make a workspace there and find it empty ("verified", "no cases").
        anyhow::bail!(crate::Error::invalid(format!(
            "there is no workspace at {} yet: `vetdesk case new TITLE` or `vetdesk init` makes one there; if one \
             should be there, check --db and VETDESK_DB",
            crate::text::display_path(&path)
        )));
    }
    // The folders a new workspace's creation makes, deepest first: gone again with it.
    let new_folders: Vec<PathBuf> = if created {
        path.ancestors()
            .skip(1)
            .take_while(|dir| !dir.as_os_str().is_empty() && !dir.exists())
            .map(PathBuf::from)
            .collect()
    } else {
        Vec::new()
    };
    // A dry run writes nothing, a new workspace included.
    let dry_run = matches!(&command, Command::Roster(roster::RosterCommand::Import(a)) if a.dry_run);
    if !matches!(command, Command::Init(_)) {
        refuse_emptied(&path)?;
    }
    let result = open_workspace(&path, &config, passphrase_file).and_then(|ws| {
        // Stopped by a signal (Ctrl-C, `kill`), the command leaves no workspace it created either.
        if created {
            let (path, new_folders, id) = (path.clone(), new_folders.clone(), ws.workspace_id().to_string());
            crate::interrupt::on_stop(move || forget_new_workspace(&path, &new_folders, Some(&id)))?;
        }
        run_on(ws, command, &path)
    });
    crate::interrupt::clear_on_stop();
    if created && (result.is_err() || dry_run) {
        forget_new_workspace(&path, &new_folders, None);
    }
    result
}

/// Refuses a workspace file that is there but empty (0 bytes): SQLite would take it for a new workspace
/// and vetdesk would make one in it, so a workspace emptied by accident or on purpose would come back
/// "verified" with no cases. `vetdesk init` makes a new workspace in it when that is what is wanted.
fn refuse_emptied(path: &std::path::Path) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        anyhow::bail!(crate::Error::invalid(format!(
            "{} is empty (0 bytes): it holds no workspace. If it held one, put back a copy you trust; `vetdesk init` makes a new workspace in it",
            crate::text::display_path(path)
        )));
    }
    Ok(())
}

/// Whether `command` needs a workspace that is already there: it only reads one (checking it, reporting
/// from it, exporting, listing), or works on what a new one cannot hold (a case's payments, a bundle of a
/// case, a passphrase to change).
fn needs_existing(command: &Command) -> bool {
    matches!(
        command,
        Command::Audit(_)
            | Command::Report(_)
            | Command::Export(_)
            | Command::Links(_)
            | Command::Search(_)
            | Command::Case(
                case::CaseCommand::List(_) | case::CaseCommand::Show { .. } | case::CaseCommand::Answers { .. }
            )
            | Command::Subject(subject::SubjectCommand::List { .. })
            | Command::Ident(ident::IdentCommand::List { .. })
            | Command::Payment(_)
            | Command::Bundle(bundle::BundleCommand::Export(_))
            | Command::Decrypt
            | Command::Rekey(_)
            | Command::Check(check::CheckCommand::List { .. })
            | Command::Evidence(evidence::EvidenceCommand::List { .. } | evidence::EvidenceCommand::Verify { .. })
            | Command::Note(
                note::NoteCommand::List { .. } | note::NoteCommand::Search { .. } | note::NoteCommand::History { .. }
            )
            | Command::Suggest(links::SuggestCommand::List { .. })
            | Command::List(links::ListCommand::Export { .. } | links::ListCommand::Show { .. })
            | Command::Org(misc::OrgCommand::Show { .. } | misc::OrgCommand::Controls { .. })
            | Command::Roster(
                roster::RosterCommand::Screen { .. }
                    | roster::RosterCommand::Show { .. }
                    | roster::RosterCommand::Snapshots { .. }
            )
    )
}

/// A command that failed on the workspace it had just created (`vetdesk --db new.db note add 5 x`) leaves
/// no workspace behind, as a failing command leaves an existing one as it was: the file is removed when it
/// holds nothing but its creation. `stopped`, the workspace's id: the command was stopped by a signal
/// while it may hold the workspace locked in a transaction of its own (a demo fill, a roster import), which
/// nothing else can have committed to: locked, the workspace holds nothing committed but its creation.
fn forget_new_workspace(path: &std::path::Path, new_folders: &[PathBuf], stopped: Option<&str>) {
    let read =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|conn| {
            // Stopped, the lock is the command's own: no waiting for it.
            if stopped.is_some() {
                conn.busy_timeout(std::time::Duration::ZERO)?;
            }
            conn.query_row(
                "SELECT (SELECT count(*) FROM audit) = 1 AND (SELECT count(*) FROM \"case\") = 0,
                    (SELECT value FROM setting WHERE key = 'workspace_id')",
                [],
                |r| Ok((r.get::<_, bool>(0)?, r.get::<_, Option<String>>(1)?)),
            )
        });
    let (untouched, workspace_id) = match read {
        Ok(read) => read,
        Err(e) if stopped.is_some() && crate::store::is_busy(&e) => (true, stopped.map(str::to_string)),
        Err(_) => (false, None),
    };
    if untouched {
        // The head record its creation left beside the key goes with it.
        if let (Some(id), Ok(dir)) = (workspace_id, config::key_dir()) {
            crate::signing::Keyring::open(&dir).forget(&id);
        }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(std::path::PathBuf::from(name));
        }
    }
    // Only what is empty: another process may have put something there meanwhile.
    for folder in new_folders {
        if std::fs::remove_dir(folder).is_err() {
            break;
        }
    }
}

/// Runs `command` on the opened workspace.
fn run_on(mut ws: Workspace, command: Command, path: &std::path::Path) -> Outcome {
    match command {
        Command::Init(_) => {
            say!("{}", path.display())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Encrypt => unreachable!("handled above"),
        Command::Decrypt => cipher::decrypt(ws),
        Command::Rekey(a) => cipher::rekey(&mut ws, &a),
        Command::Case(c) => case::run(&mut ws, c),
        Command::Subject(c) => subject::run(&mut ws, c),
        Command::Ident(c) => ident::run(&mut ws, c),
        Command::Payment(c) => payment::run(&mut ws, *c),
        Command::Check(c) => check::run(&mut ws, c),
        Command::Evidence(c) => evidence::run(&mut ws, c),
        Command::Note(c) => note::run(&mut ws, c),
        // The commands that only read see the workspace at one moment (`Store::snapshot`).
        Command::Report(a) => ws.store().snapshot(|| misc::report(&ws, &a)),
        Command::Export(c) => ws.store().snapshot(|| export::run(&ws, c)),
        Command::Audit(c) => audit::run(&mut ws, c),
        Command::Bundle(c) => bundle::run(&mut ws, c),
        Command::Links(a) => ws.store().snapshot(|| links::links(&ws, &a)),
        Command::Suggest(c) => links::suggest(&mut ws, c),
        Command::List(c) => links::list(&mut ws, c),
        Command::Roster(c) => roster::run(&mut ws, c),
        Command::Org(c) => misc::org(&mut ws, c),
        Command::Demo(a) => misc::demo(&mut ws, &a),
        Command::Search(a) => ws.store().snapshot(|| search::search(&ws, &a)),
        Command::ExtractResume(_)
        | Command::Completions(_)
        | Command::Man(_)
        | Command::Config(_)
        | Command::Catalog(_) => {
            unreachable!("handled before the workspace is opened")
        }
    }
}
