//! Assigning a lead by hand: to a vendeur (who is notified in the app, on the desktop and by
//! e-mail), or to another site.

use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::{self, Lead, LeadStatus};
use crate::leads::timeline::{self, kind};
use crate::notify::inapp;
use crate::org::{sites, users};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AssignInput {
    pub lead_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub site_id: Option<i64>,
}

impl App {
    pub fn lead_assign(&self, input: AssignInput) -> Result<Lead> {
        if input.owner_id.is_none() && input.site_id.is_none() {
            return Err(CoreError::invalid(
                "owner_id",
                "Choisissez un vendeur ou un site.",
            ));
        }
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if let Some(site_id) = input.site_id.filter(|s| *s != lead.site_id) {
                let site = sites::list(tx)?
                    .into_iter()
                    .find(|s| s.id == site_id)
                    .ok_or_else(|| CoreError::invalid("site_id", "Ce site n'existe pas."))?;
                tx.execute(
                    "UPDATE leads SET site_id = ?2 WHERE id = ?1",
                    rusqlite::params![lead.id, site_id],
                )?;
                timeline::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::ASSIGNED,
                    &format!("Transféré au site {}", site.name),
                    None,
                )?;
            }
            if let Some(owner_id) = input.owner_id.filter(|o| Some(*o) != lead.owner_id) {
                let owner = users::get(tx, owner_id)
                    .map_err(|_| CoreError::invalid("owner_id", "Ce vendeur n'existe pas."))?;
                if !owner.active {
                    return Err(CoreError::invalid(
                        "owner_id",
                        format!(
                            "{} n'est plus actif : choisissez un autre vendeur.",
                            owner.name
                        ),
                    ));
                }
                let status = if lead.status == LeadStatus::Nouveau {
                    LeadStatus::ATraiter
                } else {
                    lead.status
                };
                tx.execute(
                    "UPDATE leads SET owner_id = ?2, status = ?3 WHERE id = ?1",
                    rusqlite::params![lead.id, owner_id, status],
                )?;
                let text = match &lead.owner {
                    Some(before) => format!("Réassigné de {before} à {}", owner.name),
                    None => format!("Assigné à {}", owner.name),
                };
                timeline::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::ASSIGNED,
                    &text,
                    None,
                )?;
            }
            if input.owner_id.is_some_and(|o| Some(o) != lead.owner_id) {
                inapp::assignee(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    "Lead qui vous est attribué",
                )?;
            }
            lead::get(tx, lead.id)
        })
    }
}
