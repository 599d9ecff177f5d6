//! Garage set-up and identity: the first-run wizard, sign-in with its lock and slow-down, the
//! administration's refusals, the journal's old → new values, the corbeille, alerts on assignment.

use carnet_core::api::*;
use carnet_core::kernel::clock::FixedClock;
use carnet_core::{ApiError, App};
use chrono::{Duration, TimeZone, Utc};
use serde_json::{json, Value};
use std::sync::Arc;

fn empty() -> (tempfile::TempDir, App, Arc<FixedClock>) {
    let dir = tempfile::tempdir().unwrap();
    // Tuesday 24 November 2026, 10:00 in Paris.
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap(),
    ));
    let app = App::open_with_clock(&dir.path().join("c.db"), clock.clone()).unwrap();
    (dir, app, clock)
}

fn garage() -> Value {
    json!({"legal_name": "Garage des Tests", "legal_form": "SARL", "capital": "10 000",
           "siret": "732 829 320 00025", "rcs_city": "Lyon", "vat_number": "FR44732829320",
           "address": "3 rue du Moteur", "postal_code": "69007", "city": "Lyon",
           "phone": "04 78 00 00 09", "email": "contact@garage-tests.fr", "website": "www.garage-tests.fr",
           "cgv": "Conditions générales."})
}

fn setup_args() -> Value {
    json!({
        "garage": garage(),
        "site": {"name": "Garage des Tests", "postal_code": "67000", "city": "Strasbourg",
                 "hours": [{"weekday": 1, "opens": "09:00", "closes": "12:00"}, {"weekday": 1, "opens": "14:00", "closes": "19:00"},
                           {"weekday": 2, "opens": "09:00", "closes": "19:00"}]},
        "admin": {"name": "Anne Admin", "email": "Anne@Garage-Tests.fr", "role": "vendeur", "password": "Demarrage2026"}
    })
}

fn code(r: Result<Value, ApiError>) -> (String, Option<String>) {
    let e = r.expect_err("an error was expected");
    (e.code, e.field)
}

#[test]
fn the_wizard_validates_every_step_then_sets_up_once() {
    let (_dir, app, _) = empty();
    let status = app.auth_status(Empty {}).unwrap();
    assert!(status.needs_setup && status.can_seed_demo);
    for (path, bad, field) in [
        ("/garage/siret", json!("73282932000026"), "garage.siret"),
        (
            "/garage/vat_number",
            json!("FR45732829320"),
            "garage.vat_number",
        ),
        ("/garage/postal_code", json!("690"), "garage.postal_code"),
        ("/site/hours/0/closes", json!("08:00"), "site.hours"),
        ("/site/postal_code", json!("6700"), "site.postal_code"),
        ("/admin/password", json!("court1"), "admin.password"),
        ("/admin/email", json!("pas-un-email"), "admin.email"),
    ] {
        let mut args = setup_args();
        *args.pointer_mut(path).unwrap() = bad;
        let (c, f) = code(app.call("setup", args.clone()));
        assert_eq!(
            (c.as_str(), f.as_deref()),
            ("invalid", Some(field)),
            "{path}"
        );
        // Each step alone is checked the same way, without writing.
        let part = path.split('/').nth(1).unwrap();
        let step = json!({ part: args[part] });
        assert_eq!(
            code(app.call("setup_check", step)).1.as_deref(),
            Some(field),
            "{path}"
        );
    }
    for part in ["garage", "site", "admin"] {
        assert!(
            app.call("setup_check", json!({ part: setup_args()[part] }))
                .is_ok(),
            "{part}"
        );
    }
    // Nothing was half-saved.
    assert!(app.auth_status(Empty {}).unwrap().needs_setup);
    assert!(app
        .garage_get(Empty {})
        .unwrap()
        .identity
        .legal_name
        .is_empty());
    assert!(app.meta(Empty {}).unwrap().sites.is_empty());

    let status: AuthStatus =
        serde_json::from_value(app.call("setup", setup_args()).unwrap()).unwrap();
    assert!(!status.needs_setup);
    assert_eq!(status.users.len(), 1);
    assert_eq!(
        status.users[0].role,
        Role::Administrateur,
        "the wizard's account is the administrator"
    );
    assert_eq!(status.users[0].email, "anne@garage-tests.fr");
    let garage = app.garage_get(Empty {}).unwrap();
    assert!(garage.complete);
    assert_eq!(garage.siren, "732829320");
    let site = &app.sites_admin(Empty {}).unwrap()[0];
    assert_eq!(
        site.departement.as_deref(),
        Some("67"),
        "deduced from the postal code"
    );
    assert_eq!(site.hours.len(), 3);
    assert_eq!(
        code(app.call("setup", setup_args())).0,
        "refused",
        "only once"
    );
    assert_eq!(
        code(app.call("setup_demo", json!({}))).0,
        "refused",
        "not on a set-up database"
    );

    let signed: SignedIn = serde_json::from_value(
        app.call(
            "sign_in",
            json!({"login": "anne@garage-tests.fr", "password": "Demarrage2026"}),
        )
        .unwrap(),
    )
    .unwrap();
    let lead = app
        .call_in_session(Some(&signed.token), "lead_create", json!({"contact": {"last_name": "Premier", "phone": "0612345678"}, "kind": "VN", "source": "Showroom", "site_id": site.id}))
        .unwrap();
    assert_eq!(lead["code"], "L-2026-000001");
    let journal = app.journal(JournalQuery::default()).unwrap();
    let kinds: Vec<&str> = journal.items.iter().map(|e| e.kind.as_str()).collect();
    assert!(
        kinds.contains(&"audit.setup") && kinds.contains(&"audit.sign_in"),
        "{kinds:?}"
    );
}

#[test]
fn sign_in_slows_down_failures_and_an_idle_session_locks() {
    let (_dir, app, clock) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(20) }).unwrap();
    let login = |password: &str| {
        app.call(
            "sign_in",
            json!({"login": "Karim Benali", "password": password}),
        )
    };
    for _ in 0..3 {
        assert_eq!(code(login("mauvais")).0, "refused");
    }
    // The fourth attempt, even the right one, waits 5 s.
    let err = login("carnet2026").unwrap_err();
    assert!(
        err.message.contains("réessayez dans 5 s"),
        "{}",
        err.message
    );
    clock.advance(Duration::seconds(6));
    assert_eq!(code(login("mauvais")).0, "refused");
    assert!(login("carnet2026").unwrap_err().message.contains("10 s"));
    clock.advance(Duration::seconds(11));
    let signed: SignedIn = serde_json::from_value(login("carnet2026").unwrap()).unwrap();
    assert_eq!(signed.user.name, "Karim Benali");
    // The counter starts again after a success.
    assert_eq!(code(login("mauvais")).0, "refused");
    clock.advance(Duration::seconds(1));
    let again: SignedIn = serde_json::from_value(login("carnet2026").unwrap()).unwrap();

    // The session acts as Karim; after 15 idle minutes it locks, and unlocks with his password.
    let token = Some(again.token.as_str());
    let meta = app.call_in_session(token, "meta", json!({})).unwrap();
    assert_eq!(meta["current_user_id"], json!(signed.user.id));
    assert_eq!(
        code(app.call_in_session(
            token,
            "routing_rules_set",
            json!({"assignment": [], "sla": []})
        ))
        .0,
        "forbidden"
    );
    clock.advance(Duration::minutes(16));
    assert_eq!(
        code(app.call_in_session(token, "meta", json!({}))).0,
        "locked"
    );
    assert_eq!(
        code(app.call("unlock", json!({"token": again.token, "password": "faux"}))).0,
        "refused"
    );
    app.call(
        "unlock",
        json!({"token": again.token, "password": "carnet2026"}),
    )
    .unwrap();
    assert!(app.call_in_session(token, "meta", json!({})).is_ok());
    app.call("sign_out", json!({"token": again.token})).unwrap();
    assert_eq!(
        code(app.call_in_session(token, "meta", json!({}))).0,
        "unauthenticated"
    );
    assert_eq!(
        code(app.call_in_session(None, "meta", json!({}))).0,
        "unauthenticated"
    );

    let failures = app
        .journal(JournalQuery {
            kind: Some("audit.sign_in_failed".into()),
            ..Default::default()
        })
        .unwrap();
    // Five wrong passwords and one wrong unlock; the slowed attempts are not checked, nor counted.
    assert_eq!(failures.items.len(), 6);
    assert!(
        failures.items.iter().all(|e| !e.text.contains("mauvais")),
        "never the password"
    );
}

#[test]
fn users_are_administered_with_clear_refusals() {
    let (_dir, app, _) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(0) }).unwrap();
    let meta = app.meta(Empty {}).unwrap();
    let admin = meta
        .users
        .iter()
        .find(|u| u.role == Role::Administrateur)
        .unwrap()
        .id;
    let karim = meta
        .users
        .iter()
        .find(|u| u.name == "Karim Benali")
        .unwrap()
        .id;
    let as_admin = app.acting_as(Some(admin));
    let new = |email: &str, password: &str| {
        as_admin.call("user_save", json!({"name": "Lucie Martin", "email": email, "role": "vendeur", "password": password}))
    };
    assert_eq!(
        code(new("karim.benali@autosdurhone.fr", "Valable2026x")),
        ("invalid".into(), Some("email".into()))
    );
    assert_eq!(
        code(new("lucie@autosdurhone.fr", "")),
        ("invalid".into(), Some("password".into()))
    );
    assert_eq!(
        code(new("lucie@autosdurhone.fr", "lucie2026")).1.as_deref(),
        Some("password"),
        "contains her name"
    );
    let lucie = new("lucie@autosdurhone.fr", "Valable2026x").unwrap();
    assert_eq!(lucie["has_password"], json!(true));

    // The last administrator keeps the role; nobody deactivates themselves.
    let demote = json!({"id": admin, "name": "Nicolas Perrin", "email": "nicolas.perrin@autosdurhone.fr", "role": "vendeur"});
    assert_eq!(
        code(as_admin.call("user_save", demote)).1.as_deref(),
        Some("role")
    );
    let err = as_admin
        .call(
            "user_deactivate",
            json!({"user_id": admin, "reassign_to": karim}),
        )
        .unwrap_err();
    assert!(err.message.contains("propre compte"), "{}", err.message);

    // A reset password works at once, and ends the user's sessions.
    let signed: SignedIn = serde_json::from_value(
        app.call(
            "sign_in",
            json!({"login": "karim.benali@autosdurhone.fr", "password": "carnet2026"}),
        )
        .unwrap(),
    )
    .unwrap();
    as_admin
        .call(
            "user_password_reset",
            json!({"user_id": karim, "password": "Nouveau2027x"}),
        )
        .unwrap();
    assert_eq!(
        code(app.call_in_session(Some(&signed.token), "meta", json!({}))).0,
        "unauthenticated"
    );
    assert!(app
        .call(
            "sign_in",
            json!({"login": "karim.benali@autosdurhone.fr", "password": "Nouveau2027x"})
        )
        .is_ok());

    // The journal holds the role change with its old and new values, never a password.
    let before = as_admin.call("user_save", json!({"id": karim, "name": "Karim Benali", "email": "karim.benali@autosdurhone.fr", "role": "chef_des_ventes"}));
    assert!(before.is_ok());
    let journal = app
        .journal(JournalQuery {
            kind: Some("audit.user".into()),
            ..Default::default()
        })
        .unwrap();
    let change = journal
        .items
        .iter()
        .find(|e| e.text.contains("Karim"))
        .unwrap();
    let data = change.data.as_ref().unwrap();
    assert_eq!(data["old"]["role"], "vendeur");
    assert_eq!(data["new"]["role"], "chef_des_ventes");
    assert_eq!(change.user.as_deref(), Some("Nicolas Perrin"));
    let all = serde_json::to_string(&app.journal(JournalQuery::default()).unwrap()).unwrap();
    assert!(
        !all.contains("Nouveau2027x") && !all.contains("Valable2026x") && !all.contains("$argon2")
    );
}

#[test]
fn the_garage_identity_and_logo_are_checked_and_journalled() {
    let (_dir, app, _) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(0) }).unwrap();
    let mut bad = garage();
    bad["siret"] = json!("12345678901234");
    assert_eq!(
        code(app.call("garage_set", bad)).1.as_deref(),
        Some("siret")
    );
    let set = app.call("garage_set", garage()).unwrap();
    assert_eq!(set["identity"]["siret"], "73282932000025");
    let journal = app
        .journal(JournalQuery {
            kind: Some("audit.garage".into()),
            ..Default::default()
        })
        .unwrap();
    let entry = &journal.items[0];
    let data = entry.data.as_ref().unwrap();
    assert_eq!(data["old"]["legal_name"], "Autos du Rhône");
    assert_eq!(data["new"]["legal_name"], "Garage des Tests");

    use base64::Engine;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let not_image = app
        .call(
            "garage_logo_set",
            json!({"base64": b64(b"%PDF-1.7 not an image")}),
        )
        .unwrap_err();
    assert!(
        not_image.message.contains("PNG ou JPEG"),
        "{}",
        not_image.message
    );
    let mut huge = b"\x89PNG\r\n\x1a\n".to_vec();
    huge.resize(30 * 1024 * 1024, 0);
    let too_big = app
        .call("garage_logo_set", json!({"base64": b64(&huge)}))
        .unwrap_err();
    assert!(too_big.message.contains("2 Mo"), "{}", too_big.message);
    assert!(
        app.garage_logo(Empty {}).unwrap().is_none(),
        "nothing saved"
    );
    let truncated = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let broken = app
        .call("garage_logo_set", json!({"base64": b64(truncated)}))
        .unwrap_err();
    assert!(broken.message.contains("illisible"), "{}", broken.message);
    // A real 8 × 4 PNG.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAECAIAAAA8r+mnAAAAEUlEQVR4nGM4ISeHFTFQTwIAbv4ggUBHKgEAAAAASUVORK5CYII=";
    let saved = app.call("garage_logo_set", json!({"base64": png})).unwrap();
    assert_eq!(saved["has_logo"], json!(true));
    assert_eq!(
        app.garage_logo(Empty {}).unwrap().unwrap().mime,
        "image/png"
    );
}

#[test]
fn a_deleted_lead_waits_in_the_corbeille_for_30_days() {
    let (_dir, app, clock) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(30) }).unwrap();
    let before = app.leads_list(LeadQuery::default()).unwrap();
    let lead = &before.leads[0];
    app.lead_delete(LeadIdInput { lead_id: lead.id }).unwrap();
    let after = app.leads_list(LeadQuery::default()).unwrap();
    assert_eq!(after.total, before.total - 1);
    assert!(after.leads.iter().all(|l| l.id != lead.id));
    let by_code = app
        .leads_list(LeadQuery {
            search: Some(lead.code.clone()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_code.total, 0, "not found by search either");
    let trash = app.trash_list(Empty {}).unwrap();
    assert_eq!(trash.len(), 1);
    assert!(trash[0].restorable);
    app.lead_restore(LeadIdInput { lead_id: lead.id }).unwrap();
    assert_eq!(
        app.leads_list(LeadQuery::default()).unwrap().total,
        before.total
    );

    app.lead_delete(LeadIdInput { lead_id: lead.id }).unwrap();
    clock.advance(Duration::days(31));
    let err = app
        .lead_restore(LeadIdInput { lead_id: lead.id })
        .unwrap_err();
    assert!(
        err.user_message().contains("30 jours"),
        "{}",
        err.user_message()
    );
    assert!(
        app.lead_get(LeadRef {
            code: lead.code.clone()
        })
        .is_ok(),
        "the rows stay"
    );
    let journal = app.journal(JournalQuery::default()).unwrap();
    let kinds: Vec<&str> = journal.items.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "audit.lead_deleted").count(),
        2
    );
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "audit.lead_restored")
            .count(),
        1
    );
}

#[test]
fn every_assignment_alerts_the_assignee_and_close_reasons_in_use_are_retired() {
    let (_dir, app, _) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(0) }).unwrap();
    let meta = app.meta(Empty {}).unwrap();
    let sandrine = app.acting_as(
        meta.users
            .iter()
            .find(|u| u.name == "Sandrine Morel")
            .map(|u| u.id),
    );
    let karim = meta
        .users
        .iter()
        .find(|u| u.name == "Karim Benali")
        .unwrap()
        .id;
    let lead = sandrine
        .call("lead_create", json!({"contact": {"last_name": "Assigné", "phone": "0611223300"}, "kind": "VO", "source": "Téléphone", "site_id": meta.sites[0].id}))
        .unwrap();
    sandrine
        .call(
            "lead_assign",
            json!({"lead_id": lead["id"], "owner_id": karim}),
        )
        .unwrap();
    let notes = app
        .acting_as(Some(karim))
        .notifications(NotificationQuery::default())
        .unwrap();
    assert!(
        notes
            .items
            .iter()
            .any(|n| n.text.starts_with("Lead qui vous est attribué")),
        "{:?}",
        notes.items
    );
    let quick = sandrine
        .call("lead_create", json!({"contact": {"last_name": "Direct", "phone": "0611223301"}, "kind": "VN", "source": "Showroom", "site_id": meta.sites[0].id, "owner_id": karim}))
        .unwrap();
    let notes = app
        .acting_as(Some(karim))
        .notifications(NotificationQuery::default())
        .unwrap();
    assert!(notes
        .items
        .iter()
        .any(|n| n.text.contains(quick["code"].as_str().unwrap())));

    // Close a lead with "Projet reporté" (forced by the manager), then edit the reasons.
    sandrine
        .call("lead_set_status", json!({"lead_id": lead["id"], "status": "perdu", "reason": "Projet reporté", "override_rule": true}))
        .unwrap();
    let reasons: Vec<CloseReason> =
        serde_json::from_value(app.call("close_reasons", json!({})).unwrap()).unwrap();
    let edits = |f: &dyn Fn(&CloseReason) -> Option<Value>| -> Value {
        json!({"reasons": reasons.iter().filter_map(f).collect::<Vec<_>>()})
    };
    let keep = |r: &CloseReason| {
        Some(json!({"code": r.code, "status": r.status, "label": r.label, "active": r.active}))
    };
    // Deleting the reason in use is refused; retiring it is fine; unused ones may go.
    let without_used = edits(&|r| (r.label != "Projet reporté").then(|| keep(r)).flatten());
    let err = app.call("close_reasons_set", without_used).unwrap_err();
    assert!(err.message.contains("retirez-le"), "{}", err.message);
    let retired = edits(&|r| {
        if r.label == "Autre" {
            None
        } else if r.label == "Projet reporté" {
            Some(json!({"code": r.code, "status": r.status, "label": r.label, "active": false}))
        } else {
            keep(r)
        }
    });
    let after: Vec<CloseReason> =
        serde_json::from_value(app.call("close_reasons_set", retired).unwrap()).unwrap();
    assert!(after.iter().all(|r| r.label != "Autre"));
    assert!(
        !after
            .iter()
            .find(|r| r.label == "Projet reporté")
            .unwrap()
            .active
    );
    let meta = app.meta(Empty {}).unwrap();
    assert!(
        !meta.lost_reasons.contains(&"Projet reporté".to_string()),
        "retired: no longer offered"
    );
    let other = sandrine
        .call("lead_create", json!({"contact": {"last_name": "Autre", "phone": "0611223302"}, "kind": "VO", "source": "Téléphone", "site_id": meta.sites[0].id}))
        .unwrap();
    let err = sandrine
        .call("lead_set_status", json!({"lead_id": other["id"], "status": "perdu", "reason": "Projet reporté", "override_rule": true}))
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("reason"));
}

#[test]
fn settings_and_server_set_ups_are_journalled_without_secrets() {
    let (_dir, app, _) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(0) }).unwrap();
    let smtp = json!({"config": {"host": "smtp.example.fr", "port": 587, "security": "starttls", "username": "mailer",
                                 "from_address": "leads@garage.fr", "from_name": "Garage"}});
    app.call("smtp_configure", smtp).unwrap();
    let mut settings = app.followup_settings(Empty {}).unwrap();
    settings.digest_hour = 7;
    app.followup_settings_set(settings).unwrap();
    app.call(
        "auth_settings_set",
        json!({"pin_allowed": true, "idle_lock_minutes": 5}),
    )
    .unwrap();
    let journal = app.journal(JournalQuery::default()).unwrap();
    let smtp = journal
        .items
        .iter()
        .find(|e| e.kind == "audit.smtp")
        .unwrap();
    assert_eq!(
        smtp.data.as_ref().unwrap()["new"]["host"],
        "smtp.example.fr"
    );
    assert!(smtp.data.as_ref().unwrap()["old"].is_null());
    let digest = journal
        .items
        .iter()
        .find(|e| e.text.starts_with("Réglages du suivi"))
        .unwrap();
    let data = digest.data.as_ref().unwrap();
    assert_eq!(
        (
            data["old"]["digest_hour"].as_i64(),
            data["new"]["digest_hour"].as_i64()
        ),
        (Some(8), Some(7))
    );
    let auth = journal
        .items
        .iter()
        .find(|e| e.text.starts_with("Réglages de connexion"))
        .unwrap();
    assert_eq!(auth.data.as_ref().unwrap()["new"]["idle_lock_minutes"], 5);
    // Filters: by kind, by user, by dates.
    let only = app
        .journal(JournalQuery {
            kind: Some("audit.smtp".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(only.items.len(), 1);
    let none = app
        .journal(JournalQuery {
            from: Some("2027-01-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.items.is_empty());
    assert_eq!(
        code(app.call("journal", json!({"from": "31/02/2026"})))
            .1
            .as_deref(),
        Some("from")
    );
}

#[test]
fn a_huge_login_or_password_is_refused_without_hashing() {
    let (_dir, app, _) = empty();
    app.setup_demo(SetupDemoInput { leads: Some(0) }).unwrap();
    let huge = "x".repeat(5_000_000);
    let err = app
        .call(
            "sign_in",
            json!({"login": "karim.benali@autosdurhone.fr", "password": huge}),
        )
        .unwrap_err();
    assert_eq!(err.code, "refused");
    let err = app
        .call("sign_in", json!({"login": huge, "password": "carnet2026"}))
        .unwrap_err();
    assert_eq!(err.code, "refused");
    assert!(app
        .call(
            "sign_in",
            json!({"login": "karim.benali@autosdurhone.fr", "password": "carnet2026"})
        )
        .is_ok());
}
