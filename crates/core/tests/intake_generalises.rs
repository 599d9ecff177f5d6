//! Intake on what it was not built on: a merged request that brings a trade-in and an opt-in,
//! foreign contacts, and bad input that must never cost a reachable lead.

mod common;

use carnet_core::api::LeadRef;
use carnet_core::intake::store::{Channel, IngestResult};

fn mail(id: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Site <noreply@garage-exemple.fr>\r\nTo: leads@garage.fr\r\nSubject: Demande de contact\r\n\
         Message-ID: <{id}@example.fr>\r\nDate: Tue, 24 Nov 2026 08:30:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    )
    .into_bytes()
}

#[test]
fn a_merged_request_keeps_its_trade_in_details_and_opt_in() {
    let f = common::fixture();
    let first = f
        .app
        .ingest_mail(
            &mail(
                "m1",
                "Nom : Morel\r\nPrénom : Léa\r\nTéléphone : 06 11 22 33 44\r\nE-mail : lea.morel@example.fr\r\n\
                 Véhicule : Peugeot 3008 Allure\r\nMessage : Je voudrais un essai.\r\n",
            ),
            Channel::File,
        )
        .unwrap();
    assert_eq!(first.result, IngestResult::Created);
    let code = first.lead_code.unwrap();
    let second = f
        .app
        .ingest_mail(
            &mail(
                "m2",
                "Nom : Morel\r\nPrénom : Léa\r\nTéléphone : 06 11 22 33 44\r\nE-mail : lea.morel@example.fr\r\n\
                 Véhicule : Peugeot 3008 Allure\r\nAnnée : 2023\r\nKilométrage : 12 000 km\r\n\
                 Véhicule à reprendre : Renault Clio IV 0.9 TCe 2016 98 000 km\r\n\
                 J'accepte de recevoir les offres : Oui\r\nMessage : Et avec ma Clio en reprise ?\r\n",
            ),
            Channel::File,
        )
        .unwrap();
    assert_eq!(second.result, IngestResult::Merged);
    assert_eq!(second.lead_code.as_deref(), Some(code.as_str()));

    let detail = f.app.lead_get(LeadRef { code }).unwrap();
    let trade_in = detail
        .lead
        .owned_vehicle
        .as_ref()
        .expect("the trade-in reaches the lead");
    assert_eq!(
        (trade_in.make.as_str(), trade_in.model.as_str()),
        ("Renault", "Clio IV")
    );
    assert_eq!((trade_in.year, trade_in.km), (Some(2016), Some(98_000)));
    let vehicle = detail.lead.vehicle.as_ref().unwrap();
    assert_eq!(
        (vehicle.year, vehicle.km),
        (Some(2023), Some(12_000)),
        "details it lacked"
    );
    let inbound = detail
        .events
        .iter()
        .find(|e| e.kind == "inbound")
        .expect("the new request on the timeline");
    for part in [
        "Peugeot 3008",
        "Reprise (ajoutée au lead) : Renault Clio IV",
        "98 000 km",
        "Et avec ma Clio",
    ] {
        assert!(inbound.text.contains(part), "{part} in {:?}", inbound.text);
    }
    assert!(
        detail.lead.contact.consent_email,
        "the new opt-in is recorded"
    );
    assert!(detail
        .events
        .iter()
        .any(|e| e.kind == "consent" && e.text.contains("non → oui")));
}

#[test]
fn foreign_contacts_become_leads_with_their_country() {
    let f = common::fixture();
    let out = f
        .app
        .ingest_mail(
            &mail(
                "be1",
                "Nom : Claes\r\nPrénom : Sarah\r\nCode postal : 7500\r\nVille : Tournai\r\nPays : Belgique\r\n\
                 Téléphone : 0475 63 21 98\r\nMessage : Quel délai pour un Austral ?\r\n",
            ),
            Channel::File,
        )
        .unwrap();
    assert_eq!(out.result, IngestResult::Created, "{:?}", out.reason);
    let lead = f
        .app
        .lead_get(LeadRef {
            code: out.lead_code.unwrap(),
        })
        .unwrap()
        .lead;
    assert_eq!(
        lead.contact.phone.as_deref(),
        Some("+32475632198"),
        "never +33475…"
    );
    assert_eq!(lead.contact.postal_code.as_deref(), Some("7500"));
    assert_eq!(lead.contact.country.as_deref(), Some("BE"));
    assert!(lead.contact.to_check.is_empty());

    // A US number with a ZIP code and no e-mail: its only channel is kept.
    let out = f
        .app
        .ingest_mail(
            &mail("us1", "Name: Kevin O'Brien\r\nPhone: 1-201-555-0147\r\nZip: 07302\r\nComments: Is it available?\r\n"),
            Channel::File,
        )
        .unwrap();
    assert_eq!(out.result, IngestResult::Created, "{:?}", out.reason);
    let lead = f
        .app
        .lead_get(LeadRef {
            code: out.lead_code.unwrap(),
        })
        .unwrap()
        .lead;
    assert_eq!(lead.contact.phone.as_deref(), Some("+12015550147"));
}

#[test]
fn bad_input_costs_nothing_while_the_person_can_be_reached() {
    let f = common::fixture();
    let long_name = "Émile".repeat(1000);
    let out = f
        .app
        .ingest_mail(
            &mail(
                "bad1",
                &format!(
                    "Nom : <b>{long_name}</b>\r\nTéléphone : 12 34 56 78 90 12\r\nCode postal : 🚗🚗🚗\r\n\
                     E-mail : emile@example.fr\r\nMessage : Bonjour\r\n"
                ),
            ),
            Channel::File,
        )
        .unwrap();
    assert_eq!(out.result, IngestResult::Created, "{:?}", out.reason);
    let detail = f
        .app
        .lead_get(LeadRef {
            code: out.lead_code.unwrap(),
        })
        .unwrap();
    let c = &detail.lead.contact;
    assert_eq!(c.last_name.chars().count(), 200);
    assert!(!c.last_name.contains('<'));
    assert_eq!(
        c.phone.as_deref(),
        Some("12 34 56 78 90 12"),
        "kept as written"
    );
    assert_eq!(c.to_check, vec!["phone".to_string()]);
    assert_eq!(c.postal_code, None);
    let alerts: Vec<&str> = detail
        .events
        .iter()
        .filter(|e| e.kind == "alert")
        .map(|e| e.text.as_str())
        .collect();
    assert!(
        alerts.iter().any(|a| a.contains("conservé tel quel")),
        "{alerts:?}"
    );
    assert!(
        alerts.iter().any(|a| a.contains("Code postal illisible")),
        "{alerts:?}"
    );

    // Letters for a phone and no e-mail: nothing left to reach the person.
    let out = f
        .app
        .ingest_mail(
            &mail(
                "bad2",
                "Nom : Durand\r\nTéléphone : PASDENUMERO\r\nMessage : Rappelez-moi\r\n",
            ),
            Channel::File,
        )
        .unwrap();
    assert_eq!(out.result, IngestResult::Quarantined);
    let reason = out.reason.unwrap();
    assert!(
        reason.contains("PASDENUMERO") && reason.contains("e-mail"),
        "{reason}"
    );
}
