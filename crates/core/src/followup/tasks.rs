//! Tasks (call, e-mail, appointment, test drive, follow-up) with a due time and an assignee,
//! the agenda (tasks and lead deadlines over a period, per user or shared) and the to-do list.

use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::lead::{Interest, LeadStatus};
use crate::leads::timeline::{self, kind};
use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(TaskKind { Appel = "appel", Email = "email", Rdv = "rdv", Essai = "essai", Relance = "relance" });

impl TaskKind {
    pub fn label(self) -> &'static str {
        match self {
            TaskKind::Appel => "Appel",
            TaskKind::Email => "E-mail",
            TaskKind::Rdv => "Rendez-vous",
            TaskKind::Essai => "Essai",
            TaskKind::Relance => "Relance",
        }
    }
    /// Appointments take the seller's time: two may not overlap.
    fn blocks_time(self) -> bool {
        matches!(self, TaskKind::Rdv | TaskKind::Essai)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Task {
    pub id: i64,
    pub lead_id: Option<i64>,
    pub lead_code: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub interest: Option<Interest>,
    pub kind: TaskKind,
    pub title: String,
    pub due_at: String,
    pub duration_min: u32,
    pub assignee_id: i64,
    pub assignee: String,
    pub done_at: Option<String>,
    /// The lead's owner and site, for the screens to offer only what the user may do.
    pub lead_owner_id: Option<i64>,
    pub lead_site_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TaskInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub lead_id: Option<i64>,
    pub kind: TaskKind,
    /// Default: the kind's label and the contact's name.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub title: Option<String>,
    /// RFC 3339.
    pub due_at: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub duration_min: Option<u32>,
    /// Default: the lead's owner, else the current user.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub assignee_id: Option<i64>,
}

/// Drag in the agenda: a new time (and possibly another user).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TaskMove {
    pub id: i64,
    pub due_at: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub duration_min: Option<u32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub assignee_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TaskDone {
    pub id: i64,
    pub done: bool,
}

/// A lead's deadline, shown in the agenda and the to-do list (it opens the lead, it has no task page).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeadlineItem {
    pub lead_id: i64,
    pub code: String,
    pub contact_name: String,
    pub contact_phone: Option<String>,
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub deadline_at: String,
    pub interest: Interest,
    pub status: LeadStatus,
    pub site_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AgendaQuery {
    /// RFC 3339 bounds of the period shown.
    pub from: String,
    pub to: String,
    /// Users shown (empty: everybody — the shared planning).
    #[serde(default)]
    #[ts(optional)]
    pub user_ids: Option<Vec<i64>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Agenda {
    pub tasks: Vec<Task>,
    pub deadlines: Vec<DeadlineItem>,
}

crate::kernel::text_enum!(TodoSort { Date = "date", Interest = "interest" });

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TodoQuery {
    /// One user's to-do; None: the current user's.
    #[ts(optional = nullable)]
    pub user_id: Option<i64>,
    /// Everybody's (managers, call center).
    #[ts(optional)]
    pub all_users: Option<bool>,
    #[ts(optional)]
    pub sort: Option<TodoSort>,
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// One thing to do: a task or a lead deadline. Overdue items come first.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TodoItem {
    pub due_at: String,
    pub overdue: bool,
    pub task: Option<Task>,
    pub deadline: Option<DeadlineItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TodoList {
    pub items: Vec<TodoItem>,
    pub overdue: u32,
}

const TASK_SQL: &str = "SELECT t.id, t.lead_id, l.code, trim(c.first_name || ' ' || c.last_name), c.phone, l.interest, t.kind, t.title,
                               t.due_at, t.duration_min, t.assignee_id, u.name, t.done_at, l.owner_id, l.site_id
                        FROM tasks t JOIN users u ON u.id = t.assignee_id
                        LEFT JOIN leads l ON l.id = t.lead_id LEFT JOIN contacts c ON c.id = l.contact_id";

fn task_from_row(r: &rusqlite::Row) -> rusqlite::Result<Task> {
    Ok(Task {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        lead_code: r.get(2)?,
        contact_name: r.get(3)?,
        contact_phone: r.get(4)?,
        interest: r.get(5)?,
        kind: r.get(6)?,
        title: r.get(7)?,
        due_at: r.get(8)?,
        duration_min: r.get(9)?,
        assignee_id: r.get(10)?,
        assignee: r.get(11)?,
        done_at: r.get(12)?,
        lead_owner_id: r.get(13)?,
        lead_site_id: r.get(14)?,
    })
}

const DEADLINE_SQL: &str = "SELECT l.id, l.code, trim(c.first_name || ' ' || c.last_name), c.phone, l.owner_id, u.name, l.deadline_at, l.interest, l.status, l.site_id
                            FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.owner_id";

fn deadline_from_row(r: &rusqlite::Row) -> rusqlite::Result<DeadlineItem> {
    Ok(DeadlineItem {
        lead_id: r.get(0)?,
        code: r.get(1)?,
        contact_name: r.get(2)?,
        contact_phone: r.get(3)?,
        owner_id: r.get(4)?,
        owner: r.get(5)?,
        deadline_at: r.get(6)?,
        interest: r.get(7)?,
        status: r.get(8)?,
        site_id: r.get(9)?,
    })
}

/// The tasks of a lead, by due time.
pub fn for_lead(conn: &Connection, lead_id: i64) -> Result<Vec<Task>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{TASK_SQL} WHERE t.lead_id = ?1 ORDER BY t.due_at LIMIT 200"
    ))?;
    let tasks = stmt
        .query_map([lead_id], task_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tasks)
}

pub fn get(conn: &Connection, id: i64) -> Result<Task> {
    conn.query_row(&format!("{TASK_SQL} WHERE t.id = ?1"), [id], task_from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Tâche" })
}

pub(crate) fn parse_due(text: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    clock::parse(text).ok_or_else(|| CoreError::invalid("due_at", "Date et heure invalides."))
}

/// An appointment of the same user overlapping [start, start + minutes), other than `except`.
fn overlapping(
    conn: &Connection,
    user: i64,
    start: &str,
    end: &str,
    except: i64,
) -> Result<Option<Task>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM tasks WHERE assignee_id = ?1 AND done_at IS NULL AND kind IN ('rdv','essai') AND id <> ?4
               AND due_at < ?3 AND datetime(due_at, '+' || duration_min || ' minutes') > datetime(?2)",
            params![user, start, end, except],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// A task may not be planned in the past, nor an appointment over another one of the same person.
pub(crate) fn check_slot(
    conn: &Connection,
    kind: TaskKind,
    assignee: &crate::org::users::User,
    due: chrono::DateTime<chrono::Utc>,
    minutes: u32,
    except: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if due < now - Duration::minutes(5) {
        return Err(CoreError::invalid(
            "due_at",
            "Cette date est passée : choisissez une date à venir.",
        ));
    }
    if !kind.blocks_time() {
        return Ok(());
    }
    let end = clock::to_text(due + Duration::minutes(i64::from(minutes)));
    match overlapping(conn, assignee.id, &clock::to_text(due), &end, except)? {
        Some(other) => Err(CoreError::invalid(
            "due_at",
            format!(
                "{} a déjà « {} » le {} : choisissez un autre créneau.",
                assignee.name,
                other.title,
                local(&other.due_at)
            ),
        )),
        None => Ok(()),
    }
}

fn local(text: &str) -> String {
    clock::parse(text)
        .map(|t| {
            t.with_timezone(&chrono_tz::Europe::Paris)
                .format("%d/%m/%Y à %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

impl App {
    pub fn task_create(&self, input: TaskInput) -> Result<Task> {
        let due = parse_due(&input.due_at)?;
        let duration = input
            .duration_min
            .unwrap_or(if input.kind.blocks_time() { 60 } else { 15 })
            .min(1440);
        let title =
            validate::optional_text("title", "Intitulé", input.title.as_deref(), MAX_SHORT_TEXT)?;
        let id = self.write(|tx, ctx| {
            let lead = input.lead_id.map(|id| crate::leads::lead::get(tx, id)).transpose()?;
            let assignee = match input.assignee_id.or(lead.as_ref().and_then(|l| l.owner_id)).or(ctx.actor) {
                Some(id) => crate::org::users::get(tx, id).map_err(|_| CoreError::invalid("assignee_id", "Choisissez qui fera cette tâche."))?,
                None => return Err(CoreError::invalid("assignee_id", "Choisissez qui fera cette tâche.")),
            };
            check_slot(tx, input.kind, &assignee, due, duration, 0, ctx.now)?;
            let due_text = clock::to_text(due);
            let title = title.clone().unwrap_or_else(|| match &lead {
                Some(l) => format!("{} — {}", input.kind.label(), l.contact.display_name()),
                None => input.kind.label().to_string(),
            });
            tx.execute(
                "INSERT INTO tasks(lead_id, kind, title, due_at, duration_min, assignee_id, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![input.lead_id, input.kind, title, due_text, duration, assignee.id, ctx.actor, ctx.now_text],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(l) = &lead {
                let text = format!("Tâche planifiée : {title} le {} ({})", local(&due_text), assignee.name);
                timeline::append(tx, l.id, &ctx.now_text, ctx.actor, kind::TASK, &text, None)?;
            }
            Ok(id)
        })?;
        let conn = self.conn()?;
        get(&conn, id)
    }

    pub fn task_move(&self, input: TaskMove) -> Result<Task> {
        let due = parse_due(&input.due_at)?;
        self.write(|tx, ctx| {
            let task = get(tx, input.id)?;
            if task.done_at.is_some() {
                return Err(CoreError::Refused("Cette tâche est déjà faite.".into()));
            }
            let duration = input.duration_min.unwrap_or(task.duration_min).min(1440);
            let assignee = crate::org::users::get(tx, input.assignee_id.unwrap_or(task.assignee_id))
                .map_err(|_| CoreError::invalid("assignee_id", "Utilisateur inconnu."))?;
            check_slot(tx, task.kind, &assignee, due, duration, task.id, ctx.now)?;
            let due_text = clock::to_text(due);
            let assignee_name = &assignee.name;
            tx.execute(
                "UPDATE tasks SET due_at = ?2, duration_min = ?3, assignee_id = ?4, updated_at = ?5 WHERE id = ?1",
                params![task.id, due_text, duration, assignee.id, ctx.now_text],
            )?;
            if let Some(lead_id) = task.lead_id {
                let text = format!("Tâche déplacée : {} au {} ({assignee_name})", task.title, local(&due_text));
                timeline::append(tx, lead_id, &ctx.now_text, ctx.actor, kind::TASK, &text, None)?;
            }
            get(tx, task.id)
        })
    }

    /// Marks a task done (or not done again); done posts on the lead's timeline.
    pub fn task_done(&self, input: TaskDone) -> Result<Task> {
        self.write(|tx, ctx| {
            let task = get(tx, input.id)?;
            let done_at = input.done.then_some(ctx.now_text.as_str());
            tx.execute(
                "UPDATE tasks SET done_at = ?2, updated_at = ?3 WHERE id = ?1",
                params![task.id, done_at, ctx.now_text],
            )?;
            if let Some(lead_id) = task.lead_id {
                let text = if input.done {
                    format!("Tâche terminée : {}", task.title)
                } else {
                    format!("Tâche rouverte : {}", task.title)
                };
                timeline::append(
                    tx,
                    lead_id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::TASK_DONE,
                    &text,
                    None,
                )?;
            }
            get(tx, task.id)
        })
    }

    pub fn agenda(&self, q: AgendaQuery) -> Result<Agenda> {
        let (from, to) = (parse_due(&q.from)?, parse_due(&q.to)?);
        if to <= from || to - from > Duration::days(62) {
            return Err(CoreError::invalid(
                "to",
                "Période invalide (au plus deux mois).",
            ));
        }
        let conn = self.conn()?;
        let users = q.user_ids.unwrap_or_default();
        let users_json = serde_json::to_string(&users).unwrap_or_else(|_| "[]".into());
        let all = users.is_empty();
        let tasks = conn
            .prepare_cached(&format!(
                "{TASK_SQL} WHERE t.due_at >= ?1 AND t.due_at < ?2 AND (?3 OR t.assignee_id IN (SELECT value FROM json_each(?4))) ORDER BY t.due_at"
            ))?
            .query_map(params![clock::to_text(from), clock::to_text(to), all, users_json], task_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let deadlines = conn
            .prepare_cached(&format!(
                "{DEADLINE_SQL} WHERE l.deadline_at >= ?1 AND l.deadline_at < ?2 AND l.status IN ('nouveau','a_traiter','en_cours') AND l.deleted_at IS NULL
                 AND (?3 OR l.owner_id IN (SELECT value FROM json_each(?4))) ORDER BY l.deadline_at LIMIT 2000"
            ))?
            .query_map(params![clock::to_text(from), clock::to_text(to), all, users_json], deadline_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Agenda { tasks, deadlines })
    }

    /// Everything due (open tasks and deadlines of open leads), overdue first, by date or by interest.
    pub fn todo(&self, q: TodoQuery) -> Result<TodoList> {
        let conn = self.conn()?;
        let all = q.all_users.unwrap_or(false);
        let user = if all {
            None
        } else {
            q.user_id.or(self.actor())
        };
        let limit = q.limit.unwrap_or(200).min(1000);
        let now = clock::to_text(self.now());
        let tasks: Vec<Task> = conn
            .prepare_cached(&format!("{TASK_SQL} WHERE t.done_at IS NULL AND (?1 IS NULL OR t.assignee_id = ?1) ORDER BY t.due_at LIMIT ?2"))?
            .query_map(params![user, limit], task_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let deadlines: Vec<DeadlineItem> = conn
            .prepare_cached(&format!(
                "{DEADLINE_SQL} WHERE l.deadline_at IS NOT NULL AND l.status IN ('nouveau','a_traiter','en_cours') AND l.deleted_at IS NULL
                 AND (?1 IS NULL OR l.owner_id = ?1) ORDER BY coalesce(l.deadline_at, '~'), l.id LIMIT ?2"
            ))?
            .query_map(params![user, limit], deadline_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut items: Vec<TodoItem> = tasks
            .into_iter()
            .map(|t| TodoItem {
                due_at: t.due_at.clone(),
                overdue: t.due_at < now,
                task: Some(t),
                deadline: None,
            })
            .chain(deadlines.into_iter().map(|d| TodoItem {
                due_at: d.deadline_at.clone(),
                overdue: d.deadline_at < now,
                task: None,
                deadline: Some(d),
            }))
            .collect();
        let rank = |i: &TodoItem| match i
            .task
            .as_ref()
            .and_then(|t| t.interest)
            .or(i.deadline.as_ref().map(|d| d.interest))
        {
            Some(Interest::Chaud) => 0,
            Some(Interest::Tiede) | None => 1,
            Some(Interest::Froid) => 2,
        };
        match q.sort.unwrap_or(TodoSort::Date) {
            TodoSort::Date => items.sort_by(|a, b| {
                b.overdue
                    .cmp(&a.overdue)
                    .then_with(|| a.due_at.cmp(&b.due_at))
            }),
            TodoSort::Interest => items.sort_by(|a, b| {
                b.overdue
                    .cmp(&a.overdue)
                    .then_with(|| rank(a).cmp(&rank(b)))
                    .then_with(|| a.due_at.cmp(&b.due_at))
            }),
        }
        items.truncate(limit as usize);
        let overdue = items.iter().filter(|i| i.overdue).count() as u32;
        Ok(TodoList { items, overdue })
    }
}
