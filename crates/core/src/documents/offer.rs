//! Offers: the vehicle, its options, accessories, discounts, fees, carte grise and malus, a
//! trade-in deducted after the total, financing, validity. Several offers per lead; revising an
//! offer makes a new version under the same number and marks the previous one replaced.

use super::files::{self, FileOrigin, LeadFile};
use super::money::{self, OfferLine, Totals, VatRegime};
use super::numbering;
use super::vehicle::DealVehicle;
use crate::kernel::app::{App, Ctx};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_LONG_TEXT};
use crate::leads::lead::{self, LeadStage};
use crate::leads::timeline;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(OfferStatus {
    Ouverte = "ouverte",
    Acceptee = "acceptee",
    Refusee = "refusee",
    Remplacee = "remplacee",
});

/// Days an offer stays valid when the vendeur does not say.
pub const DEFAULT_VALIDITY_DAYS: i64 = 15;
const MAX_LINES: usize = 60;

impl OfferStatus {
    pub fn label(self) -> &'static str {
        match self {
            OfferStatus::Ouverte => "En cours",
            OfferStatus::Acceptee => "Acceptée",
            OfferStatus::Refusee => "Refusée",
            OfferStatus::Remplacee => "Remplacée",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OfferInput {
    pub lead_id: i64,
    pub vat_regime: VatRegime,
    pub vehicle: DealVehicle,
    pub lines: Vec<OfferLine>,
    #[serde(default)]
    #[ts(optional)]
    pub trade_in_cents: Option<i64>,
    /// The trade-in (reprise) whose proposed price is deducted.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub tradein_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub financing: Option<String>,
    /// `YYYY-MM-DD`; 15 days from today when omitted.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub valid_until: Option<String>,
    /// The offer this one revises (a new version of the same number).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub revises: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Offer {
    pub id: i64,
    pub lead_id: i64,
    pub lead_code: String,
    /// `OF-2026-0001`, shared by the versions.
    pub number: String,
    pub version: i64,
    pub status: OfferStatus,
    pub vat_regime: VatRegime,
    pub vehicle: DealVehicle,
    pub lines: Vec<OfferLine>,
    pub tradein_id: Option<i64>,
    pub financing: Option<String>,
    pub valid_until: String,
    pub total_ttc_cents: i64,
    pub total_vat_cents: i64,
    pub trade_in_cents: i64,
    pub net_cents: i64,
    pub totals: Totals,
    pub created_by: Option<String>,
    pub created_at: String,
    /// The bon de commande made from it.
    pub order_id: Option<i64>,
    /// The PDF kept in the lead's documents.
    pub file_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OfferQuery {
    #[ts(optional = nullable)]
    pub lead_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OfferRef {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OfferStatusInput {
    pub id: i64,
    /// `acceptee` or `refusee`.
    pub status: OfferStatus,
}

const SELECT: &str = "SELECT o.id, o.lead_id, l.code, o.number, o.version, o.status, o.vat_regime, o.vehicle, o.lines,
        o.tradein_id, o.financing, o.valid_until, o.trade_in_cents, u.name, o.created_at,
        (SELECT id FROM orders WHERE offer_id = o.id),
        (SELECT max(id) FROM lead_files WHERE origin = 'offer' AND ref_id = o.id AND deleted_at IS NULL),
        o.total_ttc_cents, o.total_vat_cents
    FROM offers o JOIN leads l ON l.id = o.lead_id LEFT JOIN users u ON u.id = o.created_by";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Offer> {
    let json_err = |i, e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let vehicle: String = r.get(7)?;
    let lines: String = r.get(8)?;
    let vehicle: DealVehicle = serde_json::from_str(&vehicle).map_err(|e| json_err(7, e))?;
    let lines: Vec<OfferLine> = serde_json::from_str(&lines).map_err(|e| json_err(8, e))?;
    let regime: VatRegime = r.get(6)?;
    let trade_in: i64 = r.get(12)?;
    // The detail comes from the lines; an offer the rules of today would refuse keeps the totals
    // it was saved with.
    let totals = match money::totals(regime, &lines, trade_in) {
        Ok(t) => t,
        Err(_) => {
            let (ttc, vat): (i64, i64) = (r.get(17)?, r.get(18)?);
            tracing::warn!("offer totals kept as saved");
            Totals {
                total_ttc_cents: ttc,
                total_vat_cents: vat,
                trade_in_cents: trade_in,
                net_cents: ttc - trade_in,
                ..Default::default()
            }
        }
    };
    Ok(Offer {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        lead_code: r.get(2)?,
        number: r.get(3)?,
        version: r.get(4)?,
        status: r.get(5)?,
        vat_regime: regime,
        vehicle,
        lines,
        tradein_id: r.get(9)?,
        financing: r.get(10)?,
        valid_until: r.get(11)?,
        total_ttc_cents: totals.total_ttc_cents,
        total_vat_cents: totals.total_vat_cents,
        trade_in_cents: totals.trade_in_cents,
        net_cents: totals.net_cents,
        totals,
        created_by: r.get(13)?,
        created_at: r.get(14)?,
        order_id: r.get(15)?,
        file_id: r.get(16)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Offer> {
    conn.query_row(&format!("{SELECT} WHERE o.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Offre" })
}

pub(crate) fn list(conn: &Connection, lead_id: Option<i64>) -> Result<Vec<Offer>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR o.lead_id = ?1) AND l.deleted_at IS NULL ORDER BY o.id DESC LIMIT 1000"
        ))?
        .query_map([lead_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn lead_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT lead_id FROM offers WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Moves the lead forward to `stage` (never backwards).
pub(crate) fn advance_stage(
    tx: &Connection,
    ctx: &Ctx,
    lead_id: i64,
    stage: LeadStage,
) -> Result<()> {
    let current = lead::get(tx, lead_id)?.stage;
    let rank = |s: LeadStage| LeadStage::ALL.iter().position(|x| *x == s);
    if rank(current) >= rank(stage) {
        return Ok(());
    }
    tx.execute(
        "UPDATE leads SET stage = ?2 WHERE id = ?1",
        params![lead_id, stage],
    )?;
    timeline::append(
        tx,
        lead_id,
        &ctx.now_text,
        ctx.actor,
        timeline::kind::QUALIFIED,
        &format!("Étape : {} → {}", current.label(), stage.label()),
        Some(&serde_json::json!({"stage": {"from": current, "to": stage}})),
    )?;
    Ok(())
}

fn parse_day(field: &'static str, label: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            field,
            format!("{label} : date invalide « {} » (AAAA-MM-JJ).", text.trim()),
        )
    })
}

pub(crate) fn today(ctx: &Ctx) -> NaiveDate {
    ctx.now
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

/// The proposed price of a trade-in of the same lead.
fn tradein_price(tx: &Connection, lead_id: i64, tradein_id: i64) -> Result<i64> {
    let row: Option<(i64, Option<i64>)> = tx
        .query_row(
            "SELECT lead_id, proposed_cents FROM tradeins WHERE id = ?1",
            [tradein_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        Some((lead, price)) if lead == lead_id => price.ok_or_else(|| {
            CoreError::invalid(
                "tradein_id",
                "Cette reprise n'a pas encore de prix proposé : complétez sa cotation.",
            )
        }),
        _ => Err(CoreError::invalid(
            "tradein_id",
            "Cette reprise n'appartient pas à ce lead.",
        )),
    }
}

impl App {
    pub fn offers_list(&self, q: OfferQuery) -> Result<Vec<Offer>> {
        list(&*self.conn()?, q.lead_id)
    }

    pub fn offer_get(&self, r: OfferRef) -> Result<Offer> {
        get(&*self.conn()?, r.id)
    }

    pub fn offer_create(&self, input: OfferInput) -> Result<Offer> {
        let vehicle = input.vehicle.clean()?;
        if input.lines.len() > MAX_LINES {
            return Err(CoreError::invalid(
                "lines",
                format!("{MAX_LINES} lignes au plus."),
            ));
        }
        let lines: Vec<OfferLine> = input
            .lines
            .iter()
            .map(|l| OfferLine {
                label: l.label.trim().chars().take(200).collect(),
                ..l.clone()
            })
            .collect();
        let financing = validate::optional_text(
            "financing",
            "Financement",
            input.financing.as_deref(),
            MAX_LONG_TEXT,
        )?;
        let folder = self.documents_folder();
        let offer = self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if lead.deleted_at.is_some() {
                return Err(CoreError::Refused("Ce lead est dans la corbeille : restaurez-le avant d'y ajouter une offre.".into()));
            }
            let trade_in = match input.tradein_id {
                Some(t) => tradein_price(tx, lead.id, t)?,
                None => input.trade_in_cents.unwrap_or(0),
            };
            let totals = money::totals(input.vat_regime, &lines, trade_in)?;
            let today = today(ctx);
            let valid_until = match input.valid_until.as_deref().filter(|v| !v.trim().is_empty()) {
                Some(v) => {
                    let day = parse_day("valid_until", "Validité", v)?;
                    if day < today {
                        return Err(CoreError::invalid("valid_until", "La date de validité est passée."));
                    }
                    day
                }
                None => today + chrono::Duration::days(DEFAULT_VALIDITY_DAYS),
            };
            let (number, version) = match input.revises {
                Some(previous) => {
                    let old = get(tx, previous)?;
                    if old.lead_id != lead.id {
                        return Err(CoreError::invalid("revises", "Cette offre appartient à un autre lead."));
                    }
                    if old.order_id.is_some() || old.status == OfferStatus::Acceptee {
                        return Err(CoreError::Refused("Cette offre est acceptée : elle ne se modifie plus.".into()));
                    }
                    let version: i64 = tx.query_row(
                        "SELECT max(version) + 1 FROM offers WHERE number = ?1",
                        [&old.number],
                        |r| r.get(0),
                    )?;
                    tx.execute(
                        "UPDATE offers SET status = 'remplacee', updated_at = ?2 WHERE number = ?1 AND status = 'ouverte'",
                        params![old.number, ctx.now_text],
                    )?;
                    (old.number, version)
                }
                None => {
                    let year = today.year();
                    let seq = numbering::next(tx, "offer", year)?;
                    (format!("OF-{year}-{seq:04}"), 1)
                }
            };
            tx.execute(
                "INSERT INTO offers(lead_id, number, version, vat_regime, vehicle, lines, trade_in_cents, tradein_id,
                                    financing, valid_until, total_ttc_cents, total_vat_cents, created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                params![
                    lead.id, number, version, input.vat_regime, super::json(&vehicle), super::json(&lines),
                    trade_in, input.tradein_id, financing, valid_until.to_string(),
                    totals.total_ttc_cents, totals.total_vat_cents, ctx.actor, ctx.now_text
                ],
            )?;
            let id = tx.last_insert_rowid();
            let text = format!(
                "Offre {number} v{version} : {} — {} TTC",
                vehicle.title(),
                super::format::euros(totals.total_ttc_cents)
            );
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, timeline::kind::OFFER, &text,
                Some(&serde_json::json!({"offer_id": id, "number": number, "version": version, "total_ttc_cents": totals.total_ttc_cents})))?;
            advance_stage(tx, ctx, lead.id, LeadStage::Offre)?;
            let offer = get(tx, id)?;
            store_pdf(tx, ctx, &folder, &offer)?;
            get(tx, id)
        })?;
        Ok(offer)
    }

    pub fn offer_set_status(&self, input: OfferStatusInput) -> Result<Offer> {
        if !matches!(input.status, OfferStatus::Acceptee | OfferStatus::Refusee) {
            return Err(CoreError::invalid(
                "status",
                "Une offre est acceptée ou refusée ; une nouvelle version remplace l'ancienne.",
            ));
        }
        self.write(|tx, ctx| {
            let offer = get(tx, input.id)?;
            if offer.status == input.status {
                return Ok(offer);
            }
            if offer.status == OfferStatus::Remplacee || offer.order_id.is_some() {
                return Err(CoreError::Refused(format!(
                    "L'offre {} v{} est {} : son statut ne change plus.",
                    offer.number,
                    offer.version,
                    if offer.order_id.is_some() { "commandée" } else { "remplacée" }
                )));
            }
            tx.execute(
                "UPDATE offers SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![offer.id, input.status, ctx.now_text],
            )?;
            timeline::append(tx, offer.lead_id, &ctx.now_text, ctx.actor, timeline::kind::OFFER,
                &format!("Offre {} v{} : {}", offer.number, offer.version, input.status.label().to_lowercase()),
                Some(&serde_json::json!({"offer_id": offer.id, "status": {"from": offer.status, "to": input.status}})))?;
            if input.status == OfferStatus::Acceptee {
                advance_stage(tx, ctx, offer.lead_id, LeadStage::Negociation)?;
            }
            get(tx, offer.id)
        })
    }
}

/// Renders the offer's PDF and keeps it in the lead's documents.
fn store_pdf(
    tx: &Connection,
    ctx: &Ctx,
    folder: &std::path::Path,
    offer: &Offer,
) -> Result<LeadFile> {
    let bytes = super::pdf::offer(tx, offer, ctx.now)?;
    let sha = crate::kernel::blobs::store(folder, &bytes)?;
    files::insert(
        tx,
        ctx,
        offer.lead_id,
        &format!("Offre {} v{}", offer.number, offer.version),
        &format!("Offre-{}-v{}.pdf", offer.number, offer.version),
        "application/pdf",
        bytes.len(),
        &sha,
        FileOrigin::Offer,
        Some(offer.id),
    )
}
