//! `links --all`: every cluster of linked cases. The clusters are worked out whole (one cluster can join
//! cases anywhere in the workspace), then written one at a time through a buffer: a cluster's case titles
//! are read a few hundred at a time as they are written, and its JSON is serialized straight from it, so
//! no copy of the whole result, of a cluster, or of the titles of every case in one is ever held.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use super::Outcome;
use super::output::{cell, tell};
use super::paging::{self, Paged, Place};
use crate::Workspace;
use crate::text;
use crate::workspace::{Cluster, ClusterCase, TITLES_AT_ONCE};

/// Bytes buffered before each write to standard output.
const BUFFER: usize = 1 << 16;

/// Every cluster, largest first, a page of `(limit, offset)` of them written.
pub fn all_clusters(ws: &Workspace, include_archived: bool, json: bool, (limit, offset): (u32, u32)) -> Outcome {
    // What links to what is worked out from the records as stored: an older copy put back is said above
    // it. A record edited behind vetdesk's back in any of the cases is found by `audit verify`, which
    // checks them all; a check per case here would cost as much as that.
    super::output::warn_above(ws.workspace_warning()?, json)?;
    let all = ws.untitled_clusters(include_archived)?;
    let (clusters, more) = paging::slice(&all, limit, offset);
    let place = Place::by_offset(Some(all.len() as u64), offset, clusters.len(), more);
    let mut out = BufWriter::with_capacity(BUFFER, std::io::stdout().lock());
    if json {
        let page = Paged { extra: &[], place: &place, key: "clusters", rows: Titled { ws, clusters } };
        super::output::write_json(&mut out, &page)?;
        writeln!(out)?;
    } else {
        write_text(ws, &all, clusters, (offset, include_archived), &mut out)?;
    }
    out.flush()?;
    drop(out);
    // `--json` says where the page stands in its own fields, as every paged list's does.
    if !json {
        if clusters.is_empty() && !all.is_empty() {
            tell!("no more clusters");
        } else {
            place.tell("clusters");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The clusters of the page, each titled as it is serialized.
struct Titled<'a> {
    ws: &'a Workspace,
    clusters: &'a [Cluster],
}

impl Serialize for Titled<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.clusters.len()))?;
        for cluster in self.clusters {
            seq.serialize_element(&TitledCluster { ws: self.ws, cluster })?;
        }
        seq.end()
    }
}

/// A cluster serialized as [`Cluster`] is, its cases' titles read [`TITLES_AT_ONCE`] at a time as they are
/// written.
struct TitledCluster<'a> {
    ws: &'a Workspace,
    cluster: &'a Cluster,
}

impl Serialize for TitledCluster<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut fields = s.serialize_struct("Cluster", 3)?;
        fields.serialize_field("cases", &TitledCases { ws: self.ws, cases: &self.cluster.cases })?;
        fields.serialize_field("shared", &self.cluster.shared)?;
        fields.serialize_field("resumes", &self.cluster.resumes)?;
        fields.end()
    }
}

struct TitledCases<'a> {
    ws: &'a Workspace,
    cases: &'a [ClusterCase],
}

impl Serialize for TitledCases<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.cases.len()))?;
        for chunk in self.cases.chunks(TITLES_AT_ONCE) {
            for case in self.ws.titled(chunk).map_err(S::Error::custom)? {
                seq.serialize_element(&case)?;
            }
        }
        seq.end()
    }
}

/// The count of `all`, then the clusters of the page, numbered from `offset + 1`.
fn write_text(
    ws: &Workspace,
    all: &[Cluster],
    clusters: &[Cluster],
    (offset, include_archived): (u32, bool),
    out: &mut impl Write,
) -> anyhow::Result<()> {
    // Terminal controls in values from outside are shown visibly, as `say!` does.
    let mut line = |s: &str| -> std::io::Result<()> {
        out.write_all(text::for_terminal(s).as_bytes())?;
        out.write_all(b"\n")
    };
    if all.is_empty() {
        // Archived cases are left out unless asked for: said, when there are any, so that an empty answer
        // is not read as the whole workspace's.
        if !include_archived && ws.any_archived()? {
            line(
                "no cases share an identifier, account or resume, archived cases left out (--include-archived matches them too)",
            )?;
        } else {
            line("no cases share an identifier, account or resume")?;
        }
        return Ok(());
    }
    let cases: usize = all.iter().map(|c| c.cases.len()).sum();
    line(&format!("{}, {cases} cases", crate::text::counted(all.len(), "cluster", "clusters")))?;
    for (n, c) in clusters.iter().enumerate() {
        let n = n + offset as usize;
        line("")?;
        line(&format!("cluster {} · {} cases", n + 1, c.cases.len()))?;
        for chunk in c.cases.chunks(TITLES_AT_ONCE) {
            for case in ws.titled(chunk)? {
                let shelf = if case.archived { " (archived)" } else { "" };
                line(&format!("  #{:<7} {}{shelf}", case.id, cell(&case.title, 70)))?;
            }
        }
        for s in &c.shared {
            let ids: Vec<String> = s.cases.iter().map(|id| format!("#{id}")).collect();
            // A web address that names no profile is said to be one, as a link says it.
            let web = s.group == "handle" && crate::domain::link::is_web_address("handle", &s.key);
            line(&format!(
                "  shared {} {}: {}",
                if web { "web address" } else { crate::workspace::group_label(&s.group) },
                cell(&s.key, 48),
                ids.join(" ")
            ))?;
        }
        for r in &c.resumes {
            line(&format!(
                "  resumes #{} and #{} about {:.0}% alike (evidence #{}, #{})",
                r.cases.0,
                r.cases.1,
                r.similarity * 100.0,
                r.evidence.0,
                r.evidence.1
            ))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{IdentifierKind, Priority};
    use crate::workspace::NewCase;

    /// A cluster larger than the titles read at a time is written as `Cluster` serializes once titled
    /// whole: every case with its own title, in order, across the chunks.
    #[test]
    fn a_cluster_is_written_as_it_serializes_titled_whole() {
        let mut ws = Workspace::open_in_memory("ana").unwrap();
        let cases = TITLES_AT_ONCE + 3;
        for n in 0..cases {
            let title = format!("Case {n}");
            let id = ws.create_case(&NewCase { title, priority: Priority::Low, candidate: None }).unwrap();
            ws.add_identifier(id, IdentifierKind::Email, "shared@example.com", None, "", false).unwrap();
        }
        let untitled = ws.untitled_clusters(false).unwrap();
        assert_eq!(untitled[0].cases.len(), cases);
        let streamed = serde_json::to_value(Titled { ws: &ws, clusters: &untitled }).unwrap();
        let whole = serde_json::to_value(ws.clusters().unwrap()).unwrap();
        assert_eq!(streamed, whole);
        assert_eq!(streamed[0]["cases"][TITLES_AT_ONCE]["title"], format!("Case {TITLES_AT_ONCE}"));
    }
}
