use std::process::ExitCode;

use clap::Subcommand;
use serde::Serialize;

use super::Outcome;
use super::output::{self, cell, say, table};
use crate::Workspace;
use crate::domain::{AnswerField, Assessment, CaseStatus, Disposition, Identifier, Payment, Priority, Subject};
use crate::workspace::{CaseEdit, NewCase};

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a new case and print its id alone.
    New {
        title: String,
        /// The candidate's name: added as the case's first subject.
        #[arg(long)]
        subject: Option<String>,
        /// low, medium, high or critical.
        #[arg(long, default_value = "medium", value_parser = super::values::words!(Priority), ignore_case = true)]
        priority: Priority,
    },
    /// List cases, newest change first.
    List(super::case_list::ListArgs),
    /// Show a case: its assessment, subjects, identifiers and payments.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Change a case's status (closing needs --disposition).
    Status {
        id: i64,
        /// open, investigating, escalated, reported or closed.
        #[arg(value_parser = super::values::words!(CaseStatus), ignore_case = true)]
        status: CaseStatus,
        /// cleared, confirmed or inconclusive; only with `closed`.
        #[arg(long, value_parser = super::values::words!(Disposition), ignore_case = true)]
        disposition: Option<Disposition>,
    },
    /// Edit a case's title, priority, tags, and the IC3 witnesses / other-reports fields.
    Edit {
        id: i64,
        #[arg(long)]
        title: Option<String>,
        #[arg(long, value_parser = super::values::words!(Priority), ignore_case = true)]
        priority: Option<Priority>,
        /// Comma-separated; replaces the tags.
        #[arg(long)]
        tags: Option<String>,
        /// Witnesses or other victims (IC3 section 6).
        #[arg(long)]
        witnesses: Option<String>,
        /// Reports made to other agencies: agency, contact, date, report number (IC3 section 6).
        #[arg(long)]
        other_reports: Option<String>,
    },
    /// Archive a case: it leaves the case list, search and links, and stays in the workspace and the audit
    /// trail (`case list --archived` shows it).
    Archive {
        id: i64,
        /// Why it is archived; kept with the case and in the audit trail.
        #[arg(long)]
        reason: String,
    },
    /// Bring an archived case back to the case list, search and links.
    Unarchive {
        id: i64,
        /// Why it comes back.
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Move a case to the current checklist catalog: marks of renamed items follow them, and what is new
    /// is listed. One audited step.
    Upgrade { id: i64 },
    /// Answer one of the IC3 form's questions for a case (list them with `case answers`).
    Answer {
        id: i64,
        /// affected, business-targeted, operations-impacted, money-lost, update, previous-complaint,
        /// signature, harm, containment or include-references.
        #[arg(value_parser = super::values::words!(AnswerField), ignore_case = true)]
        field: AnswerField,
        /// yes, no, unknown (or unset to clear) for the yes/no questions; text for the others (empty
        /// clears; `-` reads it from standard input).
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
    /// A case's answers to the IC3 form's questions, unanswered ones included.
    Answers {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Serialize)]
struct CaseDetail {
    case: crate::domain::Case,
    assessment: Assessment,
    coverage_percent: u32,
    subjects: Vec<Subject>,
    identifiers: Vec<Identifier>,
    payments: Vec<Payment>,
    /// The IC3 form's answered questions.
    answers: crate::domain::Answers,
    evidence: usize,
    notes: u64,
    /// Where the case came from, when it came in a bundle.
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<crate::store::bundle::Origin>,
    /// Why the case's records may not be as recorded (they no longer match their seal); null when they do.
    warning: Option<String>,
    /// Keys other than this machine's that signed audit rows of the case, with how many rows each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    other_signers: Vec<OtherSigner>,
}

#[derive(Serialize)]
struct OtherSigner {
    fingerprint: String,
    rows: i64,
}

pub fn run(ws: &mut Workspace, command: CaseCommand) -> Outcome {
    match command {
        CaseCommand::New { title, subject, priority } => {
            if subject.as_deref().is_some_and(|s| s.trim().is_empty()) {
                return Err(crate::Error::invalid("--subject is empty: a subject needs a name").into());
            }
            output::id(ws.create_case(&NewCase { title, priority, candidate: subject })?)
        }
        CaseCommand::List(args) => super::case_list::list(ws, &args),
        CaseCommand::Show { id, json } => show(ws, id, json),
        CaseCommand::Status { id, status, disposition } => {
            let case = ws.set_status(id, status, disposition)?;
            let disposition = case.disposition.map(|d| format!(" ({d})")).unwrap_or_default();
            say!("case #{id} is now {}{disposition}", case.status)?;
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Edit { id, title, priority, tags, witnesses, other_reports } => {
            let tags = tags.map(|t| t.split(',').map(str::to_string).collect());
            ws.edit_case(id, &CaseEdit { title, priority, tags, witnesses, other_reports })?;
            say!("case #{id} updated")?;
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Archive { id, reason } => {
            ws.archive_case(id, &reason)?;
            say!("case #{id} archived; `vetdesk case unarchive {id}` brings it back")?;
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Unarchive { id, reason } => {
            ws.unarchive_case(id, &reason)?;
            say!("case #{id} is back in the case list")?;
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Upgrade { id } => upgrade(ws, id),
        CaseCommand::Answer { id, field, value } => {
            let value = if value == "-" { read_stdin()? } else { value };
            match ws.set_answer(id, field, &value)? {
                Some(stored) => say!("case #{id}: {field} = {}", stored.replace('\n', " / "))?,
                None => say!("case #{id}: {field} cleared")?,
            }
            Ok(ExitCode::SUCCESS)
        }
        CaseCommand::Answers { id, json } => answers(ws, id, json),
    }
}

fn upgrade(ws: &mut Workspace, id: i64) -> Outcome {
    // Nothing to do is no error: a script upgrading every case goes on past one already current.
    let current = crate::catalog::builtin().version.as_str();
    if ws.case_catalog(id)?.version == current {
        say!("case #{id} already follows catalog {current}; nothing to do")?;
        return Ok(ExitCode::SUCCESS);
    }
    let u = ws.upgrade_case(id)?;
    say!("case #{id} moved from catalog {} to {}", u.from, u.to)?;
    for (from, to) in &u.renamed {
        say!("  {from} is now {to}")?;
    }
    for (to, from) in &u.merged {
        say!("  {to} combines {}", from.join(", "))?;
    }
    for r in &u.retired {
        let place = match &r.control {
            Some(c) => format!("now organisation control {c} (`vetdesk org controls`)"),
            None => "no longer in the checklist".to_string(),
        };
        say!("  {} ({}) is {place}; its mark is kept in the record", r.code, r.state)?;
    }
    let new = crate::text::counted(u.new.len(), "new item", "new items");
    say!("  {new} to review · risk {} → {}", u.score_before, u.score_after)?;
    Ok(ExitCode::SUCCESS)
}

fn read_stdin() -> anyhow::Result<String> {
    use anyhow::Context;
    use std::io::Read;
    // One byte past the longest answer is enough to refuse it, whatever is piped in.
    let mut bytes = Vec::new();
    let limit = crate::domain::MAX_ANSWER_TEXT as u64 * 4 + 1;
    std::io::stdin().take(limit).read_to_end(&mut bytes).context("reading the answer from standard input")?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("the answer on standard input is not UTF-8 text"))
}

/// One question of the form and its answer, for `case answers --json`.
#[derive(Serialize)]
struct AnswerRow {
    field: AnswerField,
    question: &'static str,
    value: Option<String>,
    answered_by: Option<String>,
    answered_at: Option<String>,
}

fn answers(ws: &Workspace, id: i64, json: bool) -> Outcome {
    let answers = ws.answers(id)?;
    output::warn_if_altered(ws, id, json)?;
    let rows: Vec<AnswerRow> = AnswerField::ALL
        .iter()
        .map(|f| {
            let a = answers.get(*f);
            AnswerRow {
                field: *f,
                question: f.question(),
                value: a.map(|a| a.value.clone()),
                answered_by: a.map(|a| a.answered_by.clone()),
                answered_at: a.map(|a| a.answered_at.clone()),
            }
        })
        .collect();
    if json {
        return output::json(&serde_json::json!({ "case": id, "answers": rows }));
    }
    let lines: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let answered = match (&r.answered_by, &r.answered_at) {
                (Some(by), Some(at)) => format!("{by}, {at}"),
                _ => "-".to_string(),
            };
            let value = r.value.as_deref().map_or("(unanswered)".to_string(), |v| cell(&v.replace('\n', " / "), 40));
            vec![r.field.to_string(), value, answered, r.question.to_string()]
        })
        .collect();
    table(&["FIELD", "ANSWER", "ANSWERED", "QUESTION"], &lines)?;
    Ok(ExitCode::SUCCESS)
}

fn show(ws: &Workspace, id: i64, json: bool) -> Outcome {
    let case = ws.case(id)?;
    let assessment = ws.assessment(id)?;
    let detail = CaseDetail {
        coverage_percent: assessment.coverage_percent(),
        assessment,
        subjects: ws.subjects(id)?,
        identifiers: ws.identifiers(id)?,
        payments: ws.payments(id)?,
        answers: ws.answers(id)?,
        evidence: ws.evidence(id)?.len(),
        notes: ws.count_notes(id)?,
        origin: ws.case_origin(id)?,
        warning: ws.case_warning(id)?,
        other_signers: ws
            .case_other_signers(id)?
            .into_iter()
            .map(|(fingerprint, rows)| OtherSigner { fingerprint, rows })
            .collect(),
        case,
    };
    if json {
        return output::json(&detail);
    }
    let c = &detail.case;
    let a = &detail.assessment;
    if let Some(why) = &detail.warning {
        say!("WARNING: this case may not be as recorded: {why}")?;
    }
    for other in &detail.other_signers {
        let rows = if other.rows == 1 { "1 audit row".to_string() } else { format!("{} audit rows", other.rows) };
        say!(
            "note: {rows} of this case {} signed by key {}, not this machine's key, so {} cannot be checked here \
             (`vetdesk audit verify` names every such key)",
            if other.rows == 1 { "is" } else { "are" },
            crate::text::for_terminal(&other.fingerprint),
            if other.rows == 1 { "its signature" } else { "their signatures" },
        )?;
    }
    say!("#{}  {}", c.id, c.title)?;
    let disposition = c.disposition.map(|d| format!(" ({d})")).unwrap_or_default();
    say!(
        "status {}{disposition} · priority {} · opened {} · changed {} · catalog {}",
        c.status,
        c.priority,
        c.created_at,
        c.updated_at,
        c.catalog_version
    )?;
    if let Some(archived) = &c.archived {
        say!(
            "archived {} by {}: {} · `vetdesk case unarchive {}` brings it back",
            archived.archived_at,
            archived.archived_by,
            archived.reason,
            c.id
        )?;
    }
    if let Some(o) = &detail.origin {
        say!(
            "came in a bundle: case #{} of workspace {}, signed by {}, imported {} by {} (bundle manifest SHA-256 {}) \
             · `vetdesk audit log --case {} --imported` shows its history there",
            o.origin_case,
            o.origin_workspace,
            o.signer,
            o.imported_at,
            o.imported_by,
            o.bundle,
            c.id
        )?;
    }
    if c.catalog_version != crate::catalog::builtin().version {
        say!(
            "catalog {} is superseded by {}: `vetdesk case upgrade {}` moves this case",
            c.catalog_version,
            crate::catalog::builtin().version,
            c.id
        )?;
    }
    say!(
        "risk {} ({}): {} established ({} strong, {} moderate, {} weak; {} backed by linked evidence) · {} · reviewed {}/{} items ({}%)",
        a.score,
        a.band,
        crate::text::counted(a.facts(), "fact", "facts"),
        a.strong,
        a.moderate,
        a.weak,
        a.backed,
        crate::text::counted(a.counter, "counter-indicator", "counter-indicators"),
        a.reviewed,
        a.total,
        detail.coverage_percent
    )?;
    if !c.tags.is_empty() {
        say!("tags {}", c.tags.join(", "))?;
    }
    say!("\nSubjects")?;
    for s in &detail.subjects {
        let mut extra = Vec::new();
        if !s.aliases.is_empty() {
            extra.push(format!("aka {}", s.aliases.join(", ")));
        }
        for (label, v) in [("", &s.position), ("at ", &s.business), ("via ", &s.vendor), ("in ", &s.location)] {
            if !v.is_empty() {
                extra.push(format!("{label}{v}"));
            }
        }
        if let Some(stage) = s.hire_stage {
            extra.push(stage.to_string());
        }
        if let Some(d) = &s.hired_on {
            extra.push(format!("hired {d}"));
        }
        // One line per record, whatever an older vetdesk let into a field (a line break would read as
        // another record).
        let line = format!("{}  {}", s.name, extra.join(" · "));
        say!("  #{} {} {}{}", s.id, s.role, crate::text::one_line(&line), output::void_note(s.void.as_ref()))?;
    }
    say!("\nIdentifiers")?;
    for i in &detail.identifiers {
        let subject = i.subject_id.map(|s| format!(" [subject #{s}]")).unwrap_or_default();
        let warning = i.warning.as_deref().map(|w| format!("  ⚠ {w}")).unwrap_or_default();
        let raw = crate::text::one_line(&i.raw);
        let note = if i.note.is_empty() { String::new() } else { format!("  ({})", crate::text::one_line(&i.note)) };
        say!("  #{} {} {raw}{subject}{warning}{note}{}", i.id, i.kind, output::void_note(i.void.as_ref()))?;
    }
    say!("\nPayments")?;
    for p in &detail.payments {
        // Only what was recorded: no "to" without a recipient, an account or a wallet.
        let to = match p.paid_to()[..] {
            [] => ", recipient not recorded".to_string(),
            ref parts => format!(" to {}", crate::text::one_line(&parts.join(", "))),
        };
        // The subject paid, as an identifier names its subject.
        let subject = p.subject_id.map(|s| format!(" [subject #{s}]")).unwrap_or_default();
        let unsent = if p.not_sent() { " (recorded as money not sent)" } else { "" };
        say!(
            "  #{} {} {} {} via {}{to}{subject}{unsent}{}",
            p.id,
            p.paid_on,
            crate::domain::format_amount(p.amount_cents, &p.currency),
            p.currency,
            crate::text::one_line(&p.method),
            output::void_note(p.void.as_ref())
        )?;
    }
    say!("\nIC3 form answers")?;
    if detail.answers.0.is_empty() {
        say!("  none yet: see `vetdesk case answers {id}`")?;
    }
    for a in &detail.answers.0 {
        say!("  {} = {}", a.field, cell(&a.value.replace('\n', " / "), 60))?;
    }
    let voided = |n: u64| if n > 0 { format!(" ({n} voided)") } else { String::new() };
    let voided_evidence = ws.evidence(id)?.iter().filter(|e| e.void.is_some()).count() as u64;
    say!(
        "\n{}{} · {}{}",
        crate::text::counted(detail.evidence, "evidence file", "evidence files"),
        voided(voided_evidence),
        crate::text::counted(detail.notes, "note", "notes"),
        voided(ws.count_voided_notes(id)?)
    )?;
    Ok(ExitCode::SUCCESS)
}
