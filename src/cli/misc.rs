//! Report, organization and demo commands.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Outcome;
use super::output::{self, say, tell};
use crate::Workspace;
use crate::domain::Organization;
use crate::report::{self, Format, Options};
use crate::text::counted;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The case.
    id: i64,
    /// markdown, text or json (default: from the --output file's extension, else markdown).
    #[arg(long, value_parser = super::values::formats(), ignore_case = true)]
    format: Option<Format>,
    /// The same as --format json, as every read command takes it.
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Write to this file (mode 0600) instead of standard output; .md or .markdown, .txt or .text, .json
    /// choose the format.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    overwrite: output::Overwrite,
    /// Mask account numbers, document numbers and wallets to their last 4 characters.
    #[arg(long)]
    redact: bool,
}

/// The format to write: `--format`, else the output file's extension, else Markdown on standard output.
/// A format that disagrees with the file's extension, or a file whose extension names none, is refused
/// before anything is written.
fn report_format(given: Option<Format>, output: Option<&std::path::Path>) -> anyhow::Result<Format> {
    let Some(path) = output else { return Ok(given.unwrap_or_default()) };
    // A target that could never be written (a device, a folder, a link) is named as that first.
    crate::export::check_target(path)?;
    let shown = crate::text::display_path(path);
    match (given, Format::for_path(path)) {
        (Some(f), Some(by_name)) if f != by_name => anyhow::bail!(
            "--format {f} does not match {shown}, a {by_name} file name; change the extension or the format \
             (nothing was written)"
        ),
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => anyhow::bail!(
            "cannot tell the format from {shown}: name it .md, .txt or .json, or give --format markdown|text|json \
             (nothing was written)"
        ),
    }
}

pub fn report(ws: &Workspace, a: &ReportArgs) -> Outcome {
    if let Some(path) = &a.output {
        ws.check_output(path)?;
        a.overwrite.check(path)?;
    }
    let format = report_format(if a.json { Some(Format::Json) } else { a.format }, a.output.as_deref())?;
    // The check walks the chain rows this machine has not checked before: all of them the first time a
    // large workspace is reported on here, which takes a while.
    let mut progress = output::Progress::new();
    let record =
        report::check_record(ws, a.id, &mut |done, total| progress.percent("checking the record…", done, total));
    progress.finish();
    let options = Options { redact: a.redact, verify: true };
    let summary = report::build_checked(ws, a.id, &options, Some(record?))?;
    let text = report::render(&summary, format);
    match &a.output {
        Some(path) => {
            crate::export::write_private(path, text.as_bytes())?;
            tell!("wrote {} ({} bytes)", crate::text::display_path(path), text.len());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    for p in summary.over_limit() {
        let remedy = match p.unit {
            report::Unit::Characters => "shorten it before pasting",
            report::Unit::Entries => "it will not take them all",
        };
        tell!(
            "warning: {} / {} is {} {}; the IC3 form takes {}: {remedy}",
            p.section,
            p.field,
            p.length,
            p.unit.as_str(),
            p.limit
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Show the organization's details.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Set one or more details.
    Set(Box<OrgFields>),
    /// The organisation-controls checklist: measures taken once for the whole organisation (training,
    /// incident response, reporting) or by a hiring platform, reviewed once rather than in every case.
    Controls {
        #[arg(long)]
        json: bool,
    },
    /// Record where one organisation control stands: in-place, gap, na or open.
    Control {
        code: String,
        #[arg(value_parser = super::values::words!(crate::domain::ControlState), ignore_case = true)]
        state: crate::domain::ControlState,
        /// Replaces the control's note.
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct OrgFields {
    /// Company name (IC3 complainant / business name).
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    address1: Option<String>,
    #[arg(long)]
    address2: Option<String>,
    /// Suite, apartment or mail stop.
    #[arg(long)]
    suite: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    county: Option<String>,
    #[arg(long)]
    state: Option<String>,
    #[arg(long)]
    zip: Option<String>,
    #[arg(long)]
    country: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    /// IT point of contact: name, phone, email.
    #[arg(long)]
    it_poc: Option<String>,
    /// Other point of contact.
    #[arg(long)]
    other_poc: Option<String>,
    /// Critical-infrastructure sector, if any.
    #[arg(long)]
    sector: Option<String>,
    /// Critical-infrastructure subsector, if any.
    #[arg(long)]
    subsector: Option<String>,
    /// Who files the IC3 complaint (defaults to the investigator).
    #[arg(long)]
    filer_name: Option<String>,
    #[arg(long)]
    filer_phone: Option<String>,
    #[arg(long)]
    filer_email: Option<String>,
    /// Matching: the country assumed for phone numbers written without + (ISO code such as US, GB, KR;
    /// `none` to clear). Every stored phone is re-keyed under it.
    #[arg(long, value_name = "CODE")]
    phone_country: Option<String>,
    /// Matching: resumes at or above this estimated similarity (0.3 to 1) are linked.
    #[arg(long, value_name = "FRACTION")]
    resume_threshold: Option<f64>,
    /// Roster screening: a worker whose bank account changed more than N times (default 2)…
    #[arg(long, value_name = "N")]
    roster_bank_changes: Option<u32>,
    /// …within this many days of their source's newest snapshot (default 90) is a hit.
    #[arg(long, value_name = "DAYS")]
    roster_bank_days: Option<u32>,
}

impl OrgFields {
    fn pairs(&self) -> Vec<(String, String)> {
        let all = [
            ("name", &self.name),
            ("address1", &self.address1),
            ("address2", &self.address2),
            ("suite", &self.suite),
            ("city", &self.city),
            ("county", &self.county),
            ("state", &self.state),
            ("zip", &self.zip),
            ("country", &self.country),
            ("phone", &self.phone),
            ("email", &self.email),
            ("it_poc", &self.it_poc),
            ("other_poc", &self.other_poc),
            ("sector", &self.sector),
            ("subsector", &self.subsector),
            ("filer_name", &self.filer_name),
            ("filer_phone", &self.filer_phone),
            ("filer_email", &self.filer_email),
        ];
        all.into_iter().filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v))).collect()
    }
}

pub fn org(ws: &mut Workspace, command: OrgCommand) -> Outcome {
    match command {
        OrgCommand::Show { json } => {
            let warning = ws.organization_warning()?.map(|why| format!("these details may not be as recorded: {why}"));
            output::warn_above(warning, json)?;
            if !json {
                print_org(&ws.organization()?, &ws.match_settings()?, &ws.roster_settings()?)?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut value = serde_json::to_value(ws.organization()?)?;
            value["matching"] = serde_json::to_value(ws.match_settings()?)?;
            value["roster"] = serde_json::to_value(ws.roster_settings()?)?;
            return output::json(&value);
        }
        OrgCommand::Controls { json } => return super::catalog::controls(ws, json),
        OrgCommand::Control { code, state, note } => {
            let e = ws.set_control(&code, state, note.as_deref())?;
            say!("{} {} · {}", e.control.code, e.state, e.control.title)?;
            return Ok(ExitCode::SUCCESS);
        }
        OrgCommand::Set(fields) => {
            let pairs = fields.pairs();
            let roster = fields.roster_bank_changes.is_some() || fields.roster_bank_days.is_some();
            if pairs.is_empty() && fields.phone_country.is_none() && fields.resume_threshold.is_none() && !roster {
                anyhow::bail!("nothing to set: give at least one of --name, --address1, … (see --help)");
            }
            if let Some(t) = fields.resume_threshold {
                ws.check_resume_threshold(t)?;
            }
            if let Some(code) = &fields.phone_country {
                ws.check_phone_country(code)?;
            }
            // Details that already read that way are refused when they are all there is to set, and left
            // as they are beside a setting that changes.
            let others = fields.phone_country.is_some() || fields.resume_threshold.is_some() || roster;
            let skip = pairs.is_empty() || (others && ws.organization_unchanged(&pairs)?);
            if !skip {
                ws.set_organization(&pairs)?;
                warn_of_phones(ws, &pairs)?;
            }
            if let Some(code) = &fields.phone_country {
                let code = code.trim();
                let clear = code.eq_ignore_ascii_case("none") || code.is_empty();
                ws.set_phone_country(if clear { None } else { Some(code) })?;
            }
            if let Some(t) = fields.resume_threshold {
                ws.set_resume_threshold(t)?;
            }
            if roster {
                let s = ws.set_roster_settings(fields.roster_bank_changes, fields.roster_bank_days)?;
                say!(
                    "roster screening: more than {} within {}",
                    counted(s.bank_changes, "bank change", "bank changes"),
                    counted(s.bank_days, "day", "days")
                )?;
            }
        }
    };
    print_org(&ws.organization()?, &ws.match_settings()?, &ws.roster_settings()?)?;
    Ok(ExitCode::SUCCESS)
}

/// Says on standard error when a phone set for the organization or the filer does not read as a valid
/// number: it is kept as typed, and the summary's form fields take its digits as they are.
fn warn_of_phones(ws: &Workspace, pairs: &[(String, String)]) -> anyhow::Result<()> {
    let rules = ws.rules()?;
    for (field, value) in pairs.iter().filter(|(f, v)| (f == "phone" || f == "filer_phone") && !v.trim().is_empty()) {
        let problem = match crate::domain::IdentifierKind::Phone.check_with(value, &rules) {
            Ok(checked) => checked.warning,
            Err(e) => Some(e.to_string()),
        };
        if let Some(problem) = problem {
            let flag = field.replace('_', "-");
            tell!("warning: --{flag} was kept as typed, but it does not read as a phone number: {problem}");
        }
    }
    Ok(())
}

fn print_org(
    org: &Organization,
    matching: &crate::workspace::MatchSettings,
    roster: &crate::roster::Settings,
) -> std::io::Result<()> {
    let mut o = org.clone();
    for name in Organization::FIELDS {
        let value = o.field_mut(name).map(|v| v.clone()).unwrap_or_default();
        say!("{name:<16} {}", if value.is_empty() { "-" } else { &value })?;
    }
    say!(
        "{:<16} {}",
        "phone_country",
        matching.phone_country.as_deref().unwrap_or("- (numbers without + match by digits)")
    )?;
    say!("{:<16} {}", "resume_threshold", matching.resume_threshold)?;
    say!(
        "{:<16} {}",
        "roster_bank",
        format!(
            "more than {} within {}",
            counted(roster.bank_changes, "change", "changes"),
            counted(roster.bank_days, "day", "days")
        )
    )
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many cases to add.
    #[arg(long, default_value_t = 50)]
    cases: u32,
    /// Seed for the generator; the same seed gives the same cases.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Add demo cases although the workspace holds cases of your own.
    #[arg(long)]
    force: bool,
    /// Set every demo case aside (archived, in audited steps) instead of adding any.
    #[arg(long, conflicts_with_all = ["cases", "seed", "force"])]
    remove: bool,
}

pub fn demo(ws: &mut Workspace, a: &DemoArgs) -> Outcome {
    if a.remove {
        let (done, skipped) = ws.set_demo_aside()?;
        let they = if done == 1 { "it stays" } else { "they stay" };
        let done = crate::text::counted(done, "demo case", "demo cases");
        say!("demo: set {done} aside (archived); {they} in the workspace and its audit trail")?;
        if skipped > 0 {
            let skipped = crate::text::counted(skipped, "demo case", "demo cases");
            tell!("demo: {skipped} left as they were: changed behind vetdesk's back (run `vetdesk audit verify`)");
        }
        return Ok(ExitCode::SUCCESS);
    }
    if a.cases == 0 || a.cases > 1_000_000 {
        anyhow::bail!("--cases takes 1 to 1000000");
    }
    let own = ws.own_cases()?;
    if own > 0 && !a.force {
        anyhow::bail!(
            "this workspace holds {} of your own; demo cases belong in a workspace of their own \
             (`vetdesk --db demo.db demo`), or add them here with --force",
            crate::text::counted(own, "case", "cases")
        );
    }
    let started = std::time::Instant::now();
    let tty = std::io::stderr().is_terminal();
    let stats = crate::demo::fill(ws, a.cases, a.seed, &mut |done, total| {
        if tty {
            eprint!("\rdemo: {done}/{total} cases");
        }
    })?;
    if tty {
        eprintln!();
    }
    let n = |n: u64, one: &str, many: &str| crate::text::counted(n, one, many);
    tell!(
        "demo: added {} in {:.1}s ({}, {}, {}, {}, {})",
        n(stats.cases, "fictional case", "fictional cases"),
        started.elapsed().as_secs_f64(),
        n(stats.subjects, "subject", "subjects"),
        n(stats.identifiers, "identifier", "identifiers"),
        n(stats.payments, "payment", "payments"),
        n(stats.marks, "mark", "marks"),
        n(stats.notes, "note", "notes")
    );
    Ok(ExitCode::SUCCESS)
}
