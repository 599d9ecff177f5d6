//! A realistic French demo dataset: 2 sites, 6 users, contacts, vehicles, leads in every status
//! with their timelines. Bulk-loaded in one transaction (a million leads in well under a minute):
//! the search index triggers are lifted during the load and the index is rebuilt once at the end.

use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings;
use crate::leads::lead::{Interest, LeadKind, LeadStage, LeadStatus};
use crate::org::auth::hash_secret;
use crate::org::garage::GarageIdentity;
use crate::org::sites::{self, typical_hours};
use crate::org::users::{self, Role};
use chrono::{DateTime, Datelike, Duration, Utc};
use rusqlite::{params, Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::demo_data::*;

/// The demo users' password (a demo database says so on its sign-in screen).
pub const DEMO_USER_PASSWORD: &str = "carnet2026";

fn demo_identity() -> GarageIdentity {
    GarageIdentity {
        legal_name: "Autos du Rhône".into(),
        legal_form: "SAS".into(),
        capital: "150 000".into(),
        siret: "73282932000025".into(),
        rcs_city: "Lyon".into(),
        vat_number: "FR44732829320".into(),
        address: "12 avenue Jean Jaurès".into(),
        postal_code: "69007".into(),
        city: "Lyon".into(),
        phone: "+33478000001".into(),
        email: "contact@autosdurhone.fr".into(),
        website: "www.autosdurhone.fr".into(),
        cgv: "Conditions générales de vente (démonstration) : le bon de commande engage l'acheteur et le vendeur. \
              Le véhicule reste la propriété du vendeur jusqu'au paiement complet du prix."
            .into(),
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SetupDemoInput {
    /// Leads to generate (default 2,000; at most 20,000 from the window).
    #[ts(optional = nullable)]
    pub leads: Option<u64>,
}

impl App {
    /// The wizard's "try with demo data": an empty database only.
    pub fn setup_demo(&self, input: SetupDemoInput) -> Result<crate::org::auth::AuthStatus> {
        if !self
            .auth_status(crate::kernel::app::Empty {})?
            .can_seed_demo
        {
            return Err(CoreError::Refused(
                "La démo ne s'installe que dans une base vide.".into(),
            ));
        }
        seed(self, input.leads.unwrap_or(2000).min(20_000), 1)?;
        self.auth_status(crate::kernel::app::Empty {})
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    pub sites: u32,
    pub users: u32,
    pub leads: u64,
    pub contacts: u64,
    pub events: u64,
    /// Trade-ins, test drives, offers and orders made for the demo's open leads.
    pub deals: u32,
    /// DMS customers with their history (then a Bloctel list and a phone campaign).
    pub customers: u32,
    pub seconds: f64,
    pub leads_per_second: f64,
}

/// Seeds the demo into an empty database. Refuses a database that already holds leads: nothing is ever overwritten.
pub fn seed(app: &App, leads: u64, seed: u64) -> Result<DemoSummary> {
    if leads > 5_000_000 {
        return Err(CoreError::invalid(
            "leads",
            "La démo accepte au plus 5 000 000 de leads.",
        ));
    }
    let started = std::time::Instant::now();
    let mut conn = app.conn()?;
    let existing: i64 = conn.query_row("SELECT count(*) FROM leads", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(CoreError::Refused(format!(
            "Cette base contient déjà {existing} leads : la démo ne s'installe que dans une base vide. Utilisez --db avec un nouveau fichier."
        )));
    }
    let now = app.now();
    // A bulk load in one transaction: a large page cache keeps it from spilling into the WAL.
    conn.execute_batch("PRAGMA cache_size = -1048576;")?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let lifted = lift_for_bulk_load(&tx)?;
    let (sites, users) = seed_people(&tx, &clock::to_text(now - Duration::days(3650)))?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let (contacts, events) = seed_leads(&tx, &mut rng, leads, now, &sites, &users)?;
    seed_tasks(&tx, now)?;
    tx.execute_batch(
        "DELETE FROM lead_search;
         INSERT INTO lead_search(rowid, code, name, phone, plate)
         SELECT lead_id, code, name, phone, plate FROM lead_search_source;",
    )?;
    for sql in &lifted {
        tx.execute_batch(sql)?;
    }
    tx.commit()?;
    // Fresh statistics so that the planner picks the list's indexes from the first query.
    conn.execute_batch("PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA cache_size = -2000;")?;
    drop(conn);
    let deals = if leads > 0 {
        super::demo_deals::seed(app)?
    } else {
        0
    };
    // An empty demo (the tests' fixtures) stays without a customer file.
    let customers = if leads > 0 {
        super::demo_customers::seed(app, seed)?
    } else {
        0
    };
    let seconds = started.elapsed().as_secs_f64();
    Ok(DemoSummary {
        sites: sites.len() as u32,
        users: users.len() as u32,
        leads,
        contacts,
        events,
        deals,
        customers,
        seconds,
        leads_per_second: leads as f64 / seconds.max(1e-9),
    })
}

/// Drops the search-index triggers and the secondary indexes of the bulk-loaded tables and returns
/// their SQL to restore them: building an index once over sorted data beats a million updates.
fn lift_for_bulk_load(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master
         WHERE sql IS NOT NULL AND ((type = 'trigger' AND name LIKE 'lead_search_%')
            OR (type = 'index' AND tbl_name IN ('leads', 'events', 'contacts', 'vehicles')))",
    )?;
    let objects = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (kind, name, _) in &objects {
        let kind = if kind == "trigger" {
            "TRIGGER"
        } else {
            "INDEX"
        };
        conn.execute_batch(&format!("DROP {kind} \"{}\"", name.replace('"', "")))?;
    }
    Ok(objects.into_iter().map(|(_, _, sql)| sql).collect())
}

type Users = Vec<(i64, Role, i64)>;

fn seed_people(conn: &Connection, at: &str) -> Result<(Vec<i64>, Users)> {
    let lyon = sites::insert(
        conn,
        "Autos du Rhône — Lyon Gerland",
        "Lyon",
        Some("+33478000001"),
        at,
    )?;
    let venissieux = sites::insert(
        conn,
        "Autos du Rhône — Vénissieux",
        "Vénissieux",
        Some("+33478000002"),
        at,
    )?;
    for s in [lyon, venissieux] {
        sites::set_hours(conn, s, &typical_hours())?;
    }
    let people = [
        (
            "Sandrine Morel",
            "sandrine.morel@autosdurhone.fr",
            Role::ChefDesVentes,
            lyon,
        ),
        (
            "Julie Garnier",
            "julie.garnier@autosdurhone.fr",
            Role::Hotesse,
            lyon,
        ),
        (
            "Karim Benali",
            "karim.benali@autosdurhone.fr",
            Role::Vendeur,
            lyon,
        ),
        (
            "Thomas Lefèvre",
            "thomas.lefevre@autosdurhone.fr",
            Role::Vendeur,
            lyon,
        ),
        (
            "Élodie Faure",
            "elodie.faure@autosdurhone.fr",
            Role::Vendeur,
            venissieux,
        ),
        (
            "Marc Rousseau",
            "marc.rousseau@autosdurhone.fr",
            Role::ResponsableApv,
            venissieux,
        ),
        (
            "Nicolas Perrin",
            "nicolas.perrin@autosdurhone.fr",
            Role::Administrateur,
            lyon,
        ),
    ];
    // One password for every demo user, shown on the sign-in screen of a demo database.
    let hash = hash_secret(DEMO_USER_PASSWORD)?;
    let mut users = Vec::new();
    for (name, email, role, site_id) in people {
        let id = users::insert(conn, name, email, role, Some(site_id), at)?;
        conn.execute(
            "UPDATE users SET password_hash = ?2 WHERE id = ?1",
            params![id, hash],
        )?;
        users.push((id, role, site_id));
    }
    conn.execute("UPDATE sites SET departement = '69', postal_code = CASE id WHEN ?1 THEN '69007' ELSE '69200' END WHERE id IN (?1, ?2)", params![lyon, venissieux])?;
    settings::set(
        conn,
        &settings::DEMO_PASSWORD,
        &Some(DEMO_USER_PASSWORD.to_string()),
    )?;
    settings::set(conn, &crate::org::garage::IDENTITY, &Some(demo_identity()))?;
    Ok((vec![lyon, venissieux], users))
}

fn pick_weighted<'a>(rng: &mut fastrand::Rng, items: &'a [(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut n = rng.u32(0..total);
    for (item, w) in items {
        if n < *w {
            return item;
        }
        n -= w;
    }
    items[0].0
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(0..items.len())]
}

pub(super) fn ascii_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'à' | 'â' => 'a',
            'ï' | 'î' => 'i',
            'ô' => 'o',
            'ç' => 'c',
            ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Inserts the leads oldest first (ids follow creation time), a contact each (some returning), and their timelines.
fn seed_leads(
    conn: &Connection,
    rng: &mut fastrand::Rng,
    count: u64,
    now: DateTime<Utc>,
    sites: &[i64],
    users: &Users,
) -> Result<(u64, u64)> {
    // Small demos span four months; big ones spread over up to ten years.
    let span_days = (count / 3).clamp(120, 3650) as i64;
    let sellers: Vec<&(i64, Role, i64)> = users
        .iter()
        .filter(|(_, r, _)| matches!(r, Role::Vendeur | Role::ChefDesVentes))
        .collect();
    let apv = users.iter().find(|(_, r, _)| *r == Role::ResponsableApv);
    let mut insert_contact = conn.prepare(
        "INSERT INTO contacts(first_name, last_name, phone, email, postal_code, city, consent_email, consent_sms, consent_at,
                              consent_source, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8, ?9, ?10, ?10)",
    )?;
    let mut insert_vehicle = conn.prepare("INSERT INTO vehicles(make, model, version, vin, plate, created_at, updated_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?5)")?;
    let mut insert_lead = conn.prepare(
        "INSERT INTO leads(code, kind, source, status, stage, interest, contact_id, vehicle_id, owned_vehicle_id, site_id, owner_id,
                           deadline_at, contacted_at, last_activity_at, external_ref, message, close_reason, closed_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?14)",
    )?;
    let mut insert_event = conn.prepare("INSERT INTO events(lead_id, at, user_id, kind, text, data) VALUES (?1, ?2, ?3, ?4, ?5, NULL)")?;
    let mut numbers: std::collections::HashMap<i32, i64> = Default::default();
    let (mut contacts, mut events) = (0u64, 0u64);
    let mut recent_contacts: Vec<i64> = Vec::new();
    let step = (span_days * 86_400) as f64 / count.max(1) as f64;
    // Both demo sites keep the typical hours: one schedule serves them.
    let sla = crate::routing::sla::SlaRules::load(conn)?;
    let schedule = crate::org::business_hours::Schedule::new(crate::org::sites::typical_hours());
    let start = now - Duration::days(span_days);
    for i in 0..count {
        let created = start + Duration::seconds((i as f64 * step) as i64 + rng.i64(0..60));
        let created_text = clock::to_text(created);
        let age_days = (now - created).num_days();
        // Returning customers: one lead in ten reuses a recent contact.
        let contact_id = if !recent_contacts.is_empty() && rng.u8(0..10) == 0 {
            *pick(rng, &recent_contacts)
        } else {
            let first = *pick(rng, FIRST_NAMES);
            let last = *pick(rng, LAST_NAMES);
            let (pc, city) = *pick(rng, CITIES);
            let phone = format!(
                "+33{}{:08}",
                if rng.bool() { 6 } else { 7 },
                rng.u32(0..100_000_000)
            );
            let email = format!(
                "{}.{}{}@{}",
                ascii_lower(first),
                ascii_lower(last),
                rng.u16(1..999),
                pick(
                    rng,
                    &[
                        "gmail.com",
                        "orange.fr",
                        "free.fr",
                        "hotmail.fr",
                        "sfr.fr",
                        "laposte.net"
                    ]
                )
            );
            let consent = rng.u8(0..3) == 0;
            insert_contact.execute(params![
                first,
                last,
                phone,
                email,
                pc,
                city,
                consent,
                consent.then_some(&created_text),
                consent.then_some("demo"),
                created_text
            ])?;
            contacts += 1;
            let id = conn.last_insert_rowid();
            if recent_contacts.len() < 500 {
                recent_contacts.push(id);
            } else {
                let slot = rng.usize(0..500);
                recent_contacts[slot] = id;
            }
            id
        };
        let source = pick_weighted(rng, SOURCES);
        let kind = match rng.u8(0..20) {
            0..=6 => LeadKind::Vn,
            7..=14 => LeadKind::Vo,
            15..=17 => LeadKind::Apv,
            18 => LeadKind::Reprise,
            _ => LeadKind::Rh,
        };
        let (make, model, version) = *pick(rng, VEHICLES);
        insert_vehicle.execute(params![
            make,
            model,
            version,
            Option::<String>::None,
            created_text
        ])?;
        let vehicle_id = conn.last_insert_rowid();
        let owned_vehicle_id = if rng.u8(0..3) == 0 {
            let (m, mo, _) = *pick(rng, VEHICLES);
            let plate = format!(
                "{}{}-{:03}-{}{}",
                (b'A' + rng.u8(0..26)) as char,
                (b'A' + rng.u8(0..26)) as char,
                rng.u16(1..999),
                (b'A' + rng.u8(0..26)) as char,
                (b'A' + rng.u8(0..26)) as char
            );
            insert_vehicle.execute(params![m, mo, Option::<String>::None, plate, created_text])?;
            Some(conn.last_insert_rowid())
        } else {
            None
        };
        // Older leads are mostly closed; the last days hold the new and the in-progress ones.
        let status = match (age_days, rng.u8(0..100)) {
            (0..=1, 0..=49) => LeadStatus::Nouveau,
            (0..=1, 50..=79) | (2..=6, 0..=19) => LeadStatus::ATraiter,
            (0..=1, _) | (2..=6, 20..=89) | (7..=45, 0..=39) => LeadStatus::EnCours,
            (_, 0..=34) => LeadStatus::Gagne,
            (_, 35..=49) => LeadStatus::EnCours,
            _ => LeadStatus::Perdu,
        };
        let owner = match (status, kind) {
            (LeadStatus::Nouveau, _) => None,
            (_, LeadKind::Apv) => apv.or_else(|| sellers.first().copied()),
            _ => sellers.get(rng.usize(0..sellers.len())).copied(),
        };
        let site_id = owner
            .map(|(_, _, s)| *s)
            .unwrap_or_else(|| *pick(rng, sites));
        let deadline = sla.deadline(source, kind, site_id, &schedule, created);
        let contacted = matches!(
            status,
            LeadStatus::EnCours | LeadStatus::Gagne | LeadStatus::Perdu
        )
        .then(|| (created + Duration::minutes(rng.i64(5..2880))).min(now));
        let closed = (!status.is_open())
            .then(|| (created + Duration::days(rng.i64(1..30).min(age_days.max(1)))).min(now));
        let last_activity = closed.or(contacted).unwrap_or(created).min(now);
        let stage = match status {
            LeadStatus::Nouveau | LeadStatus::ATraiter => LeadStage::Contact,
            LeadStatus::Gagne => LeadStage::Commande,
            _ => *pick(
                rng,
                &[
                    LeadStage::Decouverte,
                    LeadStage::Essai,
                    LeadStage::Offre,
                    LeadStage::Negociation,
                ],
            ),
        };
        let interest = *pick(
            rng,
            &[
                Interest::Chaud,
                Interest::Tiede,
                Interest::Tiede,
                Interest::Froid,
            ],
        );
        let close_reason = match status {
            LeadStatus::Gagne => Some("Commande signée"),
            LeadStatus::Perdu => Some(*pick(rng, LOST_REASONS)),
            _ => None,
        };
        let external_ref = matches!(
            source,
            "Leboncoin" | "La Centrale" | "AutoScout24" | "ParuVendu"
        )
        .then(|| format!("ANN-{}", rng.u32(1_000_000..9_999_999)));
        let message = format!("Bonjour, je suis intéressé(e) par le véhicule {make} {model}. Pouvez-vous me rappeler ?");
        let year = created.with_timezone(&chrono_tz::Europe::Paris).year();
        let n = numbers.entry(year).or_insert(0);
        *n += 1;
        let code = format!("L-{year}-{:06}", *n);
        insert_lead.execute(params![
            code,
            kind,
            source,
            status,
            stage,
            interest,
            contact_id,
            vehicle_id,
            owned_vehicle_id,
            site_id,
            owner.map(|o| o.0),
            status
                .is_open()
                .then(|| clock::to_text(deadline))
                .filter(|_| contacted.is_none()),
            contacted.map(clock::to_text),
            clock::to_text(last_activity),
            external_ref,
            message,
            close_reason,
            closed.map(clock::to_text),
            created_text,
        ])?;
        let lead_id = conn.last_insert_rowid();
        insert_event.execute(params![
            lead_id,
            created_text,
            Option::<i64>::None,
            "created",
            format!("Lead créé (source : {source})")
        ])?;
        events += 1;
        if let Some(c) = contacted {
            insert_event.execute(params![
                lead_id,
                clock::to_text(c),
                owner.map(|o| o.0),
                "contact_made",
                "Contact pris avec le client"
            ])?;
            events += 1;
            if rng.bool() {
                insert_event.execute(params![
                    lead_id,
                    clock::to_text(c),
                    owner.map(|o| o.0),
                    "note",
                    *pick(rng, NOTES)
                ])?;
                events += 1;
            }
        }
        if let (Some(at), Some(reason)) = (closed, close_reason) {
            let text = format!("Statut : En cours → {} ({reason})", status.label());
            insert_event.execute(params![
                lead_id,
                clock::to_text(at),
                owner.map(|o| o.0),
                "status",
                text
            ])?;
            events += 1;
        }
    }
    for (year, last) in numbers {
        conn.execute(
            "INSERT OR REPLACE INTO lead_numbers(year, last) VALUES (?1, ?2)",
            params![year, last],
        )?;
    }
    Ok((contacts, events))
}

/// Tasks for the agenda: the sellers' next days, one slot after the other (appointments never
/// overlap), plus yesterday's forgotten calls.
fn seed_tasks(conn: &Connection, now: DateTime<Utc>) -> Result<()> {
    let leads: Vec<(i64, i64, String)> = conn
        .prepare(
            "SELECT l.id, l.owner_id, trim(c.first_name || ' ' || c.last_name) FROM leads l JOIN contacts c ON c.id = l.contact_id
             WHERE l.owner_id IS NOT NULL AND l.status IN ('a_traiter','en_cours') ORDER BY l.id DESC LIMIT 80",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let schedule = crate::org::business_hours::Schedule::new(typical_hours());
    let kinds = [
        ("appel", "Appel", 15),
        ("rdv", "Rendez-vous", 60),
        ("relance", "Relance", 15),
        ("essai", "Essai", 60),
    ];
    let mut next_slot: std::collections::HashMap<i64, usize> = Default::default();
    let mut insert = conn.prepare(
        "INSERT INTO tasks(lead_id, kind, title, due_at, duration_min, assignee_id, done_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?;
    let created = clock::to_text(now - Duration::days(1));
    for (i, (lead_id, owner, name)) in leads.iter().enumerate() {
        let (kind, label, minutes) = kinds[i % kinds.len()];
        let slot = next_slot.entry(*owner).or_insert(0);
        // Three in ten are from yesterday: overdue calls in the to-do list.
        let due = if i % 10 < 3 {
            schedule.add_working(
                schedule.next_open(now - Duration::days(1)),
                Duration::minutes(90 * (i % 3) as i64),
            )
        } else {
            *slot += 1;
            schedule.add_working(
                schedule.next_open(now),
                Duration::minutes(90 * *slot as i64),
            )
        };
        let (kind, label, minutes) = if due < now {
            ("appel", "Appel", 15)
        } else {
            (kind, label, minutes)
        };
        insert.execute(params![
            lead_id,
            kind,
            format!("{label} — {name}"),
            clock::to_text(due),
            minutes,
            owner,
            Option::<String>::None,
            created
        ])?;
    }
    Ok(())
}
