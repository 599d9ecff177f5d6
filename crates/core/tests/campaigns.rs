//! Phone campaigns on a real database file: targeting the customer file, leaving out who may
//! not be called for prospecting (Bloctel, no phone, « ne plus appeler », an open lead), sharing
//! the calls, logging them, an interested person becoming a lead.

use base64::Engine;
use carnet_core::api::*;
use carnet_core::campaigns::calls::CampaignOutcome;
use carnet_core::campaigns::CampaignTarget;
use carnet_core::leads::lead::LeadKind;
use rusqlite::{params, Connection};

mod common;
use common::fixture;

/// A DMS customer who bought a car on `bought` (inserted as an import would).
fn customer(
    conn: &Connection,
    name: &str,
    phone: Option<&str>,
    landline: Option<&str>,
    postal: &str,
    bought: &str,
) -> i64 {
    conn.execute(
        "INSERT INTO contacts(first_name, last_name, phone, landline, postal_code, customer_code, created_at, updated_at)
         VALUES ('Client', ?1, ?2, ?3, ?4, 'C-' || ?1, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')",
        params![name, phone, landline, postal],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO customer_history(contact_id, happened_on, kind, kind_label, label, created_at, updated_at)
         VALUES (?1, ?2, 'vente_vn', 'VENTE VN', 'Peugeot 308', ?2, ?2)",
        params![id, bought],
    )
    .unwrap();
    id
}

#[test]
fn a_renewal_campaign_calls_only_who_may_be_called_and_turns_interest_into_leads() {
    let f = fixture();
    let conn = Connection::open(&f.db).unwrap();
    let callable = customer(
        &conn,
        "Aubert",
        Some("+33611111111"),
        None,
        "69003",
        "2021-05-10",
    );
    customer(
        &conn,
        "Bloctel",
        Some("+33622222222"),
        None,
        "69100",
        "2021-06-01",
    );
    customer(&conn, "Sansnumero", None, None, "69007", "2021-07-01");
    let busy = customer(
        &conn,
        "Enaffaire",
        Some("+33633333333"),
        None,
        "69002",
        "2021-03-01",
    );
    customer(
        &conn,
        "Ancien",
        Some("+33644444444"),
        None,
        "69003",
        "2018-03-01",
    );
    customer(
        &conn,
        "Isere",
        Some("+33655555555"),
        None,
        "38000",
        "2021-03-01",
    );
    let fixed = customer(
        &conn,
        "Fixe",
        None,
        Some("+33478000000"),
        "69500",
        "2021-09-09",
    );
    let refuses = customer(
        &conn,
        "Refus",
        Some("+33666666666"),
        None,
        "69001",
        "2021-02-02",
    );
    f.app
        .lead_create(carnet_core::leads::lead::NewLead {
            contact_id: Some(busy),
            contact: Default::default(),
            kind: LeadKind::Apv,
            source: "Téléphone".into(),
            interest: None,
            site_id: f.meta.sites[0].id,
            owner_id: None,
            vehicle: None,
            owned_vehicle: None,
            message: None,
            external_ref: None,
        })
        .unwrap();
    let bloctel = |text: &str| {
        f.app
            .bloctel_import(BloctelImportInput {
                file_name: "bloctel.csv".into(),
                base64: base64::engine::general_purpose::STANDARD.encode(text),
                dry_run: false,
            })
            .unwrap()
    };
    bloctel("0622222222\n");

    let user = |name: &str| f.meta.users.iter().find(|u| u.name == name).unwrap().id;
    let (karim, thomas) = (user("Karim Benali"), user("Thomas Lefèvre"));
    let input = CampaignInput {
        name: "Renouvellement 308 de 2021".into(),
        kind: LeadKind::Vn,
        assignees: vec![karim, thomas],
        target: CampaignTarget {
            customers_only: true,
            bought_from: Some("2021-01-01".into()),
            bought_to: Some("2021-12-31".into()),
            postal_prefix: Some("69".into()),
            ..Default::default()
        },
    };
    let preview = f.app.campaign_preview(input.clone()).unwrap();
    assert_eq!((preview.matching, preview.targets), (6, 3), "{preview:?}");
    let excluded = |p: &CampaignPreview, reason: &str| {
        p.excluded
            .iter()
            .find(|e| e.reason == reason)
            .map_or(0, |e| e.count)
    };
    assert_eq!(excluded(&preview, "inscrit sur Bloctel"), 1);
    assert_eq!(excluded(&preview, "sans téléphone"), 1);
    assert_eq!(excluded(&preview, "lead en cours"), 1);

    let campaign = f.app.campaign_create(input.clone()).unwrap();
    assert_eq!((campaign.calls, campaign.to_call), (3, 3));
    let calls = f
        .app
        .campaign_calls(CampaignCallsQuery {
            campaign_id: campaign.id,
            ..Default::default()
        })
        .unwrap();
    let call_of = |contact: i64| {
        calls
            .iter()
            .find(|c| c.contact_id == contact)
            .unwrap()
            .clone()
    };
    assert_eq!(
        call_of(fixed).phone.as_deref(),
        Some("+33478000000"),
        "the landline when no mobile"
    );
    let assignees: Vec<_> = calls.iter().map(|c| c.assignee.clone().unwrap()).collect();
    assert!(
        assignees.contains(&"Karim Benali".to_string())
            && assignees.contains(&"Thomas Lefèvre".to_string())
    );

    // The landline goes on Bloctel after the campaign was made: no call, the list says so.
    bloctel("0622222222\n0478000000\n");
    let blocked = f
        .app
        .campaign_calls(CampaignCallsQuery {
            campaign_id: campaign.id,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .find(|c| c.contact_id == fixed)
        .unwrap();
    assert!(blocked.blocked && blocked.phone.is_none());
    let refused = f
        .app
        .campaign_call_log(CampaignCallLog {
            id: blocked.id,
            outcome: CampaignOutcome::Injoignable,
            note: None,
        })
        .unwrap_err();
    assert!(refused.to_string().contains("Bloctel"), "{refused}");

    // Only the assignee (or a manager) logs a call.
    let aubert = call_of(callable);
    let (mine, other) = match aubert.assignee.as_deref() {
        Some("Karim Benali") => (karim, thomas),
        _ => (thomas, karim),
    };
    let forbidden = f
        .app
        .acting_as(Some(other))
        .campaign_call_log(CampaignCallLog {
            id: aubert.id,
            outcome: CampaignOutcome::Interesse,
            note: None,
        })
        .unwrap_err();
    assert!(
        forbidden.to_string().contains("autre vendeur"),
        "{forbidden}"
    );
    let logged = f
        .app
        .acting_as(Some(mine))
        .campaign_call_log(CampaignCallLog {
            id: aubert.id,
            outcome: CampaignOutcome::Interesse,
            note: Some("Veut essayer la nouvelle 308 hybride".into()),
        })
        .unwrap();
    let code = logged.lead_code.clone().expect("a lead");
    let lead = f.app.lead_get(LeadRef { code: code.clone() }).unwrap().lead;
    assert_eq!(lead.contact.id, callable);
    assert_eq!(lead.source, "Campagne « Renouvellement 308 de 2021 »");
    assert_eq!(lead.owner_id, Some(mine));
    assert_eq!(
        lead.message.as_deref(),
        Some("Veut essayer la nouvelle 308 hybride")
    );
    let again = f
        .app
        .acting_as(Some(mine))
        .campaign_call_log(CampaignCallLog {
            id: aubert.id,
            outcome: CampaignOutcome::Interesse,
            note: None,
        })
        .unwrap();
    assert_eq!(again.lead_code, Some(code), "one lead per call");

    // « Ne plus m'appeler » holds for every later campaign.
    let refus = call_of(refuses);
    f.app
        .campaign_call_log(CampaignCallLog {
            id: refus.id,
            outcome: CampaignOutcome::NePlusAppeler,
            note: None,
        })
        .unwrap();
    let figures = f.app.campaigns_list(Empty {}).unwrap().remove(0);
    assert_eq!(
        (
            figures.calls,
            figures.to_call,
            figures.interested,
            figures.do_not_call,
            figures.leads,
            figures.blocked
        ),
        (3, 1, 1, 1, 1, 1)
    );
    let next = f.app.campaign_preview(input).unwrap();
    assert_eq!(next.targets, 0, "{next:?}");
    assert_eq!(excluded(&next, "ne plus appeler"), 1);
    assert_eq!(excluded(&next, "lead en cours"), 2);
    assert_eq!(excluded(&next, "inscrit sur Bloctel"), 2);

    // A person erased since the campaign was made is not called either.
    let second = f
        .app
        .campaign_create(CampaignInput {
            name: "Atelier".into(),
            kind: LeadKind::Apv,
            assignees: vec![],
            target: CampaignTarget {
                postal_prefix: Some("38".into()),
                ..Default::default()
            },
        })
        .unwrap();
    let isere = f
        .app
        .campaign_calls(CampaignCallsQuery {
            campaign_id: second.id,
            ..Default::default()
        })
        .unwrap()
        .remove(0);
    f.app
        .contact_erase(EraseInput {
            contact_id: isere.contact_id,
            confirm: true,
        })
        .unwrap();
    let erased = f
        .app
        .campaign_call_log(CampaignCallLog {
            id: isere.id,
            outcome: CampaignOutcome::Interesse,
            note: None,
        })
        .unwrap_err();
    assert!(erased.to_string().contains("effacée"), "{erased}");

    // Bad criteria: a clear French message.
    let bad = f
        .app
        .campaign_preview(CampaignInput {
            name: "x".into(),
            kind: LeadKind::Vn,
            assignees: vec![],
            target: CampaignTarget {
                no_visit_since: Some("31/02/2026".into()),
                ..Default::default()
            },
        })
        .unwrap_err();
    assert!(bad.to_string().contains("Date invalide"), "{bad}");
}
