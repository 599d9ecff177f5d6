//! The application facade on a real temporary SQLite file: what the window and the CLI call.

use carnet_core::api::*;
use carnet_core::leads::contact::ContactInput;
use carnet_core::leads::lead::{LeadKind, LeadStatus, NewLead};
use carnet_core::leads::list::LeadQuery;
use carnet_core::leads::vehicle::VehicleInput;
use carnet_core::App;
use chrono::Duration;
use serde_json::json;

mod common;
use common::{fixture, Fixture};

fn count(app: &App, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(app.db_path()).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn phone_lead(f: &Fixture, last_name: &str, phone: &str) -> NewLead {
    NewLead {
        contact_id: None,
        contact: ContactInput {
            first_name: "Hélène".into(),
            last_name: last_name.into(),
            phone: Some(phone.into()),
            ..Default::default()
        },
        kind: LeadKind::Vo,
        source: "Téléphone".into(),
        interest: None,
        site_id: f.meta.sites[0].id,
        owner_id: None,
        vehicle: Some(VehicleInput {
            make: "Peugeot".into(),
            model: "3008".into(),
            ..Default::default()
        }),
        owned_vehicle: Some(VehicleInput {
            make: "Renault".into(),
            model: "Clio".into(),
            plate: Some("ab-123-cd".into()),
            ..Default::default()
        }),
        message: Some("Rappeler après 18 h".into()),
        external_ref: None,
    }
}

#[test]
fn a_phone_lead_is_created_found_and_shown_with_its_timeline() {
    let f = fixture();
    let lead = f
        .app
        .lead_create(phone_lead(&f, "Durand", "06 12 34 56 78"))
        .unwrap();
    assert_eq!(lead.code, "L-2026-000001");
    assert_eq!(lead.status, LeadStatus::Nouveau);
    assert_eq!(lead.contact.phone.as_deref(), Some("+33612345678"));
    assert_eq!(
        lead.owned_vehicle.as_ref().unwrap().plate.as_deref(),
        Some("AB-123-CD")
    );
    // 24 h from Tuesday 10:00 (Paris), on open days: Wednesday 10:00.
    assert_eq!(lead.deadline_at.as_deref(), Some("2026-11-25T09:00:00Z"));
    let mut other = phone_lead(&f, "Martin", "0478123456");
    other.owned_vehicle = None;
    assert_eq!(f.app.lead_create(other).unwrap().code, "L-2026-000002");

    for search in [
        "durand",
        "helene dur",
        "06 12 34 56 78",
        "0612345678",
        "+33612345678",
        "L-2026-000001",
        "ab-123",
    ] {
        let page = f
            .app
            .leads_list(LeadQuery {
                search: Some(search.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(
            page.leads
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            ["L-2026-000001"],
            "search {search:?}"
        );
    }
    let detail = f
        .app
        .lead_get(LeadRef {
            code: "l-2026-000001".into(),
        })
        .unwrap();
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].kind, "created");
}

#[test]
fn invalid_input_names_the_field_in_french_and_saves_nothing() {
    let f = fixture();
    let before = (
        count(&f.app, "contacts"),
        count(&f.app, "leads"),
        count(&f.app, "vehicles"),
    );
    let cases = [
        (
            json!({"phone": "12"}),
            "phone",
            "Numéro de téléphone invalide",
        ),
        (
            json!({"phone": null, "email": "jean@"}),
            "email",
            "Adresse e-mail invalide",
        ),
        (
            json!({"phone": null, "email": null}),
            "contact",
            "Indiquez au moins un téléphone",
        ),
        (
            json!({"last_name": "  "}),
            "last_name",
            "Nom : champ obligatoire",
        ),
    ];
    for (patch, field, message) in cases {
        let mut args = serde_json::to_value(phone_lead(&f, "Petit", "0612345678")).unwrap();
        for (k, v) in patch.as_object().unwrap() {
            args["contact"][k] = v.clone();
        }
        let err = f.app.call("lead_create", args).unwrap_err();
        assert_eq!(err.code, "invalid");
        assert_eq!(err.field.as_deref(), Some(field));
        assert!(err.message.starts_with(message), "{}", err.message);
    }
    let mut args = serde_json::to_value(phone_lead(&f, "Petit", "0612345678")).unwrap();
    args["site_id"] = json!(999);
    assert_eq!(
        f.app
            .call("lead_create", args)
            .unwrap_err()
            .field
            .as_deref(),
        Some("site_id")
    );
    assert_eq!(
        (
            count(&f.app, "contacts"),
            count(&f.app, "leads"),
            count(&f.app, "vehicles")
        ),
        before
    );
}

#[test]
fn an_existing_contact_is_proposed_and_reused() {
    let f = fixture();
    let first = f
        .app
        .lead_create(phone_lead(&f, "Roux", "06 11 22 33 44"))
        .unwrap();
    let matches = f
        .app
        .contacts_match(ContactMatchQuery {
            phone: Some("+33 6 11 22 33 44".into()),
            email: None,
        })
        .unwrap();
    assert_eq!(
        matches.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first.contact.id]
    );
    assert!(f
        .app
        .contacts_match(ContactMatchQuery {
            phone: Some("06 99 99 99 99".into()),
            email: None
        })
        .unwrap()
        .is_empty());
    let mut again = phone_lead(&f, "", "");
    again.contact_id = Some(first.contact.id);
    let second = f.app.lead_create(again).unwrap();
    assert_eq!(second.contact.id, first.contact.id);
    assert_eq!(count(&f.app, "contacts"), 1);
}

#[test]
fn a_lead_is_noted_assigned_contacted_and_closed_as_lost_with_a_reason() {
    let f = fixture();
    let lead = f
        .app
        .lead_create(phone_lead(&f, "Faure", "0611223344"))
        .unwrap();
    let seller = f
        .meta
        .users
        .iter()
        .find(|u| u.role == carnet_core::org::users::Role::Vendeur)
        .unwrap();

    let note = f
        .app
        .lead_add_note(NoteInput {
            lead_id: lead.id,
            text: "Souhaite un essai samedi".into(),
        })
        .unwrap();
    assert_eq!(note.kind, "note");
    assert_eq!(
        note.user.as_deref(),
        Some("Sandrine Morel"),
        "the demo's current user is the sales manager"
    );

    let assigned = f
        .app
        .lead_assign(AssignInput {
            lead_id: lead.id,
            owner_id: Some(seller.id),
            site_id: None,
        })
        .unwrap();
    assert_eq!(assigned.owner.as_deref(), Some(seller.name.as_str()));
    assert_eq!(assigned.status, LeadStatus::ATraiter);
    let mine = f
        .app
        .leads_list(LeadQuery {
            owner_id: Some(seller.id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(mine.total, 1);

    f.clock.advance(Duration::hours(2));
    let contacted = f
        .app
        .lead_mark_contact(ContactMadeInput {
            lead_id: lead.id,
            made: true,
        })
        .unwrap();
    assert_eq!(contacted.status, LeadStatus::EnCours);
    assert_eq!(
        contacted.contacted_at.as_deref(),
        Some("2026-11-24T11:00:00Z")
    );
    assert_eq!(contacted.deadline_at, None);

    let err = f
        .app
        .lead_set_status(StatusInput {
            lead_id: lead.id,
            status: LeadStatus::Perdu,
            reason: None,
            override_rule: None,
        })
        .unwrap_err();
    assert_eq!(err.to_api().field.as_deref(), Some("reason"));
    let err = f
        .app
        .lead_set_status(StatusInput {
            lead_id: lead.id,
            status: LeadStatus::Perdu,
            reason: Some("parce que".into()),
            override_rule: None,
        })
        .unwrap_err();
    assert!(err.to_api().message.starts_with("Motif inconnu"));
    let lost = f
        .app
        .lead_set_status(StatusInput {
            lead_id: lead.id,
            status: LeadStatus::Perdu,
            reason: Some("Projet reporté".into()),
            override_rule: None,
        })
        .unwrap();
    assert_eq!(lost.status, LeadStatus::Perdu);
    assert_eq!(lost.close_reason.as_deref(), Some("Projet reporté"));

    let kinds: Vec<String> = f
        .app
        .lead_get(LeadRef {
            code: lead.code.clone(),
        })
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        ["status", "contact_made", "assigned", "note", "created"]
    );
    let lost_list = f
        .app
        .leads_list(LeadQuery {
            status: Some(LeadStatus::Perdu),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(lost_list.total, 1);
}

#[test]
fn overdue_filter_and_deadline_rules_follow_the_clock() {
    let f = fixture();
    let lead = f
        .app
        .lead_create(phone_lead(&f, "Blanc", "0611223344"))
        .unwrap();
    let overdue = || {
        f.app
            .leads_list(LeadQuery {
                overdue: true,
                ..Default::default()
            })
            .unwrap()
            .total
    };
    assert_eq!(overdue(), 0);
    // 24 h from Tuesday 10:00 (Paris) end on Wednesday 10:00.
    f.clock.advance(Duration::hours(23));
    assert_eq!(overdue(), 0);
    f.clock.advance(Duration::hours(2));
    assert_eq!(overdue(), 1);

    let err = f
        .app
        .lead_set_deadline(DeadlineInput {
            lead_id: lead.id,
            deadline_at: Some("2026-11-01T10:00:00Z".into()),
        })
        .unwrap_err();
    assert_eq!(
        err.to_api().message,
        "L'échéance ne peut pas précéder la création du lead."
    );
    let moved = f
        .app
        .lead_set_deadline(DeadlineInput {
            lead_id: lead.id,
            deadline_at: Some("2026-12-01T10:00:00+01:00".into()),
        })
        .unwrap();
    assert_eq!(moved.deadline_at.as_deref(), Some("2026-12-01T09:00:00Z"));
    assert_eq!(overdue(), 0);
    let detail = f.app.lead_get(LeadRef { code: lead.code }).unwrap();
    assert_eq!(detail.events[0].text, "Échéance fixée au 01/12/2026 10:00");
}

#[test]
fn editing_a_contact_updates_the_search_and_the_timeline() {
    let f = fixture();
    let lead = f
        .app
        .lead_create(phone_lead(&f, "Girard", "0611223344"))
        .unwrap();
    let input = ContactInput {
        first_name: "Hélène".into(),
        last_name: "Girard-Nguyen".into(),
        email: Some("H.Girard@Orange.FR".into()),
        phone: Some("0611223344".into()),
        ..Default::default()
    };
    let updated = f
        .app
        .contact_update(ContactUpdate {
            id: lead.contact.id,
            contact: input,
        })
        .unwrap();
    assert_eq!(updated.email.as_deref(), Some("h.girard@orange.fr"));
    let found = f
        .app
        .leads_list(LeadQuery {
            search: Some("nguyen".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    let found = f
        .app
        .leads_list(LeadQuery {
            search: Some("h.girard@orange".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.total, 1);
    let events = f.app.lead_get(LeadRef { code: lead.code }).unwrap().events;
    assert_eq!(events[0].kind, "contact_updated");
}

#[test]
fn the_json_entry_point_reports_unknown_commands_and_bad_arguments() {
    let f = fixture();
    assert_eq!(
        f.app.call("drop_everything", json!({})).unwrap_err().code,
        "unknown_command"
    );
    let err = f.app.call("lead_get", json!({"code": 12})).unwrap_err();
    assert_eq!(err.code, "bad_arguments");
    assert_eq!(
        f.app
            .call("lead_get", json!({"code": "L-1999-000001"}))
            .unwrap_err()
            .code,
        "not_found"
    );
    let meta = f.app.call("meta", serde_json::Value::Null).unwrap();
    assert_eq!(meta["sites"].as_array().unwrap().len(), 2);
    assert_eq!(meta["users"].as_array().unwrap().len(), 7);
}

#[test]
fn demo_covers_every_status_and_refuses_a_database_with_leads() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("demo.db")).unwrap();
    let summary = carnet_core::dev::demo::seed(&app, 600, 3).unwrap();
    assert_eq!(summary.leads, 600);
    for status in LeadStatus::ALL {
        let page = app
            .leads_list(LeadQuery {
                status: Some(*status),
                limit: Some(1),
                ..Default::default()
            })
            .unwrap();
        assert!(page.total > 0, "no demo lead in status {status:?}");
    }
    let err = carnet_core::dev::demo::seed(&app, 10, 3).unwrap_err();
    assert_eq!(err.code(), "refused");
    let page = app
        .leads_list(LeadQuery {
            limit: Some(500),
            ..Default::default()
        })
        .unwrap();
    assert!(page.leads.iter().all(|l| l.code.starts_with("L-20")));
    let detail = app
        .lead_get(LeadRef {
            code: page.leads[0].code.clone(),
        })
        .unwrap();
    assert!(!detail.events.is_empty());
}

#[test]
fn a_database_locked_by_another_program_gets_a_french_message_and_nothing_half_saved() {
    let f = fixture();
    let other = rusqlite::Connection::open(f.app.db_path()).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = f
        .app
        .lead_create(phone_lead(&f, "Verrou", "0611223344"))
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, "db_busy");
    assert!(
        err.message.contains("occupée par un autre programme"),
        "{}",
        err.message
    );
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(count(&f.app, "leads"), 0);
    // Reading still works while another program writes (WAL).
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert!(f.app.leads_list(LeadQuery::default()).is_ok());
    other.execute_batch("ROLLBACK").unwrap();
}
