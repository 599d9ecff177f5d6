//! Amounts of an offer: integer cents, TTC (what the customer pays). VAT is extracted once from
//! the total of the taxable lines and rounded half-up to the cent (regime `normal`); under the
//! margin scheme (art. 297 A CGI) only the fees invoiced separately carry VAT. Carte grise and
//! malus are outside VAT; the trade-in is deducted after the total.

use crate::kernel::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(
    /// `normal`: VN, or VO bought with VAT; `margin`: VO bought from a private seller.
    VatRegime { Normal = "normal", Margin = "margin" }
);
crate::kernel::text_enum!(LineKind {
    Vehicle = "vehicle",
    Option = "option",
    Accessory = "accessory",
    Discount = "discount",
    Fee = "fee",
    Registration = "registration",
    Malus = "malus",
});

/// French VAT rate on cars, fees and accessories, in percent.
pub const VAT_RATE_PERCENT: i64 = 20;
/// Above this a typed amount is a mistake (100 million euros).
const MAX_CENTS: i64 = 10_000_000_000;
const MAX_QTY: i64 = 999;

impl VatRegime {
    pub fn label(self) -> &'static str {
        match self {
            VatRegime::Normal => "TVA sur le prix total",
            VatRegime::Margin => "Régime particulier – Biens d'occasion",
        }
    }
}

impl LineKind {
    pub fn label(self) -> &'static str {
        match self {
            LineKind::Vehicle => "Véhicule",
            LineKind::Option => "Option",
            LineKind::Accessory => "Accessoire",
            LineKind::Discount => "Remise",
            LineKind::Fee => "Frais",
            LineKind::Registration => "Carte grise",
            LineKind::Malus => "Malus écologique",
        }
    }
    /// The vehicle and what is sold with it (the margin scheme covers these).
    fn is_goods(self) -> bool {
        matches!(
            self,
            LineKind::Vehicle | LineKind::Option | LineKind::Accessory | LineKind::Discount
        )
    }
    /// Taxes collected for the State: never subject to VAT.
    pub fn is_outside_vat(self) -> bool {
        matches!(self, LineKind::Registration | LineKind::Malus)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct OfferLine {
    pub kind: LineKind,
    pub label: String,
    #[serde(default = "one")]
    pub qty: i64,
    /// Price of one unit, TTC, in cents; a discount is negative.
    pub unit_cents: i64,
}

fn one() -> i64 {
    1
}

impl OfferLine {
    pub fn total_cents(&self) -> i64 {
        self.qty * self.unit_cents
    }
}

/// The totals of an offer, all in cents TTC except `total_vat_cents` and `total_ht_cents`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Totals {
    /// Vehicle, options, accessories, less the discounts.
    pub goods_cents: i64,
    /// Preparation, transport, plates…
    pub fees_cents: i64,
    /// Carte grise and malus (outside VAT).
    pub outside_vat_cents: i64,
    pub total_ttc_cents: i64,
    /// VAT included in the total (only on the fees under the margin scheme).
    pub total_vat_cents: i64,
    /// The taxable lines without their VAT (the margin-scheme goods are not in it).
    pub total_ht_cents: i64,
    pub trade_in_cents: i64,
    /// What remains to pay: total TTC less the trade-in.
    pub net_cents: i64,
}

/// VAT included in an amount TTC, rounded half-up to the cent: ttc × 20 / 120.
pub fn vat_included(ttc_cents: i64) -> i64 {
    let denominator = 100 + VAT_RATE_PERCENT;
    let scaled = ttc_cents * VAT_RATE_PERCENT * 2;
    // Half-up on the absolute value: 0.5 cent rounds away from zero.
    let magnitude = (scaled.abs() + denominator) / (2 * denominator);
    magnitude * ttc_cents.signum()
}

fn invalid(field: &'static str, message: String) -> CoreError {
    CoreError::invalid(field, message)
}

/// Checks each line, then computes the totals; refuses what cannot be a sale.
pub fn totals(regime: VatRegime, lines: &[OfferLine], trade_in_cents: i64) -> Result<Totals> {
    if !lines.iter().any(|l| l.kind == LineKind::Vehicle) {
        return Err(invalid(
            "lines",
            "L'offre doit contenir une ligne « véhicule » avec son prix.".into(),
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if line.label.trim().is_empty() {
            return Err(invalid(
                "lines",
                format!("Ligne {n} : indiquez un libellé."),
            ));
        }
        if !(1..=MAX_QTY).contains(&line.qty) {
            return Err(invalid(
                "lines",
                format!("Ligne {n} : la quantité va de 1 à {MAX_QTY}."),
            ));
        }
        if line.unit_cents.abs() > MAX_CENTS {
            return Err(invalid("lines", format!("Ligne {n} : montant trop élevé.")));
        }
        match line.kind {
            LineKind::Discount if line.unit_cents > 0 => {
                return Err(invalid(
                    "lines",
                    format!("Ligne {n} : une remise s'écrit en montant négatif (par exemple −500,00 €)."),
                ))
            }
            LineKind::Discount => {}
            _ if line.unit_cents < 0 => {
                return Err(invalid(
                    "lines",
                    format!(
                        "Ligne {n} ({}) : le montant ne peut pas être négatif ; une réduction est une ligne « remise ».",
                        line.kind.label()
                    ),
                ))
            }
            _ => {}
        }
    }
    let sum = |keep: &dyn Fn(LineKind) -> bool| -> i64 {
        lines
            .iter()
            .filter(|l| keep(l.kind))
            .map(OfferLine::total_cents)
            .sum()
    };
    let discounts = -sum(&|k| k == LineKind::Discount);
    let priced = sum(&|k| k.is_goods() && k != LineKind::Discount);
    if discounts > priced {
        return Err(invalid(
            "lines",
            format!(
                "La remise ({}) dépasse le prix du véhicule, des options et accessoires ({}).",
                super::format::euros(discounts),
                super::format::euros(priced)
            ),
        ));
    }
    let goods = priced - discounts;
    let fees = sum(&|k| k == LineKind::Fee);
    let outside = sum(&|k| k.is_outside_vat());
    let total = goods + fees + outside;
    if total <= 0 {
        return Err(invalid(
            "lines",
            "Le total de l'offre doit être positif.".into(),
        ));
    }
    if !(0..=MAX_CENTS).contains(&trade_in_cents) {
        return Err(invalid(
            "trade_in_cents",
            "La reprise ne peut pas être négative.".into(),
        ));
    }
    if trade_in_cents > total {
        return Err(invalid(
            "trade_in_cents",
            format!(
                "La reprise ({}) dépasse le total de l'offre ({}).",
                super::format::euros(trade_in_cents),
                super::format::euros(total)
            ),
        ));
    }
    let (taxable, vat) = match regime {
        VatRegime::Normal => (goods + fees, vat_included(goods + fees)),
        VatRegime::Margin => (fees, vat_included(fees)),
    };
    Ok(Totals {
        goods_cents: goods,
        fees_cents: fees,
        outside_vat_cents: outside,
        total_ttc_cents: total,
        total_vat_cents: vat,
        total_ht_cents: taxable - vat,
        trade_in_cents,
        net_cents: total - trade_in_cents,
    })
}
