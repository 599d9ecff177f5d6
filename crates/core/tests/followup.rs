//! The follow-up engine with an injected clock: calls and the attempts rule, closing as lost,
//! tasks and the agenda, deadlines in opening hours, escalation.

use carnet_core::api::*;
use carnet_core::followup::calls::{CallInput, CallOutcome};
use carnet_core::followup::tasks::{
    AgendaQuery, TaskDone, TaskInput, TaskKind, TaskMove, TodoQuery,
};
use carnet_core::leads::contact::ContactInput;
use carnet_core::leads::lead::{LeadKind, LeadStatus, NewLead};
use carnet_core::leads::list::LeadQuery;
use carnet_core::App;
use chrono::{Duration, TimeZone, Utc};

mod common;
use common::{fixture, Fixture};

fn user(f: &Fixture, name: &str) -> i64 {
    f.meta.users.iter().find(|u| u.name == name).unwrap().id
}

fn lead(f: &Fixture, owner: Option<i64>) -> carnet_core::leads::lead::Lead {
    f.app
        .lead_create(NewLead {
            contact_id: None,
            contact: ContactInput {
                first_name: "Zoé".into(),
                last_name: "Perrin".into(),
                phone: Some("06 06 82 88 36".into()),
                email: Some("zoe.perrin@example.fr".into()),
                ..Default::default()
            },
            kind: LeadKind::Vo,
            source: "Leboncoin".into(),
            interest: None,
            site_id: f.meta.sites[0].id,
            owner_id: owner,
            vehicle: None,
            owned_vehicle: None,
            message: None,
            external_ref: None,
        })
        .unwrap()
}

fn call(
    f: &Fixture,
    lead_id: i64,
    outcome: CallOutcome,
    duration_s: u32,
) -> carnet_core::followup::calls::CallResult {
    f.app
        .lead_log_call(CallInput {
            lead_id,
            outcome,
            duration_s,
            note: None,
        })
        .unwrap()
}

fn outbox(f: &Fixture, kind: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(f.app.db_path()).unwrap();
    let mut stmt = conn
        .prepare("SELECT to_addr, subject FROM outbox WHERE kind = ?1")
        .unwrap();
    stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn lose(
    f: &Fixture,
    lead_id: i64,
    reason: &str,
    override_rule: bool,
) -> carnet_core::Result<carnet_core::leads::lead::Lead> {
    f.app.lead_set_status(StatusInput {
        lead_id,
        status: LeadStatus::Perdu,
        reason: Some(reason.into()),
        override_rule: Some(override_rule),
    })
}

#[test]
fn three_failed_attempts_at_different_times_mail_the_prospect_and_allow_closing() {
    let f = fixture();
    let l = lead(&f, None);
    assert!(
        lose(&f, l.id, "Client injoignable", false).is_err(),
        "not before the attempts rule"
    );

    assert_eq!(
        call(&f, l.id, CallOutcome::PasDeReponse, 40).failed_attempts,
        1
    );
    f.clock.advance(Duration::minutes(10));
    assert_eq!(
        call(&f, l.id, CallOutcome::PasDeReponse, 30).failed_attempts,
        1,
        "a redial within the hour counts once"
    );
    f.clock.advance(Duration::hours(3));
    let second = call(&f, l.id, CallOutcome::Messagerie, 8);
    assert_eq!(
        (second.failed_attempts, second.counted_as_contact),
        (2, false),
        "a 8 s voicemail is not a contact"
    );
    assert!(outbox(&f, "prospect").is_empty());
    f.clock.advance(Duration::hours(20));
    let third = call(&f, l.id, CallOutcome::PasDeReponse, 45);
    assert!(third.prospect_mail_queued, "{third:?}");
    assert_eq!(
        outbox(&f, "prospect"),
        [(
            "zoe.perrin@example.fr".to_string(),
            "Votre demande : nous n'avons pas pu vous joindre".to_string()
        )]
    );
    assert_eq!(third.lead.status, LeadStatus::Nouveau, "no contact yet");

    let detail = f
        .app
        .lead_get(LeadRef {
            code: l.code.clone(),
        })
        .unwrap();
    assert_eq!(
        (
            detail.counters.calls,
            detail.counters.failed_attempts,
            detail.counters.may_close_lost
        ),
        (4, 3, true)
    );
    assert_eq!(
        lose(&f, l.id, "Client injoignable", false).unwrap().status,
        LeadStatus::Perdu
    );
}

#[test]
fn attempts_more_than_48_working_hours_apart_start_a_new_count() {
    let f = fixture();
    let l = lead(&f, None);
    call(&f, l.id, CallOutcome::PasDeReponse, 20);
    f.clock.advance(Duration::hours(4));
    call(&f, l.id, CallOutcome::PasDeReponse, 20);
    f.clock.advance(Duration::days(9));
    assert_eq!(
        call(&f, l.id, CallOutcome::PasDeReponse, 20).failed_attempts,
        1
    );
    assert!(outbox(&f, "prospect").is_empty());
}

#[test]
fn a_call_over_15_seconds_is_the_first_contact_and_a_wrong_number_mails_at_once() {
    let f = fixture();
    let l = lead(&f, None);
    // "Au-delà de 15 s" (seed 004): 15 s is not enough, 16 s is.
    let short = call(&f, l.id, CallOutcome::Joint, 15);
    assert!(!short.counted_as_contact);
    assert!(short.lead.deadline_at.is_some());
    let answered = call(&f, l.id, CallOutcome::Joint, 16);
    assert!(answered.counted_as_contact);
    assert_eq!(answered.lead.status, LeadStatus::EnCours);
    assert_eq!(
        answered.lead.deadline_at, None,
        "the first-contact clock stops"
    );
    assert!(
        lose(&f, l.id, "Projet reporté", false).is_ok(),
        "a real conversation allows closing"
    );

    let other = lead(&f, None);
    let wrong = call(&f, other.id, CallOutcome::FauxNumero, 5);
    assert!(wrong.prospect_mail_queued);
    assert_eq!(
        outbox(&f, "prospect")[0].1,
        "Votre demande : merci de nous indiquer votre numéro"
    );
}

#[test]
fn only_a_manager_may_force_closing_as_lost_and_duplicates_close_at_once() {
    let mut f = fixture();
    let l = lead(&f, None);
    f.app = f.app.acting_as(Some(user(&f, "Karim Benali")));
    let err = lose(&f, l.id, "Projet reporté", true).unwrap_err();
    assert!(
        err.user_message().contains("Un responsable peut forcer"),
        "{}",
        err.user_message()
    );
    f.app = f.app.acting_as(Some(user(&f, "Sandrine Morel")));
    assert_eq!(
        lose(&f, l.id, "Projet reporté", true).unwrap().status,
        LeadStatus::Perdu
    );
    let dup = lead(&f, None);
    assert_eq!(
        lose(&f, dup.id, "Doublon / erreur", false).unwrap().status,
        LeadStatus::Perdu
    );
}

#[test]
fn tasks_are_planned_without_overlap_moved_and_completed_on_the_timeline() {
    let f = fixture();
    let karim = user(&f, "Karim Benali");
    let l = lead(&f, Some(karim));
    let at = |h: u32, m: u32| {
        Utc.with_ymd_and_hms(2026, 11, 25, h, m, 0)
            .unwrap()
            .to_rfc3339()
    };
    let past = f
        .app
        .task_create(TaskInput {
            lead_id: Some(l.id),
            kind: TaskKind::Appel,
            title: None,
            due_at: "2026-11-20T09:00:00Z".into(),
            duration_min: None,
            assignee_id: None,
        })
        .unwrap_err();
    assert_eq!(past.to_api().field.as_deref(), Some("due_at"));

    let drive = f
        .app
        .task_create(TaskInput {
            lead_id: Some(l.id),
            kind: TaskKind::Essai,
            title: None,
            due_at: at(9, 0),
            duration_min: Some(60),
            assignee_id: None,
        })
        .unwrap();
    assert_eq!(drive.assignee_id, karim, "the lead's owner by default");
    assert_eq!(drive.title, "Essai — Zoé Perrin");
    let clash = f
        .app
        .task_create(TaskInput {
            lead_id: None,
            kind: TaskKind::Rdv,
            title: Some("Livraison".into()),
            due_at: at(9, 30),
            duration_min: Some(30),
            assignee_id: Some(karim),
        })
        .unwrap_err();
    assert!(
        clash
            .user_message()
            .contains("a déjà « Essai — Zoé Perrin »"),
        "{}",
        clash.user_message()
    );
    let call_task = f
        .app
        .task_create(TaskInput {
            lead_id: Some(l.id),
            kind: TaskKind::Appel,
            title: None,
            due_at: at(9, 30),
            duration_min: None,
            assignee_id: None,
        })
        .unwrap();
    assert_eq!(
        call_task.kind,
        TaskKind::Appel,
        "calls do not block the agenda"
    );

    let moved = f
        .app
        .task_move(TaskMove {
            id: drive.id,
            due_at: at(13, 0),
            duration_min: None,
            assignee_id: None,
        })
        .unwrap();
    assert_eq!(moved.due_at, "2026-11-25T13:00:00Z");
    f.app
        .task_done(TaskDone {
            id: moved.id,
            done: true,
        })
        .unwrap();
    let kinds: Vec<String> = f
        .app
        .lead_get(LeadRef {
            code: l.code.clone(),
        })
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(&kinds[..4], ["task_done", "task", "task", "task"]);

    let agenda = f
        .app
        .agenda(AgendaQuery {
            from: at(0, 0),
            to: Utc
                .with_ymd_and_hms(2026, 11, 28, 0, 0, 0)
                .unwrap()
                .to_rfc3339(),
            user_ids: Some(vec![karim]),
        })
        .unwrap();
    assert_eq!(agenda.tasks.len(), 2);
    assert_eq!(
        agenda
            .deadlines
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        [l.code.as_str()]
    );

    // The to-do: overdue first, then by date (the lead's deadline, 24 h after Tuesday 10:00, then the call).
    f.clock.advance(Duration::hours(24) + Duration::minutes(40));
    let todo = f
        .app
        .todo(TodoQuery {
            user_id: Some(karim),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(todo.overdue, 2);
    assert!(todo.items[0].overdue && todo.items[0].deadline.is_some());
    assert!(todo.items[1].overdue && todo.items[1].task.is_some());
}

#[test]
fn every_demo_deadline_falls_inside_its_sites_opening_hours() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("demo.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 800, 5).unwrap();
    let schedule =
        carnet_core::org::business_hours::Schedule::new(carnet_core::org::sites::typical_hours());
    let page = app
        .leads_list_unbounded(&LeadQuery {
            limit: Some(10_000),
            ..Default::default()
        })
        .unwrap();
    let with_deadline: Vec<_> = page
        .leads
        .iter()
        .filter_map(|l| l.deadline_at.as_deref())
        .collect();
    assert!(!with_deadline.is_empty());
    for d in with_deadline {
        assert!(
            schedule.contains(carnet_core::kernel::clock::parse(d).unwrap()),
            "{d} is outside opening hours"
        );
    }
    // And a lead typed on Saturday evening is due within Monday's hours.
    f.clock.advance(Duration::days(4) + Duration::hours(9)); // Saturday 28/11 19:00 Paris
    let l = lead(&f, None);
    assert!(schedule
        .contains(carnet_core::kernel::clock::parse(l.deadline_at.as_deref().unwrap()).unwrap()));
}

#[test]
fn a_passed_deadline_alerts_the_owner_then_the_manager_and_absent_owners_hand_over() {
    let mut f = fixture();
    let karim = user(&f, "Karim Benali");
    let thomas = user(&f, "Thomas Lefèvre");
    let l = lead(&f, Some(karim));
    assert_eq!(f.app.escalations_run(Empty {}).unwrap().owners_alerted, 0);
    // Deadline: Wednesday 25/11 10:00 (24 h). At 11:00 the owner is alerted, once.
    f.clock.advance(Duration::hours(25));
    let first = f.app.escalations_run(Empty {}).unwrap();
    assert_eq!((first.owners_alerted, first.managers_alerted), (1, 0));
    assert_eq!(f.app.escalations_run(Empty {}).unwrap().owners_alerted, 0);
    // Four working hours later, still untouched: the managers.
    f.clock.advance(Duration::hours(5));
    assert_eq!(f.app.escalations_run(Empty {}).unwrap().managers_alerted, 1);
    f.app = f.app.acting_as(Some(user(&f, "Sandrine Morel")));
    let notes = f.app.notifications(Default::default()).unwrap();
    assert!(notes
        .items
        .iter()
        .any(|n| n.text.starts_with("Lead en retard")
            && n.lead_code.as_deref() == Some(l.code.as_str())));

    // Karim goes on leave with Thomas as backup: his open leads move.
    let until = (f.clock.now_for_tests() + Duration::days(7)).to_rfc3339();
    f.app
        .user_set_absence(carnet_core::api::AbsenceInput {
            user_id: karim,
            absent_until: Some(until),
            backup_user_id: Some(thomas),
        })
        .unwrap();
    assert_eq!(f.app.escalations_run(Empty {}).unwrap().reassigned, 1);
    assert_eq!(
        f.app
            .lead_get(LeadRef { code: l.code })
            .unwrap()
            .lead
            .owner_id,
        Some(thomas)
    );
}

#[test]
fn reminders_wait_for_opening_hours_and_the_list_filters_due_today() {
    let f = fixture();
    let l = lead(&f, Some(user(&f, "Karim Benali")));
    f.app
        .lead_set_deadline(DeadlineInput {
            lead_id: l.id,
            deadline_at: Some("2026-11-24T17:30:00Z".into()),
        })
        .unwrap();
    let today = f
        .app
        .leads_list(LeadQuery {
            due_today: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(today.total, 1);
    // 19:30 in Paris: closed, no reminder until the next opening.
    f.clock.advance(Duration::hours(9) + Duration::minutes(30));
    assert_eq!(f.app.escalations_run(Empty {}).unwrap().owners_alerted, 0);
    f.clock.advance(Duration::hours(14));
    assert_eq!(f.app.escalations_run(Empty {}).unwrap().owners_alerted, 1);
}

#[test]
fn a_leaving_user_hands_over_open_leads_and_tasks_never_leaving_a_lead_without_owner() {
    let f = fixture();
    let karim = user(&f, "Karim Benali");
    let thomas = user(&f, "Thomas Lefèvre");
    let l = lead(&f, Some(karim));
    let due = Utc
        .with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .unwrap()
        .to_rfc3339();
    let task = f
        .app
        .task_create(TaskInput {
            lead_id: Some(l.id),
            kind: TaskKind::Relance,
            title: None,
            due_at: due,
            duration_min: None,
            assignee_id: None,
        })
        .unwrap();
    let input = |to| carnet_core::api::DeactivateInput {
        user_id: karim,
        reassign_to: to,
    };
    let err = f.app.user_deactivate(input(None)).unwrap_err().to_api();
    assert_eq!(err.field.as_deref(), Some("reassign_to"));
    assert!(
        err.message.contains("choisissez à qui les confier"),
        "{}",
        err.message
    );
    assert!(f.app.user_deactivate(input(Some(karim))).is_err());
    let gone = f.app.user_deactivate(input(Some(thomas))).unwrap();
    assert!(!gone.active);
    let detail = f.app.lead_get(LeadRef { code: l.code }).unwrap();
    assert_eq!(detail.lead.owner_id, Some(thomas));
    assert_eq!(
        detail
            .tasks
            .iter()
            .find(|t| t.id == task.id)
            .unwrap()
            .assignee_id,
        thomas
    );
    // An inactive user cannot be given new leads.
    assert!(f
        .app
        .lead_assign(AssignInput {
            lead_id: detail.lead.id,
            owner_id: Some(karim),
            site_id: None
        })
        .is_err());
}

#[test]
fn a_phone_that_cannot_be_right_at_intake_mails_the_prospect_at_once() {
    let f = fixture();
    let mail = "From: Site <noreply@garage-exemple.fr>\r\nTo: leads@garage.fr\r\nSubject: Demande de contact\r\nMessage-ID: <bad-phone-1@example.fr>\r\nDate: Tue, 24 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNom : Lemoine\r\nPrénom : Hugo\r\nTéléphone : 12 34\r\nE-mail : hugo.lemoine@example.fr\r\nMessage : Je voudrais un essai de la Clio.\r\n";
    let outcome = f
        .app
        .ingest_mail(mail.as_bytes(), carnet_core::intake::store::Channel::File)
        .unwrap();
    let code = outcome.lead_code.expect("a lead with its e-mail");
    let prospect = outbox(&f, "prospect");
    assert_eq!(prospect.len(), 1, "{prospect:?}");
    assert_eq!(
        prospect[0].1,
        "Votre demande : merci de nous indiquer votre numéro"
    );
    let events = f.app.lead_get(LeadRef { code }).unwrap().events;
    assert!(
        events.iter().any(|e| e.text.contains("« 12 34 »")),
        "the number as written is shown"
    );
}
