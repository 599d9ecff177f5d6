//! The offer and the bon de commande: the price with every line, VAT as the regime wants it,
//! the trade-in deducted, and for the order the legal mentions (delivery date, payment,
//! acompte or arrhes, CGV, withdrawal notice and form off-premises).

use super::writer::{Column, Writer, LEFT, RIGHT};
use super::{customer_rows, format, vehicle_rows, writer};
use crate::documents::money::{LineKind, Totals, VatRegime};
use crate::documents::offer::Offer;
use crate::documents::order::{DepositKind, Order};
use crate::kernel::clock;
use crate::kernel::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub const MARGIN_MENTION: &str = "Régime particulier – Biens d'occasion";

fn created_day(text: &str) -> String {
    clock::parse(text)
        .map(format::local_date)
        .unwrap_or_default()
}

/// The lines, then the totals under them.
fn price(w: &mut Writer, offer: &Offer) {
    w.section("Détail du prix");
    let columns = [
        Column {
            title: "Désignation",
            width: 76.0,
            right: false,
        },
        Column {
            title: "Nature",
            width: 33.0,
            right: false,
        },
        Column {
            title: "Qté",
            width: 11.0,
            right: true,
        },
        Column {
            title: "Prix unit. TTC",
            width: 30.0,
            right: true,
        },
        Column {
            title: "Montant TTC",
            width: 30.0,
            right: true,
        },
    ];
    let rows: Vec<Vec<String>> = offer
        .lines
        .iter()
        .map(|l| {
            let nature = match (l.kind, offer.vat_regime) {
                (k, _) if k.is_outside_vat() => format!("{} (hors TVA)", k.label()),
                _ => l.kind.label().to_string(),
            };
            vec![
                l.label.clone(),
                nature,
                l.qty.to_string(),
                format::euros(l.unit_cents),
                format::euros(l.total_cents()),
            ]
        })
        .collect();
    w.table(&columns, &rows);
    totals(w, offer.vat_regime, &offer.totals);
}

fn totals(w: &mut Writer, regime: VatRegime, t: &Totals) {
    w.gap(1.0);
    match regime {
        VatRegime::Normal => {
            w.amount(
                "Total HT (hors carte grise et malus)",
                &format::euros(t.total_ht_cents),
                false,
            );
            w.amount("TVA 20 %", &format::euros(t.total_vat_cents), false);
        }
        VatRegime::Margin => {
            w.amount(
                "Véhicule, options et remises (sans TVA apparente)",
                &format::euros(t.goods_cents),
                false,
            );
            if t.fees_cents > 0 {
                w.amount(
                    "Frais facturés à part, dont TVA 20 %",
                    &format::euros(t.total_vat_cents),
                    false,
                );
            }
        }
    }
    if t.outside_vat_cents > 0 {
        w.amount(
            "Carte grise et malus (non soumis à TVA)",
            &format::euros(t.outside_vat_cents),
            false,
        );
    }
    w.amount("Total TTC", &format::euros(t.total_ttc_cents), true);
    if t.trade_in_cents > 0 {
        w.amount(
            "Reprise de votre véhicule",
            &format::euros(-t.trade_in_cents),
            false,
        );
        w.amount("Net à payer", &format::euros(t.net_cents), true);
    }
    if regime == VatRegime::Margin {
        w.gap(2.0);
        w.paragraph(&format!("{MARGIN_MENTION} (article 297 A du Code général des impôts) : la TVA n'est pas applicable au prix du véhicule, de ses options et de la remise ; seuls les frais facturés à part la portent."), 8.0, false);
    }
}

pub(crate) fn offer(conn: &Connection, o: &Offer, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut w = writer(conn)?;
    w.letterhead(
        "Offre de prix",
        &[
            format!("N° {} — version {}", o.number, o.version),
            format!("Date : {}", created_day(&o.created_at)),
            format!("Valable jusqu'au {}", format::date(&o.valid_until)),
        ],
    );
    w.section("Client");
    w.fields(&customer_rows(conn, o.lead_id)?);
    w.section("Véhicule proposé");
    w.fields(&vehicle_rows(&o.vehicle, true));
    price(&mut w, o);
    if let Some(f) = &o.financing {
        w.section("Financement");
        w.paragraph(f, 9.0, false);
    }
    w.section("Conditions");
    w.paragraph(&format!("Prix TTC, frais de préparation, de transport et de plaques compris lorsqu'ils figurent au détail ci-dessus. Offre valable jusqu'au {} sous réserve de disponibilité du véhicule. Elle ne vaut pas bon de commande.", format::date(&o.valid_until)), 8.5, false);
    w.signatures(&["Le vendeur", "Le client — « Bon pour accord »"]);
    Ok(w.finish(&format!("Offre {} v{}", o.number, o.version), now))
}

/// The 14-day withdrawal right (Code de la consommation, art. L221-18 and following).
const WITHDRAWAL_NOTICE: &str = "Droit de rétractation : ce contrat ayant été conclu hors établissement ou à distance, vous disposez d'un délai de quatorze jours pour vous rétracter sans donner de motif ni payer de pénalité (articles L221-18 et suivants du Code de la consommation). Le délai court à compter du jour de la livraison du véhicule (ou de la conclusion du contrat pour une prestation de services). Pour l'exercer, adressez-nous avant son expiration le formulaire ci-joint ou toute autre déclaration dénuée d'ambiguïté, par courrier ou par e-mail. Nous vous rembourserons tous les paiements reçus, frais de livraison inclus, au plus tard quatorze jours après avoir été informés de votre décision ; vous restituerez le véhicule à vos frais dans le même délai. Votre responsabilité peut être engagée en cas de dépréciation du véhicule résultant de manipulations autres que celles nécessaires pour établir sa nature, ses caractéristiques et son bon fonctionnement.";

const DEFAULT_CGV: &str = "1. Prix : le prix est celui du bon de commande, toutes taxes comprises, au tarif en vigueur le jour de la commande. 2. Livraison : le véhicule est livré au plus tard à la date indiquée ; en cas de dépassement, l'acheteur peut, après une mise en demeure restée sans effet, résoudre la vente par lettre recommandée (article L216-6 du Code de la consommation) et obtenir le remboursement des sommes versées. 3. Propriété : le véhicule reste la propriété du vendeur jusqu'au paiement complet du prix. 4. Garanties : le vendeur reste tenu de la garantie légale de conformité (articles L217-3 et suivants du Code de la consommation) et de la garantie des vices cachés (articles 1641 et suivants du Code civil). 5. Reprise : le véhicule repris est remis dans l'état décrit lors de l'inspection, avec ses documents ; un écart constaté à la livraison peut réviser le prix de reprise. 6. Médiation : en cas de litige, l'acheteur peut recourir gratuitement au médiateur de la consommation dont relève le vendeur.";

pub(crate) fn order(conn: &Connection, d: &Order, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let o = crate::documents::offer::get(conn, d.offer_id)?;
    let identity = crate::org::garage::identity(conn)?;
    let mut w = writer(conn)?;
    w.letterhead(
        "Bon de commande",
        &[
            format!("N° {}", d.number),
            format!("Date : {}", created_day(&d.created_at)),
            format!("Offre {} v{}", o.number, o.version),
        ],
    );
    w.section("Acheteur");
    let b = &d.buyer;
    let mut buyer = vec![("Nom", b.name.clone())];
    if let Some(c) = &b.company {
        buyer.push(("Société", c.clone()));
    }
    buyer.push((
        "Adresse",
        format!("{}, {} {}", b.address, b.postal_code, b.city),
    ));
    if let Some(p) = &b.phone {
        buyer.push(("Téléphone", format::phone(p)));
    }
    if let Some(e) = &b.email {
        buyer.push(("E-mail", e.clone()));
    }
    w.fields(&buyer);
    w.section(if o.vehicle.is_used() {
        "Véhicule d'occasion commandé"
    } else {
        "Véhicule neuf commandé"
    });
    let mut rows = vehicle_rows(&o.vehicle, true);
    let malus: i64 = o
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Malus)
        .map(|l| l.total_cents())
        .sum();
    rows.push((
        "Malus écologique",
        if malus > 0 {
            format::euros(malus)
        } else {
            "Néant".into()
        },
    ));
    w.fields(&rows);
    price(&mut w, &o);
    w.section("Livraison et paiement");
    let balance = d.total_ttc_cents - o.totals.trade_in_cents - d.deposit_cents;
    let deposit_label = match d.deposit_kind {
        DepositKind::Acompte => "Acompte versé à la commande",
        DepositKind::Arrhes => "Arrhes versées à la commande",
    };
    w.fields(&[
        ("Date limite de livraison", format::date(&d.delivery_date)),
        ("Conditions de paiement", d.payment_terms.clone()),
        (deposit_label, format::euros(d.deposit_cents)),
        ("Solde à la livraison", format::euros(balance)),
    ]);
    w.gap(1.5);
    let deposit_text = match d.deposit_kind {
        DepositKind::Acompte => "La somme versée est un acompte : la commande engage définitivement le vendeur et l'acheteur, qui reste redevable du solde ; aucune des parties ne peut se dédire.",
        DepositKind::Arrhes => "La somme versée constitue des arrhes : chacune des parties peut renoncer à la vente, l'acheteur en perdant les arrhes, le vendeur en les restituant au double (article 1590 du Code civil).",
    };
    w.paragraph(deposit_text, 8.0, false);
    if d.off_premises {
        w.section("Droit de rétractation");
        w.paragraph(WITHDRAWAL_NOTICE, 8.0, false);
    }
    w.signatures(&[
        "Le vendeur (cachet et signature)",
        "L'acheteur — précédé de la mention manuscrite « Bon pour commande »",
    ]);
    w.section("Conditions générales de vente");
    let cgv = if identity.cgv.trim().is_empty() {
        DEFAULT_CGV
    } else {
        identity.cgv.as_str()
    };
    w.paragraph(cgv, 7.0, false);
    if d.off_premises {
        withdrawal_form(&mut w, &identity, d);
    }
    Ok(w.finish(&format!("Bon de commande {}", d.number), now))
}

/// The model withdrawal form (annexe à l'article R221-1 du Code de la consommation).
fn withdrawal_form(w: &mut Writer, g: &crate::org::garage::GarageIdentity, d: &Order) {
    w.new_page();
    w.section("Formulaire de rétractation");
    w.paragraph("(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)", 8.5, false);
    w.gap(2.0);
    let to = [
        g.legal_name.as_str(),
        g.address.as_str(),
        &format!("{} {}", g.postal_code, g.city),
        g.email.as_str(),
    ]
    .iter()
    .filter(|s| !s.trim().is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(", ");
    w.paragraph(&format!("À l'attention de {to} :"), 9.0, false);
    w.gap(2.0);
    w.paragraph(&format!("Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien ci-dessous (bon de commande {}) :", d.number), 9.0, false);
    for label in [
        "Commandé le (*) / reçu le (*) :",
        "Nom du (des) consommateur(s) :",
        "Adresse du (des) consommateur(s) :",
        "Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) :",
        "Date :",
    ] {
        w.gap(5.0);
        w.paragraph(label, 9.0, false);
        w.gap(4.0);
        let y = w.y;
        w.rule(y, LEFT, RIGHT);
    }
    w.gap(4.0);
    w.paragraph("(*) Rayez la mention inutile.", 8.0, false);
}
