//! The permission matrix, as a table test over every command of the table: each role, on a lead
//! of their own, someone else's, an unassigned lead of their site and one of another site. The
//! policy is written here independently of the core's table; a command missing from it fails.
//! A refusal answers `forbidden` and writes nothing (another connection sees no commit).

use carnet_core::api::{Empty, COMMAND_NAMES};
use carnet_core::App;
use rusqlite::Connection;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Hotesse,
    Vendeur,
    Chef,
    Apv,
    Admin,
}
use Role::*;

const ROLES: [Role; 5] = [Hotesse, Vendeur, Chef, Apv, Admin];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    /// Owned by the vendeur who acts.
    Own,
    /// Owned by another vendeur.
    Other,
    /// Unassigned, on the vendeur's site.
    FreeHere,
    /// Unassigned, on another site.
    FreeElsewhere,
}
use Target::*;

const TARGETS: [Target; 4] = [Own, Other, FreeHere, FreeElsewhere];

/// The policy the product promises (README's matrix), stated independently.
#[derive(Clone, Copy, Debug)]
enum Policy {
    Public,
    Anyone,
    Managers,
    Admin,
    /// Owner, vendeur on a free lead of their site, hôtesse, managers.
    Work,
    /// Hôtesse, managers; a vendeur takes a free lead of their site.
    Assign,
    /// Owner or managers.
    Close,
    /// The user themselves, or managers.
    SelfOrManager,
    /// DMS imports and stock edits: the administrator and the sales manager.
    Importers,
}

const POLICY: &[(&str, Policy)] = &[
    ("auth_status", Policy::Public),
    ("sign_in", Policy::Public),
    ("unlock", Policy::Public),
    ("sign_out", Policy::Public),
    ("lock", Policy::Public),
    ("setup_check", Policy::Public),
    ("setup", Policy::Public),
    ("setup_demo", Policy::Public),
    ("meta", Policy::Anyone),
    ("password_change", Policy::Anyone),
    ("pin_set", Policy::Anyone),
    ("leads_list", Policy::Anyone),
    ("lead_get", Policy::Anyone),
    ("lead_create", Policy::Anyone),
    ("contacts_match", Policy::Anyone),
    ("lead_add_note", Policy::Work),
    ("lead_assign", Policy::Assign),
    ("lead_set_status", Policy::Close),
    ("lead_set_deadline", Policy::Work),
    ("lead_mark_contact", Policy::Work),
    ("lead_qualify", Policy::Work),
    ("lead_delete", Policy::Close),
    ("lead_restore", Policy::Managers),
    ("trash_list", Policy::Managers),
    ("contact_update", Policy::Work),
    ("notifications", Policy::Anyone),
    ("notifications_mark_read", Policy::Anyone),
    ("intake_counts", Policy::Anyone),
    ("inbound_list", Policy::Anyone),
    ("inbound_get", Policy::Anyone),
    ("inbound_convert", Policy::Anyone),
    ("inbound_discard", Policy::Managers),
    ("mailbox_status", Policy::Anyone),
    ("mailbox_configure", Policy::Admin),
    ("mailbox_poll", Policy::Anyone),
    ("smtp_status", Policy::Anyone),
    ("smtp_configure", Policy::Admin),
    ("outbox_send", Policy::Anyone),
    ("lead_log_call", Policy::Work),
    ("task_create", Policy::Work),
    ("task_move", Policy::Work),
    ("task_done", Policy::Work),
    ("agenda", Policy::Anyone),
    ("todo", Policy::Anyone),
    ("escalations_run", Policy::Managers),
    ("user_set_absence", Policy::SelfOrManager),
    ("digest_run", Policy::Managers),
    ("user_deactivate", Policy::Admin),
    ("user_save", Policy::Admin),
    ("user_password_reset", Policy::Admin),
    ("followup_settings", Policy::Anyone),
    ("followup_settings_set", Policy::Managers),
    ("routing_rules", Policy::Anyone),
    ("routing_rules_set", Policy::Managers),
    ("auth_settings", Policy::Anyone),
    ("auth_settings_set", Policy::Admin),
    ("garage_get", Policy::Anyone),
    ("garage_set", Policy::Admin),
    ("garage_logo", Policy::Anyone),
    ("garage_logo_set", Policy::Admin),
    ("sites_admin", Policy::Anyone),
    ("site_save", Policy::Admin),
    ("close_reasons", Policy::Anyone),
    ("close_reasons_set", Policy::Admin),
    ("journal", Policy::Admin),
    ("lead_deals", Policy::Anyone),
    ("tradein_draft", Policy::Anyone),
    ("tradein_save", Policy::Work),
    ("tradein_checklist", Policy::Anyone),
    ("tradein_checklist_set", Policy::Managers),
    ("testdrive_save", Policy::Work),
    ("offers_list", Policy::Anyone),
    ("offer_get", Policy::Anyone),
    ("offer_create", Policy::Work),
    ("offer_set_status", Policy::Work),
    ("orders_list", Policy::Anyone),
    ("order_get", Policy::Anyone),
    ("order_create", Policy::Close),
    ("pdf_generate", Policy::Work),
    ("document_upload", Policy::Work),
    ("document_rename", Policy::Work),
    ("document_delete", Policy::Work),
    ("document_read", Policy::Anyone),
    ("document_mail_draft", Policy::Anyone),
    ("document_send", Policy::Work),
    ("mail_templates", Policy::Anyone),
    ("mail_templates_set", Policy::Managers),
    ("dashboard", Policy::Managers),
    ("kpi", Policy::Managers),
    ("sales", Policy::Managers),
    ("export_file", Policy::Managers),
    ("vehicle_referential", Policy::Anyone),
    ("stock_list", Policy::Anyone),
    ("stock_get", Policy::Anyone),
    ("stock_save", Policy::Importers),
    ("stock_attach", Policy::Work),
    ("customers_list", Policy::Anyone),
    ("customer_file", Policy::Anyone),
    ("vo_alerts", Policy::Anyone),
    ("vo_alert_save", Policy::Work),
    ("import_upload", Policy::Importers),
    ("import_preview", Policy::Importers),
    ("import_run", Policy::Importers),
    ("import_profiles", Policy::Importers),
    ("import_profile_save", Policy::Importers),
    ("import_rejects_file", Policy::Importers),
    ("contact_consents", Policy::Anyone),
    ("contact_export", Policy::Managers),
    ("contact_erase", Policy::Managers),
    ("contact_duplicates", Policy::Anyone),
    ("contacts_merge", Policy::Managers),
    ("bloctel_status", Policy::Anyone),
    ("bloctel_import", Policy::Managers),
    ("campaigns_list", Policy::Anyone),
    ("campaign_preview", Policy::Managers),
    ("campaign_create", Policy::Managers),
    ("campaign_calls", Policy::Anyone),
    ("campaign_call_log", Policy::Anyone),
    ("retention_preview", Policy::Managers),
    ("retention_settings", Policy::Managers),
    ("retention_settings_set", Policy::Admin),
    ("backup_status", Policy::Managers),
    ("outbox_list", Policy::Managers),
    ("backup_run", Policy::Managers),
    ("backup_settings_set", Policy::Admin),
];

fn manager(role: Role) -> bool {
    matches!(role, Chef | Apv | Admin)
}

fn allowed(policy: Policy, role: Role, target: Target) -> bool {
    match policy {
        Policy::Public | Policy::Anyone => true,
        Policy::Managers => manager(role),
        Policy::Admin => role == Admin,
        Policy::Importers => matches!(role, Chef | Admin),
        // The targets are named from the vendeur's side (Karim): own, another's, free…
        Policy::Work => {
            manager(role)
                || role == Hotesse
                || (role == Vendeur && matches!(target, Own | FreeHere))
        }
        Policy::Assign => {
            manager(role) || role == Hotesse || (role == Vendeur && target == FreeHere)
        }
        Policy::Close => manager(role) || (role == Vendeur && target == Own),
        // The absence targets the vendeur's own record.
        Policy::SelfOrManager => manager(role) || role == Vendeur,
    }
}

/// The template database: the demo's people, four leads (one per target), a task on each,
/// a quarantined mail.
struct Template {
    dir: tempfile::TempDir,
    path: PathBuf,
    users: Vec<(Role, i64)>,
    leads: Vec<(Target, i64)>,
    tasks: Vec<(Target, i64)>,
    contacts: Vec<(Target, i64)>,
    offers: Vec<(Target, i64)>,
    files: Vec<(Target, i64)>,
    inbound: i64,
}

fn id_of(app: &App, email: &str) -> i64 {
    let meta = app.meta(Empty {}).unwrap();
    meta.users.iter().find(|u| u.email == email).unwrap().id
}

fn template() -> Template {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("template.db");
    let app = App::open(&path).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    let users = vec![
        (Hotesse, id_of(&app, "julie.garnier@autosdurhone.fr")),
        (Vendeur, id_of(&app, "karim.benali@autosdurhone.fr")),
        (Chef, id_of(&app, "sandrine.morel@autosdurhone.fr")),
        (Apv, id_of(&app, "marc.rousseau@autosdurhone.fr")),
        (Admin, id_of(&app, "nicolas.perrin@autosdurhone.fr")),
    ];
    let meta = app.meta(Empty {}).unwrap();
    let lyon = meta.sites.iter().find(|s| s.city == "Lyon").unwrap().id;
    let venissieux = meta.sites.iter().find(|s| s.city != "Lyon").unwrap().id;
    let karim = users[1].1;
    let thomas = id_of(&app, "thomas.lefevre@autosdurhone.fr");
    let sandrine = users[2].1;
    let mut leads = Vec::new();
    let mut tasks = Vec::new();
    let mut contacts = Vec::new();
    let mut offers = Vec::new();
    let mut files = Vec::new();
    for (i, (target, owner, site)) in [
        (Own, Some(karim), lyon),
        (Other, Some(thomas), lyon),
        (FreeHere, None, lyon),
        (FreeElsewhere, None, venissieux),
    ]
    .into_iter()
    .enumerate()
    {
        let lead: Value = app
            .call(
                "lead_create",
                json!({"contact": {"last_name": format!("Cible{i}"), "phone": format!("06 12 34 56 7{i}")},
                       "kind": "VO", "source": "Téléphone", "site_id": site, "owner_id": owner}),
            )
            .unwrap();
        let lead_id = lead["id"].as_i64().unwrap();
        leads.push((target, lead_id));
        contacts.push((target, lead["contact"]["id"].as_i64().unwrap()));
        let task: Value = app
            .call(
                "task_create",
                json!({"lead_id": lead_id, "kind": "appel", "due_at": format!("2027-01-0{}T09:00:00Z", i + 4), "assignee_id": sandrine}),
            )
            .unwrap();
        tasks.push((target, task["id"].as_i64().unwrap()));
        let offer: Value = app
            .call(
                "offer_create",
                json!({"lead_id": lead_id, "vat_regime": "normal", "vehicle": {"make": "Peugeot", "model": "208"},
                       "lines": [{"kind": "vehicle", "label": "208", "unit_cents": 2_000_000}]}),
            )
            .unwrap();
        offers.push((target, offer["id"].as_i64().unwrap()));
        let file: Value = app
            .call(
                "document_upload",
                json!({"lead_id": lead_id, "title": "Permis", "file_name": "permis.txt", "base64": "cGVybWlz"}),
            )
            .unwrap();
        files.push((target, file["id"].as_i64().unwrap()));
    }
    let outcome = app
        .ingest_mail(b"From: promo@example.fr\r\nSubject: Newsletter\r\n\r\nPromotions du mois, se desabonner.", carnet_core::intake::store::Channel::File)
        .unwrap();
    let inbound = outcome.inbound_id.unwrap();
    drop(app);
    Template {
        dir,
        path,
        users,
        leads,
        tasks,
        contacts,
        offers,
        files,
        inbound,
    }
}

fn find<T: Copy + PartialEq>(list: &[(T, i64)], key: T) -> i64 {
    list.iter().find(|(k, _)| *k == key).unwrap().1
}

/// Well-formed arguments for `command`, aimed at `target`, sent by `actor`.
fn args(t: &Template, command: &str, target: Target, actor: i64) -> Value {
    let lead = find(&t.leads, target);
    let karim = find(&t.users, Vendeur);
    match command {
        "sign_in" => json!({"login": "personne@example.fr", "password": "x"}),
        "unlock" | "sign_out" | "lock" => json!({"token": "inconnu"}),
        "setup" => {
            json!({"garage": {}, "admin": {"name": "A", "email": "a@b.fr", "role": "administrateur"}})
        }
        "password_change" => json!({"current": "faux", "new": "Nouveau2027x"}),
        "pin_set" => json!({"pin": null}),
        "lead_get" => json!({"code": "L-1999-000001"}),
        "lead_create" => {
            json!({"contact": {"last_name": "Nouveau", "phone": "0611111111"}, "kind": "VN", "source": "Showroom", "site_id": 1})
        }
        "lead_add_note" => json!({"lead_id": lead, "text": "note"}),
        "lead_assign" => json!({"lead_id": lead, "owner_id": actor}),
        "lead_set_status" => json!({"lead_id": lead, "status": "en_cours"}),
        "lead_set_deadline" => json!({"lead_id": lead, "deadline_at": null}),
        "lead_mark_contact" => json!({"lead_id": lead, "made": false}),
        "lead_qualify" => json!({"lead_id": lead, "interest": "chaud"}),
        "lead_delete" | "lead_restore" => json!({"lead_id": lead}),
        "contact_update" => {
            json!({"id": find(&t.contacts, target), "contact": {"last_name": "Modifié", "phone": "0612345600"}})
        }
        "notifications_mark_read" => json!({}),
        "inbound_get" | "inbound_discard" => json!({"id": t.inbound}),
        "inbound_convert" => {
            json!({"id": t.inbound, "lead": {"contact": {"last_name": "Q", "phone": "0622222222"}, "kind": "VN", "source": "Site web", "site_id": 1}})
        }
        "mailbox_configure" => {
            json!({"config": {"host": "imap.example.fr", "port": 993, "security": "tls", "username": "u", "folder": "INBOX", "poll_seconds": 60}})
        }
        "smtp_configure" => {
            json!({"config": {"host": "smtp.example.fr", "port": 465, "security": "tls", "from_address": "a@b.fr", "from_name": "G"}})
        }
        "lead_log_call" => json!({"lead_id": lead, "outcome": "pas_de_reponse", "duration_s": 0}),
        "task_create" => {
            json!({"lead_id": lead, "kind": "appel", "due_at": "2027-02-01T09:00:00Z"})
        }
        "task_move" => json!({"id": find(&t.tasks, target), "due_at": "2027-02-02T09:00:00Z"}),
        "task_done" => json!({"id": find(&t.tasks, target), "done": true}),
        "user_set_absence" => json!({"user_id": karim, "absent_until": null}),
        "user_deactivate" => json!({"user_id": find(&t.users, Hotesse), "reassign_to": karim}),
        "user_save" => {
            json!({"name": "Nouvel Arrivant", "email": "nouvel@autosdurhone.fr", "role": "vendeur", "password": "Arrivee2027x"})
        }
        "user_password_reset" => json!({"user_id": karim, "password": "Remise2027x"}),
        "followup_settings_set" => {
            json!({"escalation_delay_hours": 4, "digest_hour": 8, "dedup_days": 30, "notify_managers": true})
        }
        "routing_rules_set" => json!({"assignment": [], "sla": []}),
        "auth_settings_set" => json!({"pin_allowed": true, "idle_lock_minutes": 10}),
        "garage_set" => json!({"legal_name": "G"}),
        "garage_logo_set" => json!({"base64": null}),
        "site_save" => {
            json!({"name": "Nouveau site", "city": "Lyon", "hours": [{"weekday": 1, "opens": "09:00", "closes": "18:00"}]})
        }
        "close_reasons_set" => json!({"reasons": []}),
        "lead_deals" | "tradein_draft" => json!({"lead_id": lead}),
        "tradein_save" => json!({"lead_id": lead, "vehicle": {"make": "Renault", "model": "Clio"}}),
        "tradein_checklist_set" => json!({"items": ["Carrosserie"]}),
        "testdrive_save" => {
            json!({"lead_id": lead, "vehicle": {"make": "Renault", "model": "Clio"}, "starts_at": "2027-03-01T09:00:00Z", "driver": {"name": "X"}})
        }
        "offer_get" => json!({"id": find(&t.offers, target)}),
        "offer_create" => {
            json!({"lead_id": lead, "vat_regime": "normal", "vehicle": {"make": "Peugeot", "model": "208"},
                   "lines": [{"kind": "vehicle", "label": "208", "unit_cents": 2_000_000}]})
        }
        "offer_set_status" => json!({"id": find(&t.offers, target), "status": "refusee"}),
        "order_get" => json!({"id": 1}),
        "order_create" => {
            json!({"offer_id": find(&t.offers, target), "delivery_date": "2027-06-01", "payment_terms": "Comptant",
                   "buyer": {"name": "B", "address": "1 rue A", "postal_code": "69001", "city": "Lyon"}})
        }
        "pdf_generate" => json!({"kind": "offer", "id": find(&t.offers, target)}),
        "document_upload" => {
            json!({"lead_id": lead, "title": "T", "file_name": "a.txt", "base64": "aGVsbG8="})
        }
        "document_rename" => json!({"id": find(&t.files, target), "title": "Renommé"}),
        "document_delete" | "document_read" => json!({"id": find(&t.files, target)}),
        "document_mail_draft" => json!({"lead_id": lead, "file_ids": [find(&t.files, target)]}),
        "document_send" => {
            json!({"lead_id": lead, "file_ids": [find(&t.files, target)], "subject": "S", "body": "B"})
        }
        "export_file" => json!({"what": "leads_csv"}),
        "stock_get" => json!({"id": 1}),
        "stock_save" => {
            json!({"vehicle": {"vin": "VF3ABCDEFGH123456", "make": "Peugeot", "model": "208", "condition": "VO"}})
        }
        "stock_attach" => json!({"lead_id": lead, "stock_id": 1}),
        "customer_file" => json!({"contact_id": find(&t.contacts, target)}),
        "vo_alerts" => json!({"lead_id": lead}),
        "vo_alert_save" => json!({"lead_id": lead, "make": "Peugeot"}),
        "import_upload" => json!({"offset": 0, "data_base64": "VklOO01hcnF1ZQ=="}),
        "import_preview" => {
            json!({"upload_id": "00000000000000000000000000000000", "target": "stock"})
        }
        "import_run" => {
            json!({"upload_id": "00000000000000000000000000000000", "target": "stock", "file_name": "s.csv"})
        }
        "import_profile_save" => json!({"name": "P", "target": "stock", "mapping": {"vin": "VIN"}}),
        "import_rejects_file" => json!({"rows": []}),
        "backup_settings_set" => json!({"folder": "", "keep": 14}),
        "contact_consents" | "contact_export" => json!({"contact_id": find(&t.contacts, target)}),
        "contact_erase" => json!({"contact_id": find(&t.contacts, target), "confirm": true}),
        "contact_duplicates" => json!({"contact_id": find(&t.contacts, target)}),
        "contacts_merge" => {
            json!({"keep_id": find(&t.contacts, Own), "merge_id": find(&t.contacts, Other), "confirm": true})
        }
        "bloctel_import" => json!({"file_name": "bloctel.csv", "base64": "MDYxMjM0NTY3MAo="}),
        "campaign_preview" | "campaign_create" => json!({"name": "Relance", "kind": "VN"}),
        "campaign_calls" => json!({"campaign_id": 1}),
        "campaign_call_log" => json!({"id": 1, "outcome": "injoignable"}),
        "retention_settings_set" => json!({"prospect_years": 3, "customer_years": 10}),
        "mail_templates_set" => {
            json!({"offer_subject": "a", "offer_body": "b", "order_subject": "c", "order_body": "d", "other_subject": "e", "other_body": "f"})
        }
        _ => json!({}),
    }
}

fn data_version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .unwrap()
}

fn run_case(
    t: &Template,
    scratch: &Path,
    command: &str,
    role: Role,
    target: Target,
) -> Option<String> {
    std::fs::copy(&t.path, scratch).unwrap();
    let app = App::open(scratch).unwrap();
    let actor = find(&t.users, role);
    let observer = Connection::open(scratch).unwrap();
    let before = data_version(&observer);
    let result = app
        .acting_as(Some(actor))
        .call(command, args(t, command, target, actor));
    let wrote = data_version(&observer) != before;
    let want = allowed(
        POLICY.iter().find(|(c, _)| *c == command).unwrap().1,
        role,
        target,
    );
    let code = result.as_ref().err().map(|e| e.code.clone());
    let forbidden = code.as_deref() == Some("forbidden");
    if want && forbidden {
        return Some(format!(
            "{command} as {role:?} on {target:?}: refused, should be allowed"
        ));
    }
    if !want && !forbidden {
        return Some(format!(
            "{command} as {role:?} on {target:?}: answered {code:?}, should be forbidden"
        ));
    }
    if forbidden && wrote {
        return Some(format!(
            "{command} as {role:?} on {target:?}: forbidden but wrote"
        ));
    }
    None
}

#[test]
fn every_command_has_a_policy() {
    for name in COMMAND_NAMES {
        assert!(
            POLICY.iter().any(|(c, _)| c == name),
            "{name} has no policy in this test"
        );
    }
    assert_eq!(POLICY.len(), COMMAND_NAMES.len());
}

#[test]
fn the_matrix_holds_for_every_command_role_and_lead() {
    let t = template();
    let scratch = t.dir.path().join("case.db");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (command, _) in POLICY {
        for role in ROLES {
            for target in TARGETS {
                cases += 1;
                if let Some(f) = run_case(&t, &scratch, command, role, target) {
                    failures.push(f);
                }
                for ext in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", scratch.display()));
                }
            }
        }
    }
    println!("permission matrix: {cases} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_system_account_may_do_everything_and_a_deactivated_user_nothing() {
    let t = template();
    let app = App::open(&t.path).unwrap();
    let rules = app.call("routing_rules_set", json!({"assignment": [], "sla": []}));
    assert!(rules.is_ok(), "{rules:?}");
    let hotesse = find(&t.users, Hotesse);
    app.call(
        "user_deactivate",
        json!({"user_id": hotesse, "reassign_to": find(&t.users, Chef)}),
    )
    .unwrap();
    let err = app
        .acting_as(Some(hotesse))
        .call("meta", json!({}))
        .unwrap_err();
    assert_eq!(err.code, "unauthenticated");
}

#[test]
fn the_readme_prints_the_matrix_of_the_table() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
            .unwrap();
    assert!(
        readme.contains(&carnet_core::api::permission_matrix()),
        "README.md's permission matrix is stale: paste the output of `carnet permissions`"
    );
}
