//! Phone campaigns (seed 000): a manager targets contacts of the customer file (vehicles bought
//! in a period, no workshop visit since a date, a department…), Carnet leaves out whoever may
//! not be called for prospecting — numbers on Bloctel, no phone, erased persons, those who asked
//! not to be called again, those already followed on an open lead — and shares the calls among
//! the vendeurs chosen. Each call's outcome is logged; an interested person becomes a lead.

pub mod calls;

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::contact::BLOCTEL_LISTED_SQL;
use crate::leads::lead::LeadKind;
use rusqlite::{params, Connection, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A garage calls a few hundred people a campaign; past this the targeting is too wide.
pub const MAX_TARGETS: u32 = 5_000;

/// Who a campaign calls. Every criterion is optional; all must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CampaignTarget {
    /// Only the DMS's customers (a customer number).
    #[ts(as = "Option<bool>", optional)]
    pub customers_only: bool,
    /// Bought a vehicle from the garage between these dates (YYYY-MM-DD).
    #[ts(optional = nullable)]
    pub bought_from: Option<String>,
    #[ts(optional = nullable)]
    pub bought_to: Option<String>,
    /// No workshop visit since this date (YYYY-MM-DD).
    #[ts(optional = nullable)]
    pub no_visit_since: Option<String>,
    /// Postal codes starting so ("69", "691").
    #[ts(optional = nullable)]
    pub postal_prefix: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CampaignInput {
    pub name: String,
    #[serde(default)]
    pub target: CampaignTarget,
    /// The kind of the leads it creates (VN: a renewal campaign, APV: a workshop one…).
    pub kind: LeadKind,
    /// The vendeurs who share the calls, in turn; none: the calls wait for whoever takes them.
    #[serde(default)]
    pub assignees: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExcludedCount {
    pub reason: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CampaignPreview {
    /// Contacts matching the criteria.
    pub matching: u32,
    /// Those the campaign would call.
    pub targets: u32,
    /// Those left out, and why (Bloctel, no phone…).
    pub excluded: Vec<ExcludedCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub kind: LeadKind,
    pub target: CampaignTarget,
    pub created_at: String,
    pub created_by: Option<String>,
    pub calls: u32,
    /// Not called yet, unreachable so far, or to call back.
    pub to_call: u32,
    pub interested: u32,
    pub not_interested: u32,
    pub unreachable: u32,
    pub do_not_call: u32,
    /// Leads created from its calls.
    pub leads: u32,
    /// Calls whose number went on Bloctel since: they will not be made.
    pub blocked: u32,
}

/// Why a matching contact is left out (None: called). Order matters: the first reason given.
const EXCLUSION_SQL: &str = "CASE
  WHEN c.phone IS NULL AND c.landline IS NULL THEN 'sans téléphone'
  WHEN BLOCTEL THEN 'inscrit sur Bloctel'
  WHEN EXISTS(SELECT 1 FROM campaign_calls x WHERE x.contact_id = c.id AND x.outcome = 'ne_plus_appeler') THEN 'ne plus appeler'
  WHEN EXISTS(SELECT 1 FROM leads l WHERE l.contact_id = c.id AND l.deleted_at IS NULL AND l.status IN ('nouveau','a_traiter','en_cours')) THEN 'lead en cours'
END";

fn date(field: &'static str, value: &Option<String>) -> Result<Option<String>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(|d| Some(d.to_string()))
            .map_err(|_| {
                CoreError::invalid(
                    field,
                    format!("Date invalide : « {v} » (attendu AAAA-MM-JJ)."),
                )
            }),
    }
}

impl CampaignTarget {
    fn clean(&self) -> Result<CampaignTarget> {
        let postal_prefix = self
            .postal_prefix
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(
                |p| match p.chars().all(|c| c.is_ascii_alphanumeric()) && p.len() <= 5 {
                    true => Ok(p.to_uppercase()),
                    false => Err(CoreError::invalid(
                        "postal_prefix",
                        format!("Début de code postal invalide : « {p} » (exemple : 69 ou 691)."),
                    )),
                },
            )
            .transpose()?;
        Ok(CampaignTarget {
            customers_only: self.customers_only,
            bought_from: date("bought_from", &self.bought_from)?,
            bought_to: date("bought_to", &self.bought_to)?,
            no_visit_since: date("no_visit_since", &self.no_visit_since)?,
            postal_prefix,
        })
    }

    /// The WHERE clause over contacts `c` and its parameters.
    fn filter(&self) -> (String, Vec<Box<dyn ToSql>>) {
        let mut clauses = vec!["c.erased_at IS NULL".to_string()];
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if self.customers_only {
            clauses.push("c.customer_code IS NOT NULL".into());
        }
        if self.bought_from.is_some() || self.bought_to.is_some() {
            values.push(Box::new(
                self.bought_from
                    .clone()
                    .unwrap_or_else(|| "0000-01-01".into()),
            ));
            values.push(Box::new(
                self.bought_to
                    .clone()
                    .unwrap_or_else(|| "9999-12-31".into()),
            ));
            let n = values.len();
            clauses.push(format!(
                "EXISTS(SELECT 1 FROM customer_history h WHERE h.contact_id = c.id AND h.kind IN ('vente_vn','vente_vo') AND h.happened_on BETWEEN ?{} AND ?{n})",
                n - 1
            ));
        }
        if let Some(since) = &self.no_visit_since {
            values.push(Box::new(since.clone()));
            clauses.push(format!(
                "NOT EXISTS(SELECT 1 FROM customer_history h WHERE h.contact_id = c.id AND h.kind = 'atelier' AND h.happened_on >= ?{})",
                values.len()
            ));
        }
        if let Some(prefix) = &self.postal_prefix {
            values.push(Box::new(format!("{prefix}%")));
            clauses.push(format!("c.postal_code LIKE ?{}", values.len()));
        }
        (clauses.join(" AND "), values)
    }
}

fn exclusion_sql() -> String {
    EXCLUSION_SQL.replace("BLOCTEL", BLOCTEL_LISTED_SQL)
}

/// The matching contacts with their exclusion reason (NULL: to call), by id.
fn matching(conn: &Connection, target: &CampaignTarget) -> Result<Vec<(i64, Option<String>)>> {
    let (filter, values) = target.filter();
    let params: Vec<&dyn ToSql> = values.iter().map(|b| b.as_ref()).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, {} FROM contacts c WHERE {filter} ORDER BY c.id",
        exclusion_sql()
    ))?;
    let rows = stmt.query_map(params.as_slice(), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn preview_of(rows: &[(i64, Option<String>)]) -> CampaignPreview {
    let mut excluded: Vec<ExcludedCount> = Vec::new();
    for reason in rows.iter().filter_map(|(_, r)| r.as_deref()) {
        match excluded.iter_mut().find(|e| e.reason == reason) {
            Some(e) => e.count += 1,
            None => excluded.push(ExcludedCount {
                reason: reason.to_string(),
                count: 1,
            }),
        }
    }
    CampaignPreview {
        matching: rows.len() as u32,
        targets: rows.iter().filter(|(_, r)| r.is_none()).count() as u32,
        excluded,
    }
}

impl App {
    /// Who a campaign would call and who it leaves out (`carnet campaigns create --dry-run`).
    pub fn campaign_preview(&self, input: CampaignInput) -> Result<CampaignPreview> {
        let target = input.target.clean()?;
        let conn = self.conn()?;
        Ok(preview_of(&matching(&conn, &target)?))
    }

    /// Creates the campaign and its calls, shared in turn among the assignees.
    pub fn campaign_create(&self, input: CampaignInput) -> Result<Campaign> {
        let name =
            validate::required_text("name", "Nom de la campagne", &input.name, MAX_SHORT_TEXT)?;
        let target = input.target.clean()?;
        let id = self.write(|tx, ctx| {
            for user in &input.assignees {
                let active: Option<bool> = tx
                    .query_row("SELECT active FROM users WHERE id = ?1", [user], |r| r.get(0))
                    .ok();
                if active != Some(true) {
                    return Err(CoreError::invalid("assignees", format!("Utilisateur n° {user} inconnu ou désactivé.")));
                }
            }
            let rows = matching(tx, &target)?;
            let preview = preview_of(&rows);
            if preview.targets == 0 {
                return Err(CoreError::Refused("Aucun contact à appeler avec ces critères.".into()));
            }
            if preview.targets > MAX_TARGETS {
                return Err(CoreError::Refused(format!(
                    "Ciblage trop large : {} contacts à appeler (au plus {MAX_TARGETS}). Affinez les critères.",
                    preview.targets
                )));
            }
            let target_json = serde_json::to_string(&target).map_err(|e| CoreError::Internal(e.to_string()))?;
            tx.execute(
                "INSERT INTO campaigns(name, target, kind, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, target_json, input.kind, ctx.now_text, ctx.actor],
            )?;
            let id = tx.last_insert_rowid();
            let mut insert = tx.prepare("INSERT INTO campaign_calls(campaign_id, contact_id, assignee_id) VALUES (?1, ?2, ?3)")?;
            let to_call = rows.iter().filter(|(_, reason)| reason.is_none());
            for (i, (contact_id, _)) in to_call.enumerate() {
                let assignee = match input.assignees.is_empty() {
                    true => None,
                    false => Some(input.assignees[i % input.assignees.len()]),
                };
                insert.execute(params![id, contact_id, assignee])?;
            }
            Ok(id)
        })?;
        tracing::info!(campaign = id, "campaign created");
        self.campaign_get(id)
    }

    /// Every campaign, newest first, with its figures.
    pub fn campaigns_list(&self, _: Empty) -> Result<Vec<Campaign>> {
        let conn = self.conn()?;
        let ids: Vec<i64> = {
            let mut stmt = conn.prepare("SELECT id FROM campaigns ORDER BY id DESC LIMIT 200")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| campaign(&conn, id)).collect()
    }

    pub(crate) fn campaign_get(&self, id: i64) -> Result<Campaign> {
        campaign(&*self.conn()?, id)
    }
}

pub(crate) fn campaign(conn: &Connection, id: i64) -> Result<Campaign> {
    let sql = format!(
        "SELECT g.id, g.name, g.kind, g.target, g.created_at, u.name,
           count(k.id),
           count(CASE WHEN k.outcome IS NULL OR k.outcome IN ('rappeler','injoignable') THEN 1 END),
           count(CASE WHEN k.outcome = 'interesse' THEN 1 END),
           count(CASE WHEN k.outcome = 'pas_interesse' THEN 1 END),
           count(CASE WHEN k.outcome = 'injoignable' THEN 1 END),
           count(CASE WHEN k.outcome = 'ne_plus_appeler' THEN 1 END),
           count(k.lead_id),
           count(CASE WHEN (k.outcome IS NULL OR k.outcome IN ('rappeler','injoignable')) AND {} THEN 1 END)
         FROM campaigns g LEFT JOIN users u ON u.id = g.created_by
         LEFT JOIN campaign_calls k ON k.campaign_id = g.id LEFT JOIN contacts c ON c.id = k.contact_id
         WHERE g.id = ?1 GROUP BY g.id",
        BLOCTEL_LISTED_SQL
    );
    let found = conn.query_row(&sql, [id], |r| {
        let target: String = r.get(3)?;
        Ok(Campaign {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            target: serde_json::from_str(&target).unwrap_or_default(),
            created_at: r.get(4)?,
            created_by: r.get(5)?,
            calls: r.get(6)?,
            to_call: r.get(7)?,
            interested: r.get(8)?,
            not_interested: r.get(9)?,
            unreachable: r.get(10)?,
            do_not_call: r.get(11)?,
            leads: r.get(12)?,
            blocked: r.get(13)?,
        })
    });
    match found {
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(CoreError::NotFound { what: "Campagne" }),
        other => Ok(other?),
    }
}
