//! The demo's customer file, as a DMS import would leave it — customers with their purchases and
//! workshop visits — then a Bloctel list and a renewal campaign made through the same commands as
//! the window, so that Clients, Campagnes and the Bloctel badges show something true.

use super::demo_data::{CITIES, FIRST_NAMES, LAST_NAMES, VEHICLES};
use crate::campaigns::calls::{CampaignCallLog, CampaignCallsQuery, CampaignOutcome};
use crate::campaigns::{CampaignInput, CampaignTarget};
use crate::dms::customers::{self, CustomerFields, HistoryKind, HistoryLine};
use crate::dms::Upsert;
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::Result;
use crate::leads::lead::LeadKind;
use crate::privacy::bloctel::BloctelImportInput;
use base64::Engine;
use chrono::{Datelike, Duration};

const CUSTOMERS: usize = 120;

/// Seeds the customers; returns how many.
pub(super) fn seed(app: &App, seed: u64) -> Result<u32> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xC0FFEE);
    let now = app.now();
    let now_text = clock::to_text(now);
    let mut phones = Vec::new();
    app.write(|tx, _| {
        for i in 0..CUSTOMERS {
            // The first names alternate men's and women's.
            let first_index = rng.usize(..FIRST_NAMES.len());
            let first = FIRST_NAMES[first_index];
            let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
            let (postal, city) = CITIES[rng.usize(..CITIES.len())];
            // Numbers of their own (07 …), so that they never meet the leads' contacts.
            let phone = format!("+337{:08}", 10_000_000 + i * 7919 % 89_999_999);
            let landline = i
                .is_multiple_of(5)
                .then(|| format!("+334{:08}", 72_000_000 + i));
            let since = now - Duration::days(rng.i64(400..3_600));
            let fields = CustomerFields {
                customer_code: format!("D{:05}", 10_000 + i),
                civility: Some(
                    if first_index.is_multiple_of(2) {
                        "M."
                    } else {
                        "Mme"
                    }
                    .into(),
                ),
                first_name: first.into(),
                last_name: last.into(),
                address: Some(format!("{} rue de la République", 1 + i % 90)),
                postal_code: Some(postal.into()),
                city: Some(city.into()),
                phone: Some(phone.clone()),
                landline: landline.clone(),
                email: Some(format!(
                    "{}.{}.{i}@exemple.fr",
                    super::demo::ascii_lower(first),
                    super::demo::ascii_lower(last)
                )),
                customer_since: Some(since.format("%Y-%m-%d").to_string()),
                consent_email: Some(i.is_multiple_of(3)),
                consent_sms: Some(i.is_multiple_of(4)),
                ..CustomerFields::default()
            };
            let id = match customers::upsert(tx, &fields, &now_text)? {
                Upsert::Inserted(id) | Upsert::Updated(id) | Upsert::Unchanged(id) => id,
            };
            phones.push(landline.unwrap_or(phone));
            let (make, model, version) = VEHICLES[rng.usize(..VEHICLES.len())];
            let vin = format!("VF1DEMO{:010}", 1_000_000 + i);
            let bought = since.date_naive();
            let new = !i.is_multiple_of(3);
            let sale = HistoryLine {
                happened_on: bought.to_string(),
                kind: if new {
                    HistoryKind::VenteVn
                } else {
                    HistoryKind::VenteVo
                },
                kind_label: if new { "VENTE VN" } else { "VENTE VO" }.into(),
                label: format!("{make} {model} {version}"),
                vin: Some(vin.clone()),
                amount_cents: Some(rng.i64(12_000..42_000) * 100),
                km: Some(if new { 10 } else { rng.i64(15_000..90_000) }),
            };
            customers::upsert_history(tx, id, &sale, &now_text)?;
            // A workshop visit a year, for most of them, until a year or two ago for some.
            let last_year = now.year() - i64::from(i.is_multiple_of(4)) as i32 * 2;
            for year in bought.year() + 1..=last_year {
                let Some(day) =
                    chrono::NaiveDate::from_ymd_opt(year, 1 + (i % 12) as u32, 1 + (i % 27) as u32)
                else {
                    continue;
                };
                if day >= now.date_naive() {
                    break;
                }
                let visit = HistoryLine {
                    happened_on: day.to_string(),
                    kind: HistoryKind::Atelier,
                    kind_label: "ATELIER".into(),
                    label: "Révision".into(),
                    vin: Some(vin.clone()),
                    amount_cents: Some(rng.i64(150..900) * 100),
                    km: Some(15_000 * i64::from(year - bought.year())),
                };
                customers::upsert_history(tx, id, &visit, &now_text)?;
            }
        }
        Ok(())
    })?;
    // Bloctel answered for the garage's file ten days ago: a handful of its customers are on it.
    let list: String = phones
        .iter()
        .step_by(17)
        .map(|p| {
            format!(
                "0{};{}\n",
                &p[3..],
                (now - Duration::days(40)).format("%d/%m/%Y")
            )
        })
        .collect();
    app.bloctel_import(BloctelImportInput {
        file_name: "bloctel-retour.csv".into(),
        base64: base64::engine::general_purpose::STANDARD
            .encode(format!("Numéro;Date d'inscription\n{list}")),
        dry_run: false,
    })?;
    renewal_campaign(app, now)?;
    Ok(CUSTOMERS as u32)
}

/// « Renouvellement » of the cars sold three to six years ago, shared by two vendeurs, a few
/// calls already made.
fn renewal_campaign(app: &App, now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    let meta = app.meta(crate::kernel::app::Empty {})?;
    let vendeurs: Vec<i64> = meta
        .users
        .iter()
        .filter(|u| u.role == crate::org::users::Role::Vendeur && u.active)
        .map(|u| u.id)
        .take(2)
        .collect();
    if vendeurs.is_empty() {
        return Ok(());
    }
    let campaign = app.campaign_create(CampaignInput {
        name: "Renouvellement des véhicules de 3 à 6 ans".into(),
        kind: LeadKind::Vn,
        assignees: vendeurs,
        target: CampaignTarget {
            customers_only: true,
            bought_from: Some(
                (now - Duration::days(6 * 365))
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            bought_to: Some(
                (now - Duration::days(3 * 365))
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            ..CampaignTarget::default()
        },
    })?;
    let calls = app.campaign_calls(CampaignCallsQuery {
        campaign_id: campaign.id,
        mine: false,
        to_call: true,
    })?;
    let outcomes = [
        // No « intéressé » here: it would add a lead to the number the demo was asked for.
        (CampaignOutcome::Injoignable, None),
        (
            CampaignOutcome::PasInteresse,
            Some("Garde sa voiture encore deux ans"),
        ),
        (CampaignOutcome::Rappeler, Some("Rappeler samedi matin")),
        (
            CampaignOutcome::NePlusAppeler,
            Some("Ne souhaite plus être appelé"),
        ),
    ];
    for (call, (outcome, note)) in calls.iter().zip(outcomes) {
        // Each call is logged by the vendeur it was given to.
        let caller = meta
            .users
            .iter()
            .find(|u| Some(&u.name) == call.assignee.as_ref())
            .map(|u| u.id);
        app.acting_as(caller).campaign_call_log(CampaignCallLog {
            id: call.id,
            outcome,
            note: note.map(String::from),
        })?;
    }
    Ok(())
}
