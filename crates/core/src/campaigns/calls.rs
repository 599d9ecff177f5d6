//! A campaign's calls: the list a vendeur works through, and each call's outcome. A number that
//! went on Bloctel after the campaign was made is not called (the list says so); an interested
//! person becomes a lead of the campaign's kind, owned by whoever called.

use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_LONG_TEXT};
use crate::leads::contact::{ContactInput, BLOCTEL_LISTED_SQL};
use crate::leads::lead::{LeadKind, NewLead};
use crate::org::users;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(CampaignOutcome {
    Interesse = "interesse",
    PasInteresse = "pas_interesse",
    Injoignable = "injoignable",
    Rappeler = "rappeler",
    NePlusAppeler = "ne_plus_appeler"
});

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CampaignCallsQuery {
    pub campaign_id: i64,
    /// Only the calls assigned to me (or to nobody).
    #[ts(as = "Option<bool>", optional)]
    pub mine: bool,
    /// Only the calls still to make (not called, unreachable so far, or to call back).
    #[ts(as = "Option<bool>", optional)]
    pub to_call: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CampaignCall {
    pub id: i64,
    pub campaign_id: i64,
    pub contact_id: i64,
    pub name: String,
    /// The mobile, else the landline (E.164). None when the number is on Bloctel now.
    pub phone: Option<String>,
    pub city: Option<String>,
    pub customer_code: Option<String>,
    pub assignee: Option<String>,
    pub outcome: Option<CampaignOutcome>,
    pub called_at: Option<String>,
    pub note: Option<String>,
    pub lead_code: Option<String>,
    /// The number went on Bloctel since the campaign was made: no prospecting call.
    pub blocked: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CampaignCallLog {
    pub id: i64,
    pub outcome: CampaignOutcome,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

const CALL_COLUMNS: &str = "k.id, k.campaign_id, k.contact_id, trim(coalesce(c.civility || ' ', '') || c.first_name || ' ' || c.last_name),
  coalesce(c.phone, c.landline), c.city, c.customer_code, u.name, k.outcome, k.called_at, k.note, l.code";

fn call_from_row(r: &rusqlite::Row) -> rusqlite::Result<CampaignCall> {
    let blocked: bool = r.get(12)?;
    Ok(CampaignCall {
        id: r.get(0)?,
        campaign_id: r.get(1)?,
        contact_id: r.get(2)?,
        name: r.get(3)?,
        phone: if blocked { None } else { r.get(4)? },
        city: r.get(5)?,
        customer_code: r.get(6)?,
        assignee: r.get(7)?,
        outcome: r.get(8)?,
        called_at: r.get(9)?,
        note: r.get(10)?,
        lead_code: r.get(11)?,
        blocked,
    })
}

fn calls_sql(filter: &str) -> String {
    format!(
        "SELECT {CALL_COLUMNS}, {BLOCTEL_LISTED_SQL}
         FROM campaign_calls k JOIN contacts c ON c.id = k.contact_id
         LEFT JOIN users u ON u.id = k.assignee_id LEFT JOIN leads l ON l.id = k.lead_id
         WHERE {filter}"
    )
}

fn get(conn: &Connection, id: i64) -> Result<CampaignCall> {
    conn.query_row(&calls_sql("k.id = ?1"), [id], call_from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Appel" })
}

impl App {
    /// The calls of a campaign (`carnet campaigns calls ID`): the ones to make first.
    pub fn campaign_calls(&self, q: CampaignCallsQuery) -> Result<Vec<CampaignCall>> {
        let conn = self.conn()?;
        crate::campaigns::campaign(&conn, q.campaign_id)?;
        let mut filter = String::from("k.campaign_id = ?1");
        if q.mine {
            filter.push_str(" AND (k.assignee_id = ?2 OR k.assignee_id IS NULL)");
        }
        if q.to_call {
            filter.push_str(" AND (k.outcome IS NULL OR k.outcome IN ('rappeler','injoignable'))");
        }
        let sql = format!(
            "{} ORDER BY (k.outcome IS NOT NULL AND k.outcome NOT IN ('rappeler','injoignable')), k.called_at, k.id LIMIT 5000",
            calls_sql(&filter)
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = match q.mine {
            true => stmt.query_map(params![q.campaign_id, self.actor()], call_from_row)?,
            false => stmt.query_map(params![q.campaign_id], call_from_row)?,
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Logs a call's outcome; an interested person becomes a lead (once), in the same transaction.
    pub fn campaign_call_log(&self, input: CampaignCallLog) -> Result<CampaignCall> {
        let note = validate::optional_text("note", "Note", input.note.as_deref(), MAX_LONG_TEXT)?;
        let id = self.write(|tx, ctx| {
            let call = get(tx, input.id)?;
            let assignee: Option<i64> = tx.query_row(
                "SELECT assignee_id FROM campaign_calls WHERE id = ?1",
                [input.id],
                |r| r.get(0),
            )?;
            let role = users::role_of(tx, ctx.actor)?;
            let may = match role {
                None => true, // the command line
                Some(role) => role.is_manager() || assignee.is_none() || assignee == ctx.actor,
            };
            if !may {
                return Err(CoreError::Forbidden(
                    "Cet appel est confié à un autre vendeur.".into(),
                ));
            }
            if call.blocked {
                return Err(CoreError::Refused(
                    "Numéro inscrit sur Bloctel depuis la création de la campagne : pas d'appel de prospection.".into(),
                ));
            }
            let erased: bool = tx.query_row(
                "SELECT erased_at IS NOT NULL FROM contacts WHERE id = ?1",
                [call.contact_id],
                |r| r.get(0),
            )?;
            if erased {
                return Err(CoreError::Refused(
                    "Cette personne a été effacée (RGPD) depuis la création de la campagne : pas d'appel.".into(),
                ));
            }
            tx.execute(
                "UPDATE campaign_calls SET outcome = ?2, called_at = ?3, called_by = ?4, note = coalesce(?5, note) WHERE id = ?1",
                params![input.id, input.outcome, ctx.now_text, ctx.actor, note],
            )?;
            if input.outcome == CampaignOutcome::Interesse && call.lead_code.is_none() {
                let lead_id = lead_from_call(tx, ctx, &call, note.clone())?;
                tx.execute(
                    "UPDATE campaign_calls SET lead_id = ?2 WHERE id = ?1",
                    params![input.id, lead_id],
                )?;
            }
            Ok(input.id)
        })?;
        get(&*self.conn()?, id)
    }
}

/// The lead of an interested person: the campaign's kind, source « Campagne … », owned by the
/// caller, on the caller's site (else the garage's first).
fn lead_from_call(
    tx: &Connection,
    ctx: &crate::kernel::app::Ctx,
    call: &CampaignCall,
    note: Option<String>,
) -> Result<i64> {
    let (name, kind): (String, LeadKind) = tx.query_row(
        "SELECT name, kind FROM campaigns WHERE id = ?1",
        [call.campaign_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let site_id: i64 = tx.query_row(
        "SELECT coalesce((SELECT site_id FROM users WHERE id = ?1), (SELECT min(id) FROM sites))",
        [ctx.actor],
        |r| r.get(0),
    )?;
    let source: String = format!("Campagne « {name} »").chars().take(120).collect();
    let new = NewLead {
        contact_id: Some(call.contact_id),
        contact: ContactInput::default(),
        kind,
        source,
        interest: None,
        site_id,
        owner_id: ctx.actor,
        vehicle: None,
        owned_vehicle: None,
        message: note,
        external_ref: None,
    };
    let clean = new.clean()?;
    crate::routing::new_lead::create(tx, &new, &clean, ctx.now, &ctx.now_text, ctx.actor)
}
