//! Benchmark of the contact-wide operations: a Bloctel file checked against the whole file
//! (a dry run: the database is left as it was), the duplicates of a contact, the targeting of a
//! phone campaign, the retention preview. It prints figures; it is not a timed test.

use super::bench::{percentiles, time_ms, Percentiles};
use crate::campaigns::{CampaignInput, CampaignTarget};
use crate::dms::customers::ContactRef;
use crate::kernel::app::{App, Empty};
use crate::kernel::error::Result;
use crate::leads::lead::LeadKind;
use crate::privacy::bloctel::BloctelImportInput;
use base64::Engine;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PrivacyBench {
    pub contacts: i64,
    /// Numbers in the Bloctel file checked (a tenth of them the contacts' own).
    pub bloctel_numbers: u32,
    pub bloctel_contacts_listed: u32,
    pub bloctel_import_ms: f64,
    /// « Doublons probables » of one contact (phone, e-mail, name).
    pub duplicates: Percentiles,
    /// Who a campaign on the whole file would call, and who it leaves out.
    pub campaign_preview_ms: f64,
    pub campaign_targets: u32,
    /// The same on one postal prefix.
    pub campaign_preview_prefix_ms: f64,
    /// What the next retention run would anonymise.
    pub retention_preview_ms: f64,
}

pub fn privacy(app: &App, rounds: usize, bloctel_numbers: usize) -> Result<PrivacyBench> {
    let conn = app.conn()?;
    let contacts: i64 = conn.query_row("SELECT count(*) FROM contacts", [], |r| r.get(0))?;
    let own: Vec<String> = conn
        .prepare("SELECT phone FROM contacts WHERE phone LIKE '+33%' AND id % 97 = 3 LIMIT ?1")?
        .query_map([(bloctel_numbers / 10) as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let sample: Vec<i64> = conn
        .prepare("SELECT id FROM contacts WHERE id % 4099 = 7 LIMIT ?1")?
        .query_map([rounds as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(conn);

    let mut file = String::from("Numéro;Date\n");
    for phone in &own {
        file.push_str(&format!("0{};01/11/2026\n", &phone[3..]));
    }
    let mut rng = fastrand::Rng::with_seed(11);
    for _ in own.len()..bloctel_numbers {
        file.push_str(&format!(
            "0{}{:08}\n",
            rng.u8(1..=7),
            rng.u32(..100_000_000)
        ));
    }
    let mut listed = 0;
    let bloctel_import_ms = time_ms(|| {
        let report = app.bloctel_import(BloctelImportInput {
            file_name: "bench.csv".into(),
            base64: base64::engine::general_purpose::STANDARD.encode(&file),
            dry_run: true,
        })?;
        listed = report.contacts_listed;
        Ok(())
    })?;

    let mut duplicates = Vec::new();
    for contact_id in sample {
        duplicates.push(time_ms(|| {
            app.contact_duplicates(ContactRef { contact_id })
                .map(|_| ())
        })?);
    }
    let campaign = |postal_prefix: Option<String>| CampaignInput {
        name: "Bench".into(),
        kind: LeadKind::Vn,
        assignees: Vec::new(),
        target: CampaignTarget {
            postal_prefix,
            ..CampaignTarget::default()
        },
    };
    let mut targets = 0;
    let campaign_preview_ms = time_ms(|| {
        targets = app.campaign_preview(campaign(None))?.targets;
        Ok(())
    })?;
    let campaign_preview_prefix_ms = time_ms(|| {
        app.campaign_preview(campaign(Some("691".into())))
            .map(|_| ())
    })?;
    let retention_preview_ms = time_ms(|| app.retention_preview(Empty {}).map(|_| ()))?;
    Ok(PrivacyBench {
        contacts,
        bloctel_numbers: bloctel_numbers as u32,
        bloctel_contacts_listed: listed,
        bloctel_import_ms,
        duplicates: percentiles(duplicates),
        campaign_preview_ms,
        campaign_targets: targets,
        campaign_preview_prefix_ms,
        retention_preview_ms,
    })
}
