//! The webhook payload through the intake pipeline, and the committed JSON Schema.

use carnet_core::intake::store::IngestResult;
use carnet_core::App;
use serde_json::json;

fn app(dir: &std::path::Path) -> App {
    let app = App::open(&dir.join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    app
}

#[test]
fn json_schema_file_is_fresh() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/lead.schema.json");
    let want = carnet_core::intake::webhook::schema_json();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        want,
        "run UPDATE_BINDINGS=1 cargo test -p carnet-core --test webhook"
    );
}

#[test]
fn a_valid_payload_creates_one_lead_even_when_posted_twice() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let body = json!({
        "id": "form-778", "source": "Site web", "kind": "VO", "first_name": "Zoé", "last_name": "Perrin",
        "phone": "06 06 82 88 36", "email": "Zoe.Perrin@Free.fr", "consent": true,
        "vehicle": {"make": "Fiat", "model": "500", "price_cents": 1_299_000},
        "trade_in": {"make": "Renault", "model": "Twingo", "plate": "AB-123-CD"},
        "message": "<script>alert(1)</script> Disponible samedi ?", "received_at": "2026-11-20T09:30:00+01:00"
    })
    .to_string();
    let first = app.ingest_webhook(body.as_bytes()).unwrap();
    assert_eq!(first.result, IngestResult::Created);
    let again = app.ingest_webhook(body.as_bytes()).unwrap();
    assert_eq!(again.result, IngestResult::Duplicate);
    let lead = app
        .lead_get(carnet_core::api::LeadRef {
            code: first.lead_code.unwrap(),
        })
        .unwrap()
        .lead;
    assert_eq!(lead.contact.phone.as_deref(), Some("+33606828836"));
    assert_eq!(lead.contact.email.as_deref(), Some("zoe.perrin@free.fr"));
    assert!(lead.contact.consent_email);
    assert_eq!(lead.vehicle.as_ref().unwrap().price_cents, Some(1_299_000));
    assert_eq!(
        lead.owned_vehicle.as_ref().unwrap().plate.as_deref(),
        Some("AB-123-CD")
    );
    assert_eq!(lead.created_at, "2026-11-20T08:30:00Z");
    // Stored as text: the UI never renders it as HTML.
    assert!(lead.message.unwrap().starts_with("<script>"));
}

#[test]
fn invalid_payloads_are_refused_or_quarantined_never_lost() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let err = app.ingest_webhook(b"{not json").unwrap_err().to_api();
    assert_eq!(
        (err.code.as_str(), err.field.as_deref()),
        ("invalid", Some("body"))
    );
    assert!(err.message.starts_with("JSON invalide"));
    let huge = format!("{{\"message\": \"{}\"}}", "x".repeat(300 * 1024));
    assert!(app
        .ingest_webhook(huge.as_bytes())
        .unwrap_err()
        .to_api()
        .message
        .contains("trop volumineuse"));
    // Well-formed but unusable: kept in quarantine with a French reason.
    let outcome = app
        .ingest_webhook(json!({"last_name": "Sans Contact"}).to_string().as_bytes())
        .unwrap();
    assert_eq!(outcome.result, IngestResult::Quarantined);
    assert!(outcome.reason.unwrap().contains("téléphone"));
    let outcome = app
        .ingest_webhook(
            json!({"kind": "camion", "phone": "0612345678", "last_name": "X"})
                .to_string()
                .as_bytes(),
        )
        .unwrap();
    assert_eq!(outcome.result, IngestResult::Quarantined);
    let page = app.inbound_list(Default::default()).unwrap();
    assert_eq!(page.total, 2);
}
