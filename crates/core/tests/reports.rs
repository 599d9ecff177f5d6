//! Reports on a hand-built dataset with known answers: first contact in business hours across a
//! weekend (opening hours Monday–Friday 9–12 / 14–19, Saturday 9–12 / 14–18, Sunday closed),
//! within one working day and within 48 h, rates, groups, the dashboard's lists, and the exports
//! read back by an independent reader (Python openpyxl).

use carnet_core::api::*;
use carnet_core::kernel::clock::FixedClock;
use carnet_core::leads::contact::ContactInput;
use carnet_core::leads::lead::{LeadKind, NewLead};
use carnet_core::reports::export::ExportKind;
use carnet_core::App;
use chrono::{TimeZone, Utc};
use std::path::PathBuf;
use std::sync::Arc;

struct Scene {
    dir: tempfile::TempDir,
    app: App,
}

/// Paris time in November (UTC+1).
fn paris(d: u32, h: u32, m: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, h - 1, m, 0).unwrap()
}

/// Four leads: A and B on Friday 20 at 18:00 (Site web), C on Saturday 21 at 10:00 and D on
/// Monday 23 at 10:00 (Leboncoin, D unassigned and never contacted). A is reached on Saturday
/// at 9:30, B on Monday at 17:00, C on Wednesday 25 at 9:00.
fn scene() -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(paris(20, 18, 0)));
    let app = App::open_with_clock(&dir.path().join("r.db"), clock.clone()).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    let meta = app.meta(Empty {}).unwrap();
    let karim = meta
        .users
        .iter()
        .find(|u| u.name == "Karim Benali")
        .unwrap()
        .id;
    let lyon = meta.sites.iter().find(|s| s.city == "Lyon").unwrap().id;
    let create = |name: &str, source: &str, owner: Option<i64>| {
        app.lead_create(NewLead {
            contact_id: None,
            contact: ContactInput {
                last_name: name.into(),
                phone: Some(format!("06 12 34 56 {:02}", name.len() * 7)),
                ..Default::default()
            },
            kind: LeadKind::Vo,
            source: source.into(),
            interest: None,
            site_id: lyon,
            owner_id: owner,
            vehicle: None,
            owned_vehicle: None,
            message: None,
            external_ref: None,
        })
        .unwrap()
        .id
    };
    let a = create("Alpha", "Site web", Some(karim));
    let b = create("Bravo", "Site web", Some(karim));
    let set = |at: chrono::DateTime<Utc>| clock.advance(at - clock.now_for_tests());
    let contact = |id: i64| {
        app.lead_mark_contact(ContactMadeInput {
            lead_id: id,
            made: true,
        })
        .unwrap();
    };
    set(paris(21, 9, 30));
    contact(a);
    set(paris(21, 10, 0));
    let c = create("Charlie", "Leboncoin", Some(karim));
    set(paris(23, 10, 0));
    create("Delta", "Leboncoin", None);
    set(paris(23, 17, 0));
    contact(b);
    set(paris(25, 9, 0));
    contact(c);
    Scene { dir, app }
}

#[test]
fn first_contact_is_counted_in_business_hours_across_the_weekend() {
    let s = scene();
    let kpi = s
        .app
        .kpi(ReportFilter {
            from: Some("2026-11-20".into()),
            to: Some("2026-11-25".into()),
            ..Default::default()
        })
        .unwrap();
    let t = &kpi.total;
    assert_eq!((t.leads, t.contacted, t.contact_rate), (4, 3, 75.0));
    // A: Friday 18:00–19:00 + Saturday 9:00–9:30 = 90 min; B: 60 + Saturday 7 h + Monday 9–12,
    // 14–17 = 840 min; C: Saturday 10–12, 14–18 + Monday + Tuesday 8 h each = 1,320 min.
    assert_eq!(t.first_contact_median_min, Some(840.0));
    assert_eq!(t.first_contact_p90_min, Some(1320.0));
    // One working day: A by Saturday 18:00 only. 48 h on open days: A and B (Friday 18:00 +
    // 48 h = Monday 18:00, Sunday not counted); C (Saturday 10:00 → Tuesday 10:00) is late.
    assert_eq!((t.within_working_day, t.within_working_day_rate), (1, 25.0));
    assert_eq!((t.within_48h, t.within_48h_rate), (2, 50.0));
    let web = kpi.by_source.iter().find(|r| r.key == "Site web").unwrap();
    assert_eq!(
        (web.leads, web.within_48h_rate, web.first_contact_median_min),
        (2, 100.0, Some(840.0))
    );
    let unowned = kpi.by_owner.iter().find(|r| r.key.is_empty()).unwrap();
    assert_eq!((unowned.label.as_str(), unowned.leads), ("Non assigné", 1));
    // Only Friday: A and B.
    let friday = s
        .app
        .kpi(ReportFilter {
            from: Some("2026-11-20".into()),
            to: Some("2026-11-20".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(friday.total.leads, 2);

    let dash = s.app.dashboard(ReportFilter::default()).unwrap();
    assert_eq!(dash.unassigned.count, 1);
    assert_eq!(dash.unassigned.leads[0].name, "Delta");
    assert_eq!(dash.no_next_action.count, 3, "contacted, nothing planned");
    let vo = dash
        .spaces
        .iter()
        .find(|s| s.space == "Commerce VO")
        .unwrap();
    assert_eq!(vo.nouveau + vo.a_traiter + vo.en_cours, 4);
    // The lead list shows the leads behind a figure.
    let page = s
        .app
        .leads_list(LeadQuery {
            source: Some("Site web".into()),
            created_from: Some("2026-11-20".into()),
            created_to: Some("2026-11-20".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 2);
    let page = s
        .app
        .leads_list(LeadQuery {
            unassigned: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
}

#[test]
fn a_period_is_required_to_make_sense() {
    let s = scene();
    let err = s
        .app
        .call(
            "kpi",
            serde_json::json!({"from": "2026-12-01", "to": "2026-11-01"}),
        )
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("from"));
    assert!(err.message.contains("Période vide"), "{}", err.message);
    let err = s
        .app
        .call(
            "kpi",
            serde_json::json!({"from": "2016-01-01", "to": "2026-01-01"}),
        )
        .unwrap_err();
    assert!(err.message.contains("trop longue"), "{}", err.message);
    // A vendeur with no leads: zeros, not an error.
    let meta = s.app.meta(Empty {}).unwrap();
    let julie = meta
        .users
        .iter()
        .find(|u| u.name == "Julie Garnier")
        .unwrap()
        .id;
    let kpi = s
        .app
        .kpi(ReportFilter {
            from: Some("2026-11-20".into()),
            to: Some("2026-11-25".into()),
            owner_id: Some(julie),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((kpi.total.leads, kpi.total.contact_rate), (0, 0.0));
    assert!(kpi.total.first_contact_median_min.is_none());
}

fn python() -> Option<PathBuf> {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    let ok = python.exists()
        && std::process::Command::new(&python)
            .args(["-c", "import openpyxl"])
            .status()
            .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "openpyxl must be installed in CI (scripts/setup.sh --test)"
        );
        eprintln!("SKIPPED: no .venv with openpyxl (bash scripts/setup.sh --test)");
        return None;
    }
    Some(python)
}

#[test]
fn exports_read_back_with_their_types_rows_tables_and_charts() {
    let s = scene();
    let Some(python) = python() else {
        return;
    };
    let filter = ReportFilter {
        from: Some("2026-11-20".into()),
        to: Some("2026-11-25".into()),
        ..Default::default()
    };
    let leads = s.dir.path().join("leads.xlsx");
    let done = s
        .app
        .export_to(
            &ExportInput {
                what: ExportKind::LeadsXlsx,
                filter: filter.clone(),
            },
            &leads,
            |_, _| true,
        )
        .unwrap();
    assert_eq!(done.rows, 4);
    let kpi = s.dir.path().join("kpi.xlsx");
    s.app
        .export_to(
            &ExportInput {
                what: ExportKind::KpiXlsx,
                filter: filter.clone(),
            },
            &kpi,
            |_, _| true,
        )
        .unwrap();
    let script = r#"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
assert wb.sheetnames == ["Tous les leads", "Leads VO"], wb.sheetnames
assert ws.max_row == 5 and ws.freeze_panes == "A2", (ws.max_row, ws.freeze_panes)
table = list(ws.tables.values())[0]
assert table.ref == "A1:AA5", table.ref
header = [c.value for c in ws[1]]
assert header[1] == "Reçu le" and header[19].startswith("Délai 1er contact"), header
first = [c.value for c in ws[2]]
assert isinstance(first[1], datetime.datetime) and first[1] == datetime.datetime(2026, 11, 20, 18, 0), first[1]
assert ws.cell(2, 2).number_format == "dd/mm/yyyy hh:mm"
kpi = openpyxl.load_workbook(sys.argv[2])
for name in ["Synthèse", "Par source", "Par vendeur", "Par site", "Par marque", "Par type", "Ventes", "Prévisions", "Activité", "Contacts"]:
    assert name in kpi.sheetnames, (name, kpi.sheetnames)
src = kpi["Par source"]
assert len(src._charts) == 2, len(src._charts)
rows = {r[0].value: [c.value for c in r] for r in src.iter_rows(min_row=2)}
assert rows["Site web"][1] == 2 and rows["Leboncoin"][1] == 2, rows
trace = kpi["Contacts"]
assert trace.max_row == 4, trace.max_row
first = [c.value for c in trace[2]]
assert first[0] == datetime.datetime(2026, 11, 21, 9, 30) and first[2] == "Contact", first
print("ok")
"#;
    let out = std::process::Command::new(python)
        .args(["-c", script, leads.to_str().unwrap(), kpi.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // CSV: BOM, semicolons, French dates; a path that cannot be written leaves nothing.
    let csv = s.dir.path().join("leads.csv");
    s.app
        .export_to(
            &ExportInput {
                what: ExportKind::LeadsCsv,
                filter: filter.clone(),
            },
            &csv,
            |_, _| true,
        )
        .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}Code;Reçu le;"), "{}", &text[..40]);
    assert!(text.contains(";20/11/2026 18:00;"), "{text}");
    assert_eq!(text.lines().count(), 5);
    let err = s
        .app
        .export_to(
            &ExportInput {
                what: ExportKind::LeadsXlsx,
                filter,
            },
            &s.dir.path().join("absent/leads.xlsx"),
            |_, _| true,
        )
        .unwrap_err()
        .to_api();
    assert!(err.message.contains("n'existe pas"), "{}", err.message);
    let leftovers: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
    // Cancelled from the progress bar: no file, no leftover.
    let cancelled = s.dir.path().join("cancelled.xlsx");
    let err = s
        .app
        .export_to(
            &ExportInput {
                what: ExportKind::LeadsXlsx,
                filter: ReportFilter::default(),
            },
            &cancelled,
            |_, _| false,
        )
        .unwrap_err()
        .to_api();
    assert!(err.message.contains("annulé"), "{}", err.message);
    assert!(!cancelled.exists());
}
