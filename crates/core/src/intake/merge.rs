//! A request that reaches a contact's open lead is merged into it without losing what it brings:
//! the timeline shows the new request (vehicle, trade-in, message), the lead gains the trade-in
//! and the vehicle details it lacked, the contact the ways to reach them it lacked, and a new
//! opt-in is recorded on the contact.

use super::parse::ParsedLead;
use super::reading::ReadContact;
use crate::kernel::error::Result;
use crate::kernel::format;
use crate::kernel::validate;
use crate::leads::consent::{self, ConsentChannel};
use crate::leads::timeline::{self, kind};
use crate::leads::vehicle::{self, VehicleInput};
use rusqlite::{params, Connection};

/// How a vehicle reads on a timeline: "Peugeot 3008 Allure · 2021 · 45 000 km · 22 900,00 €".
pub(crate) fn describe(v: &VehicleInput) -> String {
    let mut parts = vec![[
        v.make.as_str(),
        v.model.as_str(),
        v.version.as_deref().unwrap_or(""),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ")];
    parts.extend(v.year.map(|y| y.to_string()));
    parts.extend(v.km.map(format::km));
    parts.extend(v.energy.clone());
    parts.extend(v.price_cents.map(|p| match v.currency.as_deref() {
        Some(c) if c != "EUR" => format!("{} {c}", format::euros(p).trim_end_matches(" €")),
        _ => format::euros(p),
    }));
    parts.extend(v.vin.as_ref().map(|vin| format!("VIN {vin}")));
    parts.retain(|p| !p.is_empty());
    parts.join(" · ")
}

/// The further vehicles of a request, listed on one line (the first 20).
pub(crate) fn describe_others(others: &[VehicleInput]) -> Option<String> {
    if others.is_empty() {
        return None;
    }
    let listed: Vec<String> = others.iter().take(20).map(describe).collect();
    let more = others.len().saturating_sub(20);
    let tail = if more > 0 {
        format!(" et {more} autres")
    } else {
        String::new()
    };
    Some(format!(
        "Autres véhicules demandés ({}) : {}{tail}",
        others.len(),
        listed.join(" ; ")
    ))
}

pub(crate) fn into_open_lead(
    conn: &Connection,
    lead_id: i64,
    contact_id: i64,
    parsed: &ParsedLead,
    read: &ReadContact,
    now: &str,
) -> Result<()> {
    let (vehicle_id, owned_id): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT vehicle_id, owned_vehicle_id FROM leads WHERE id = ?1",
        [lead_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut lines = vec![format!("Nouvelle demande reçue ({})", parsed.source)];
    // A value the store would refuse (a VIN of the wrong length…) is left out, not the request.
    let vehicle = parsed
        .vehicle
        .as_ref()
        .and_then(|v| v.clean("vehicle").ok().flatten());
    if let Some(v) = &vehicle {
        lines.push(format!("Véhicule : {}", describe(v)));
        match vehicle_id {
            Some(id) => vehicle::complete(conn, id, v, now)?,
            None => {
                let id = vehicle::insert(conn, v, now)?;
                conn.execute(
                    "UPDATE leads SET vehicle_id = ?2 WHERE id = ?1",
                    params![lead_id, id],
                )?;
            }
        }
    }
    let trade_in = parsed
        .trade_in
        .as_ref()
        .and_then(|v| v.clean("owned").ok().flatten());
    if let Some(t) = &trade_in {
        match owned_id {
            None => {
                let id = vehicle::insert(conn, t, now)?;
                conn.execute(
                    "UPDATE leads SET owned_vehicle_id = ?2 WHERE id = ?1",
                    params![lead_id, id],
                )?;
                lines.push(format!("Reprise (ajoutée au lead) : {}", describe(t)));
            }
            Some(_) => lines.push(format!("Reprise proposée : {}", describe(t))),
        }
    }
    lines.extend(describe_others(&parsed.other_vehicles));
    if let Some(m) = parsed.message.as_deref().filter(|m| !m.trim().is_empty()) {
        lines.push(format!(
            "Message : {}",
            m.chars().take(validate::MAX_LONG_TEXT).collect::<String>()
        ));
    }
    let data = serde_json::json!({
        "source": parsed.source,
        "vehicle": vehicle,
        "trade_in": trade_in,
        "other_vehicles": parsed.other_vehicles.len(),
        "message": parsed.message,
    });
    timeline::append(
        conn,
        lead_id,
        now,
        None,
        kind::INBOUND,
        &lines.join("\n"),
        Some(&data),
    )?;
    complete_contact(conn, contact_id, read, now)?;
    // A new opt-in is recorded (dated now, latest choice); a request without one withdraws nothing.
    for (channel, given) in [
        (ConsentChannel::Email, read.contact.consent_email),
        (ConsentChannel::Sms, read.contact.consent_sms),
    ] {
        if given {
            consent::record(
                conn,
                contact_id,
                channel,
                true,
                &parsed.source,
                now,
                Some(lead_id),
                None,
            )?;
        }
    }
    for alert in &read.alerts {
        timeline::append(conn, lead_id, now, None, kind::ALERT, alert, None)?;
    }
    Ok(())
}

/// Fills the ways to reach the contact it did not have yet (never overwrites one).
fn complete_contact(
    conn: &Connection,
    contact_id: i64,
    read: &ReadContact,
    now: &str,
) -> Result<()> {
    let c = &read.contact;
    let phone_ok = !c.to_check.contains(&"phone");
    conn.execute(
        "UPDATE contacts SET phone = coalesce(phone, ?2), email = coalesce(email, ?3),
                postal_code = coalesce(postal_code, ?4), city = coalesce(city, ?5), address = coalesce(address, ?6),
                country = CASE WHEN postal_code IS NULL THEN coalesce(country, ?7) ELSE country END,
                company = coalesce(company, ?8), updated_at = ?9
         WHERE id = ?1",
        params![
            contact_id,
            c.phone.as_ref().filter(|_| phone_ok),
            c.email,
            c.postal_code.as_ref().filter(|_| !c.to_check.contains(&"postal_code")),
            c.city,
            c.address,
            c.country,
            c.company,
            now
        ],
    )?;
    Ok(())
}
