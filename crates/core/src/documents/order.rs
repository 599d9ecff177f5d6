//! Bons de commande: made from an offer the customer accepts, with the buyer's identity and
//! address, the latest delivery date, payment terms, the acompte or arrhes, and the 14-day
//! withdrawal notice when the sale is off-premises or at a distance. Numbered `BC-2026-0001`
//! without gaps per year (the number is taken in the creating transaction). The lead becomes
//! gagné at stage commande.

use super::files::{self, FileOrigin};
use super::numbering;
use super::offer::{self, Offer, OfferStatus};
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::leads::closing;
use crate::leads::lead::{self, LeadStage, LeadStatus};
use crate::leads::timeline;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(
    /// An acompte commits both sides (the balance is owed); arrhes let either side withdraw
    /// (the buyer loses them, the seller pays back twice).
    DepositKind { Acompte = "acompte", Arrhes = "arrhes" }
);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Buyer {
    pub name: String,
    #[ts(optional = nullable)]
    pub company: Option<String>,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    #[ts(optional = nullable)]
    pub email: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OrderInput {
    pub offer_id: i64,
    pub buyer: Buyer,
    /// Latest delivery date, `YYYY-MM-DD`.
    pub delivery_date: String,
    pub payment_terms: String,
    #[serde(default)]
    #[ts(optional)]
    pub deposit_cents: Option<i64>,
    #[serde(default)]
    #[ts(optional)]
    pub deposit_kind: Option<DepositKind>,
    /// Signed away from the showroom or at a distance: the 14-day withdrawal right applies.
    #[serde(default)]
    #[ts(optional)]
    pub off_premises: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Order {
    pub id: i64,
    /// `BC-2026-0001`
    pub number: String,
    pub offer_id: i64,
    pub offer_number: String,
    pub lead_id: i64,
    pub lead_code: String,
    pub vat_regime: super::money::VatRegime,
    pub buyer: Buyer,
    pub delivery_date: String,
    pub payment_terms: String,
    pub deposit_cents: i64,
    pub deposit_kind: DepositKind,
    pub off_premises: bool,
    pub total_ttc_cents: i64,
    pub created_by: Option<String>,
    pub created_at: String,
    pub file_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct OrderRef {
    pub id: i64,
}

const SELECT: &str = "SELECT d.id, d.number, d.offer_id, o.number, d.lead_id, l.code, o.vat_regime, d.buyer,
        d.delivery_date, d.payment_terms, d.deposit_cents, d.deposit_kind, d.off_premises, d.total_ttc_cents,
        u.name, d.created_at,
        (SELECT max(id) FROM lead_files WHERE origin = 'order' AND ref_id = d.id AND deleted_at IS NULL)
    FROM orders d JOIN offers o ON o.id = d.offer_id JOIN leads l ON l.id = d.lead_id
    LEFT JOIN users u ON u.id = d.created_by";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Order> {
    let buyer: String = r.get(7)?;
    let buyer = serde_json::from_str(&buyer).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Order {
        id: r.get(0)?,
        number: r.get(1)?,
        offer_id: r.get(2)?,
        offer_number: r.get(3)?,
        lead_id: r.get(4)?,
        lead_code: r.get(5)?,
        vat_regime: r.get(6)?,
        buyer,
        delivery_date: r.get(8)?,
        payment_terms: r.get(9)?,
        deposit_cents: r.get(10)?,
        deposit_kind: r.get(11)?,
        off_premises: r.get(12)?,
        total_ttc_cents: r.get(13)?,
        created_by: r.get(14)?,
        created_at: r.get(15)?,
        file_id: r.get(16)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<Order> {
    conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "Bon de commande",
        })
}

pub(crate) fn list(conn: &Connection, lead_id: Option<i64>) -> Result<Vec<Order>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE (?1 IS NULL OR d.lead_id = ?1) ORDER BY d.year DESC, d.seq DESC LIMIT 1000"
        ))?
        .query_map([lead_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

impl Buyer {
    fn clean(&self) -> Result<Buyer> {
        let req = |field, label, v: &str| validate::required_text(field, label, v, MAX_SHORT_TEXT);
        let missing_address = self.address.trim().is_empty()
            || self.postal_code.trim().is_empty()
            || self.city.trim().is_empty();
        if missing_address {
            return Err(CoreError::invalid(
                "buyer.address",
                "L'adresse de l'acheteur (rue, code postal, ville) est obligatoire sur un bon de commande.",
            ));
        }
        Ok(Buyer {
            name: req("buyer.name", "Nom de l'acheteur", &self.name)?,
            company: validate::optional_text(
                "buyer.company",
                "Société",
                self.company.as_deref(),
                MAX_SHORT_TEXT,
            )?,
            address: req("buyer.address", "Adresse", &self.address)?,
            postal_code: req("buyer.postal_code", "Code postal", &self.postal_code)?,
            city: req("buyer.city", "Ville", &self.city)?,
            email: validate::optional_email("buyer.email", self.email.as_deref())?,
            phone: validate::optional_phone("buyer.phone", self.phone.as_deref())?,
        })
    }
}

/// What the law requires of the vehicle on a bon de commande.
fn check_vehicle(offer: &Offer) -> Result<()> {
    let v = &offer.vehicle;
    if v.is_used() && (v.first_registration.is_none() || v.km.is_none()) {
        return Err(CoreError::invalid(
            "vehicle",
            format!("Pour un véhicule d'occasion, le bon de commande indique le mois et l'année de 1re immatriculation et le kilométrage : complétez l'offre {} (nouvelle version).", offer.number),
        ));
    }
    Ok(())
}

impl App {
    pub fn orders_list(&self, q: super::offer::OfferQuery) -> Result<Vec<Order>> {
        list(&*self.conn()?, q.lead_id)
    }

    pub fn order_get(&self, r: OrderRef) -> Result<Order> {
        get(&*self.conn()?, r.id)
    }

    pub fn order_create(&self, input: OrderInput) -> Result<Order> {
        let buyer = input.buyer.clean()?;
        let payment_terms = validate::required_text(
            "payment_terms",
            "Conditions de paiement",
            &input.payment_terms,
            MAX_LONG_TEXT,
        )?;
        let delivery =
            NaiveDate::parse_from_str(input.delivery_date.trim(), "%Y-%m-%d").map_err(|_| {
                CoreError::invalid(
                    "delivery_date",
                    "Indiquez la date limite de livraison (AAAA-MM-JJ) : elle est obligatoire.",
                )
            })?;
        let deposit = input.deposit_cents.unwrap_or(0);
        let folder = self.documents_folder();
        self.write(|tx, ctx| {
            let offer = offer::get(tx, input.offer_id)?;
            match offer.status {
                _ if offer.order_id.is_some() => {
                    return Err(CoreError::Refused(format!("L'offre {} a déjà son bon de commande.", offer.number)))
                }
                OfferStatus::Remplacee | OfferStatus::Refusee => {
                    return Err(CoreError::Refused(format!(
                        "L'offre {} v{} est {} : faites le bon de commande depuis la dernière version acceptée.",
                        offer.number, offer.version, offer.status.label().to_lowercase()
                    )))
                }
                OfferStatus::Ouverte | OfferStatus::Acceptee => {}
            }
            let today = offer::today(ctx);
            if delivery < today {
                return Err(CoreError::invalid("delivery_date", "La date limite de livraison est passée."));
            }
            check_vehicle(&offer)?;
            if !(0..=offer.total_ttc_cents).contains(&deposit) {
                return Err(CoreError::invalid("deposit_cents", "Le versement à la commande va de 0 au total TTC."));
            }
            let lead = lead::get(tx, offer.lead_id)?;
            if lead.deleted_at.is_some() {
                return Err(CoreError::Refused("Ce lead est dans la corbeille : restaurez-le d'abord.".into()));
            }
            let year = today.year();
            let seq = numbering::next(tx, "order", year)?;
            let number = format!("BC-{year}-{seq:04}");
            let legal = serde_json::json!({
                "vehicle": offer.vehicle,
                "malus_cents": offer.lines.iter().filter(|l| l.kind == super::money::LineKind::Malus).map(|l| l.total_cents()).sum::<i64>(),
            });
            tx.execute(
                "INSERT INTO orders(offer_id, lead_id, year, seq, number, buyer, vehicle_legal, delivery_date, payment_terms,
                                    deposit_cents, deposit_kind, off_premises, total_ttc_cents, created_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    offer.id, offer.lead_id, year, seq, number, super::json(&buyer), legal.to_string(),
                    delivery.to_string(), payment_terms, deposit, input.deposit_kind.unwrap_or(DepositKind::Acompte),
                    input.off_premises.unwrap_or(false), offer.total_ttc_cents, ctx.actor, ctx.now_text
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "UPDATE offers SET status = 'acceptee', updated_at = ?2 WHERE id = ?1",
                params![offer.id, ctx.now_text],
            )?;
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, timeline::kind::ORDER,
                &format!("Bon de commande {number} (offre {} v{}) : {} TTC", offer.number, offer.version, super::format::euros(offer.total_ttc_cents)),
                Some(&serde_json::json!({"order_id": id, "number": number, "offer_id": offer.id})))?;
            win(tx, ctx, &lead)?;
            let order = get(tx, id)?;
            let bytes = super::pdf::order(tx, &order, ctx.now)?;
            let sha = crate::kernel::blobs::store(&folder, &bytes)?;
            files::insert(tx, ctx, lead.id, &format!("Bon de commande {number}"), &format!("Bon-de-commande-{number}.pdf"),
                "application/pdf", bytes.len(), &sha, FileOrigin::Order, Some(id))?;
            get(tx, id)
        })
    }
}

/// The order wins the lead: gagné, stage commande, deadline cleared.
fn win(tx: &Connection, ctx: &crate::kernel::app::Ctx, lead: &lead::Lead) -> Result<()> {
    if lead.stage != LeadStage::Commande {
        tx.execute(
            "UPDATE leads SET stage = 'commande' WHERE id = ?1",
            [lead.id],
        )?;
    }
    if lead.status == LeadStatus::Gagne {
        return Ok(());
    }
    let reason = closing::close_reason(tx, LeadStatus::Gagne, None)?;
    tx.execute(
        "UPDATE leads SET status = 'gagne', close_reason = ?2, closed_at = ?3, deadline_at = NULL WHERE id = ?1",
        params![lead.id, reason, ctx.now_text],
    )?;
    timeline::append(
        tx,
        lead.id,
        &ctx.now_text,
        ctx.actor,
        timeline::kind::STATUS,
        &format!(
            "Statut : {} → Gagné ({reason}) — étape commande",
            lead.status.label()
        ),
        Some(
            &serde_json::json!({"from": lead.status, "to": LeadStatus::Gagne, "reason": reason, "stage": "commande"}),
        ),
    )?;
    Ok(())
}
