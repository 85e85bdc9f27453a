//! Moving a case to the current catalog from the case view: whether the header offers it, what the
//! confirmation says will happen, and what the status line reports once it has.

use super::app::{App, Overlay, Pending, Screen};
use crate::catalog::{self, upgrade};
use crate::domain::Case;
use crate::workspace::Upgraded;

/// Whether `case` follows an earlier catalog than the current one, so `U` can move it.
pub fn outdated(case: &Case) -> bool {
    case.catalog_version != catalog::builtin().version
}

/// `U` in a case view: asks before moving an older case; says so when the case is already current.
pub fn ask(app: &mut App) -> crate::Result<()> {
    let Screen::Case(view) = &app.screen else { return Ok(()) };
    let case_id = view.case.id;
    if !outdated(&view.case) {
        let current = &catalog::builtin().version;
        app.info(format!("case #{case_id} already follows the current catalog ({current})"));
        return Ok(());
    }
    let question = question(app, case_id)?;
    app.overlay = Some(Overlay::Confirm { question, then: Pending::UpgradeCase { case_id } });
    Ok(())
}

/// What the move does, in counts from the catalog's own mapping between the two versions.
fn question(app: &App, case_id: i64) -> crate::Result<String> {
    let from = app.ws.case_catalog(case_id)?;
    let to = catalog::builtin();
    let mut what = Vec::new();
    // Versions more than one step apart have no single mapping to count from; the move still works.
    if let Ok(plan) = upgrade::plan(from, to) {
        what.push(count(plan.new.len(), "new item", "to review"));
        let renamed = plan.renamed().count();
        if renamed > 0 {
            what.push(count(renamed, "item", "renamed"));
        }
        let controls = plan.retired.iter().filter(|r| r.control.is_some()).count();
        if controls > 0 {
            what.push(count(controls, "item", "become organisation controls"));
        }
    }
    let what = if what.is_empty() { String::new() } else { format!(" {}.", what.join(", ")) };
    Ok(format!(
        "Move case #{case_id} from catalog {} to {}?{what} Marks, notes and evidence links are kept; the move is audited.",
        from.version, to.version
    ))
}

fn count(n: usize, thing: &str, then: &str) -> String {
    format!("{} {then}", crate::text::counted(n, thing, &format!("{thing}s")))
}

/// The confirmation was answered yes: moves the case and says what moved.
pub fn confirmed(app: &mut App, case_id: i64) -> crate::Result<String> {
    let moved = app.ws.upgrade_case(case_id)?;
    app.reload()?;
    Ok(summary(&moved))
}

/// One status line: new items, where retired marks went, renames and merges, and the risk score.
pub fn summary(u: &Upgraded) -> String {
    let mut parts = vec![count(u.new.len(), "new item", "").trim_end().to_string()];
    for r in &u.retired {
        parts.push(match &r.control {
            Some(control) => format!("{} now organisation control {control}", r.code),
            None => format!("{} retired (its mark is kept in the record)", r.code),
        });
    }
    if !u.renamed.is_empty() {
        parts.push(count(u.renamed.len(), "mark", "renamed"));
    }
    if !u.merged.is_empty() {
        parts.push(count(u.merged.len(), "item", "combining earlier marks"));
    }
    let risk = if u.score_before == u.score_after {
        String::new()
    } else {
        format!(" · risk {} → {}", u.score_before, u.score_after)
    };
    format!("moved to catalog {}: {}{risk}", u.to, parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MarkState;
    use crate::workspace::RetiredMark;

    #[test]
    fn the_summary_names_every_kind_of_move_and_a_risk_change() {
        let retired = |code: &str, control: Option<&str>| RetiredMark {
            code: code.into(),
            state: MarkState::Clear,
            note: String::new(),
            control: control.map(str::to_string),
        };
        let u = Upgraded {
            case_id: 1,
            from: "2026.1".into(),
            to: "2026.2".into(),
            renamed: vec![("RF-A".into(), "RF-B".into())],
            merged: vec![("DD-C".into(), vec!["DD-D".into(), "DD-E".into()])],
            retired: vec![retired("DD-VEND-05", Some("OC-01")), retired("DD-OLD-01", None)],
            new: vec!["RF-NEW-01".into()],
            score_before: 7,
            score_after: 5,
        };
        assert_eq!(
            summary(&u),
            "moved to catalog 2026.2: 1 new item; DD-VEND-05 now organisation control OC-01; DD-OLD-01 retired \
             (its mark is kept in the record); 1 mark renamed; 1 item combining earlier marks · risk 7 → 5"
        );
    }
}
