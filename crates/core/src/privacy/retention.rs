//! Retention (CNIL): a prospect's data is kept 3 years after the last active contact, a
//! customer's per the garage's setting (10 years by default: the sale's documents), then
//! anonymised like an erasure. Run daily by the background worker and by
//! `carnet retention run [--dry-run]`; a manager sees what the next run will anonymise first.
//!
//! "Last active contact" is the latest of: the contact's creation, any of its leads' last
//! activity, its DMS history. A contact with an open lead or an order not delivered is kept.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings::{self, Setting};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const PROSPECT_YEARS: Setting<u32> = Setting::new("retention_prospect_years", 3);
pub const CUSTOMER_YEARS: Setting<u32> = Setting::new("retention_customer_years", 10);
const LAST_RUN: &str = "retention_last_run";

/// How long the garage keeps a prospect's and a customer's data, in years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RetentionSettings {
    pub prospect_years: u32,
    pub customer_years: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RetentionInput {
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KeptCount {
    pub reason: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RetentionDue {
    pub contact_id: i64,
    pub name: String,
    pub customer: bool,
    /// RFC 3339 or YYYY-MM-DD: the last active contact.
    pub last_active: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RetentionReport {
    pub dry_run: bool,
    pub examined: u32,
    /// Anonymised by this run (with --dry-run: that a run would anonymise).
    pub anonymised: u32,
    pub kept: Vec<KeptCount>,
    /// The first 200 contacts due (the preview a manager reads before the run).
    pub due: Vec<RetentionDue>,
    pub prospect_years: u32,
    pub customer_years: u32,
}

const KEPT_OPEN_LEAD: &str = "lead en cours";
const KEPT_ORDER: &str = "commande non livrée";
const KEPT_RECENT_PROSPECT: &str = "prospect actif dans le délai";
const KEPT_RECENT_CUSTOMER: &str = "client dans le délai";

impl App {
    pub fn retention_run(&self, input: RetentionInput) -> Result<RetentionReport> {
        let conn = self.conn()?;
        let prospect_years = settings::get(&conn, &PROSPECT_YEARS)?.clamp(1, 30);
        let customer_years = settings::get(&conn, &CUSTOMER_YEARS)?.clamp(1, 30);
        let now = self.now();
        let years_ago = |y: u32| {
            crate::kernel::clock::to_text(now - chrono::Duration::days(365 * i64::from(y)))
        };
        let today = crate::kernel::clock::to_text(now);
        let mut stmt = conn.prepare(
            "SELECT c.id, trim(c.first_name || ' ' || c.last_name),
                    (c.customer_code IS NOT NULL
                     OR EXISTS(SELECT 1 FROM orders d JOIN leads l ON l.id = d.lead_id WHERE l.contact_id = c.id)
                     OR EXISTS(SELECT 1 FROM leads l WHERE l.contact_id = c.id AND l.status = 'gagne')) AS customer,
                    EXISTS(SELECT 1 FROM leads l WHERE l.contact_id = c.id AND l.deleted_at IS NULL
                           AND l.status IN ('nouveau','a_traiter','en_cours')) AS open_lead,
                    EXISTS(SELECT 1 FROM orders d JOIN leads l ON l.id = d.lead_id
                           WHERE l.contact_id = c.id AND d.delivery_date >= substr(?1, 1, 10)) AS open_order,
                    max(c.created_at,
                        coalesce((SELECT max(l.last_activity_at) FROM leads l WHERE l.contact_id = c.id), ''),
                        coalesce((SELECT max(h.happened_on) FROM customer_history h WHERE h.contact_id = c.id), '')) AS last_active
             FROM contacts c WHERE c.erased_at IS NULL",
        )?;
        let rows = stmt.query_map(params![today], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, bool>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let (prospect_limit, customer_limit) =
            (years_ago(prospect_years), years_ago(customer_years));
        let mut examined = 0u32;
        let mut kept = std::collections::BTreeMap::<&str, u32>::new();
        let mut due = Vec::new();
        for row in rows {
            let (contact_id, name, customer, open_lead, open_order, last_active) = row?;
            examined += 1;
            let limit = if customer {
                &customer_limit
            } else {
                &prospect_limit
            };
            let reason = if open_lead {
                Some(KEPT_OPEN_LEAD)
            } else if open_order {
                Some(KEPT_ORDER)
            } else if last_active.as_str() >= limit.as_str() {
                Some(if customer {
                    KEPT_RECENT_CUSTOMER
                } else {
                    KEPT_RECENT_PROSPECT
                })
            } else {
                None
            };
            match reason {
                Some(r) => *kept.entry(r).or_default() += 1,
                None => due.push(RetentionDue {
                    contact_id,
                    name,
                    customer,
                    last_active,
                }),
            }
        }
        drop(stmt);
        drop(conn);
        let mut anonymised = 0u32;
        if !input.dry_run {
            for d in &due {
                match self.erase_contact(d.contact_id, super::erase::RETENTION) {
                    Ok(_) => anonymised += 1,
                    // An order delivered today, a contact erased meanwhile: left for the next run.
                    Err(CoreError::Refused(m)) => {
                        tracing::info!(contact_id = d.contact_id, %m, "retention: contact kept")
                    }
                    Err(e) => return Err(e),
                }
            }
            if anonymised > 0 {
                self.scrub_after_erasure()?;
            }
            settings::set_json(&*self.conn()?, LAST_RUN, &today)?;
            tracing::info!(examined, anonymised, "retention run");
        } else {
            anonymised = due.len() as u32;
        }
        due.truncate(200);
        Ok(RetentionReport {
            dry_run: input.dry_run,
            examined,
            anonymised,
            kept: kept
                .into_iter()
                .map(|(reason, count)| KeptCount {
                    reason: reason.to_string(),
                    count,
                })
                .collect(),
            due,
            prospect_years,
            customer_years,
        })
    }

    pub fn retention_settings(&self, _: Empty) -> Result<RetentionSettings> {
        let conn = self.conn()?;
        Ok(RetentionSettings {
            prospect_years: settings::get(&conn, &PROSPECT_YEARS)?,
            customer_years: settings::get(&conn, &CUSTOMER_YEARS)?,
        })
    }

    /// The CNIL's reference is 3 years for prospects; the garage chooses within 1 to 30 years.
    pub fn retention_settings_set(&self, s: RetentionSettings) -> Result<RetentionSettings> {
        for (field, years) in [
            ("prospect_years", s.prospect_years),
            ("customer_years", s.customer_years),
        ] {
            if !(1..=30).contains(&years) {
                return Err(CoreError::invalid(
                    field,
                    "Durée de conservation : de 1 à 30 ans.",
                ));
            }
        }
        let conn = self.conn()?;
        settings::set(&conn, &PROSPECT_YEARS, &s.prospect_years)?;
        settings::set(&conn, &CUSTOMER_YEARS, &s.customer_years)?;
        Ok(s)
    }

    /// What the next run will anonymise (Réglages → Confidentialité).
    pub fn retention_preview(&self, _: Empty) -> Result<RetentionReport> {
        self.retention_run(RetentionInput { dry_run: true })
    }

    /// The daily run of the background worker (once a day).
    pub fn retention_if_due(&self) -> Result<Option<RetentionReport>> {
        let last: Option<String> = settings::get_json(&*self.conn()?, LAST_RUN)?;
        let today = crate::kernel::clock::to_text(self.now());
        if last.is_some_and(|l| l.get(..10) == today.get(..10)) {
            return Ok(None);
        }
        self.retention_run(RetentionInput { dry_run: false })
            .map(Some)
    }
}
