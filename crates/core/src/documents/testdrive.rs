//! Test drives (essais routiers): a car, a time slot booked in the agenda (an `essai` task for
//! the vendeur; two bookings of the same car may not overlap), the driver and their licence,
//! km and fuel out and back, damages noted; the "fiche d'essai" to sign.

use super::vehicle::DealVehicle;
use crate::followup::tasks::{self, TaskKind};
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::leads::lead::{self, LeadStage};
use crate::leads::timeline;
use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Driver {
    pub name: String,
    pub licence_number: String,
    /// Date the licence was issued, `YYYY-MM-DD`.
    pub licence_date: String,
    #[ts(optional = nullable)]
    pub address: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TestDriveInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    pub lead_id: i64,
    pub vehicle: DealVehicle,
    /// RFC 3339.
    pub starts_at: String,
    /// 30 minutes when omitted.
    #[serde(default)]
    #[ts(optional)]
    pub duration_min: Option<u32>,
    pub driver: Driver,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub km_out: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub km_in: Option<i64>,
    /// Fuel or charge level as noted ("1/2", "80 %").
    #[serde(default)]
    #[ts(optional = nullable)]
    pub fuel_out: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub fuel_in: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub damages: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TestDrive {
    pub id: i64,
    pub lead_id: i64,
    pub lead_code: String,
    pub vehicle: DealVehicle,
    pub starts_at: String,
    pub ends_at: String,
    pub driver: Driver,
    pub km_out: Option<i64>,
    pub km_in: Option<i64>,
    pub fuel_out: Option<String>,
    pub fuel_in: Option<String>,
    pub damages: Option<String>,
    pub task_id: Option<i64>,
    pub created_by: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TestDriveRef {
    pub id: i64,
}

const SELECT: &str = "SELECT t.id, t.lead_id, l.code, t.vehicle, t.starts_at, t.ends_at, t.driver, t.km_out, t.km_in,
        t.fuel_out, t.fuel_in, t.damages, t.task_id, u.name, t.created_at
    FROM testdrives t JOIN leads l ON l.id = t.lead_id LEFT JOIN users u ON u.id = t.created_by";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<TestDrive> {
    let vehicle: String = r.get(3)?;
    let driver: String = r.get(6)?;
    Ok(TestDrive {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        lead_code: r.get(2)?,
        vehicle: serde_json::from_str(&vehicle).unwrap_or_default(),
        starts_at: r.get(4)?,
        ends_at: r.get(5)?,
        driver: serde_json::from_str(&driver).unwrap_or_default(),
        km_out: r.get(7)?,
        km_in: r.get(8)?,
        fuel_out: r.get(9)?,
        fuel_in: r.get(10)?,
        damages: r.get(11)?,
        task_id: r.get(12)?,
        created_by: r.get(13)?,
        created_at: r.get(14)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<TestDrive> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Essai" })
}

pub(crate) fn for_lead(conn: &Connection, lead_id: i64) -> Result<Vec<TestDrive>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE t.lead_id = ?1 AND t.cancelled_at IS NULL ORDER BY t.starts_at DESC"
        ))?
        .query_map([lead_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn lead_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT lead_id FROM testdrives WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// What two bookings of the same car share: its plate, else its VIN, else make, model, version.
fn vehicle_key(v: &DealVehicle) -> String {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    match (&v.plate, &v.vin) {
        (Some(p), _) => format!("plate:{}", squash(p)),
        (None, Some(vin)) => format!("vin:{}", squash(vin)),
        _ => format!(
            "model:{}|{}|{}",
            squash(&v.make),
            squash(&v.model),
            squash(v.version.as_deref().unwrap_or(""))
        ),
    }
}

/// The vendeur's agenda speaks of the task's `due_at`; this form's field is `starts_at`.
fn on_start_field(e: CoreError) -> CoreError {
    match e {
        CoreError::Invalid { message, .. } => CoreError::invalid("starts_at", message),
        other => other,
    }
}

fn km(field: &'static str, v: Option<i64>) -> Result<Option<i64>> {
    match v {
        Some(k) if !(0..=2_000_000).contains(&k) => {
            Err(CoreError::invalid(field, "Kilométrage invalide."))
        }
        other => Ok(other),
    }
}

impl Driver {
    fn clean(&self) -> Result<Driver> {
        let licence_date = self.licence_date.trim();
        if !licence_date.is_empty()
            && chrono::NaiveDate::parse_from_str(licence_date, "%Y-%m-%d").is_err()
        {
            return Err(CoreError::invalid(
                "driver.licence_date",
                "Date du permis invalide (AAAA-MM-JJ).",
            ));
        }
        Ok(Driver {
            name: validate::required_text("driver.name", "Conducteur", &self.name, MAX_SHORT_TEXT)?,
            licence_number: validate::optional_text(
                "driver.licence_number",
                "N° de permis",
                Some(&self.licence_number),
                40,
            )?
            .unwrap_or_default(),
            licence_date: licence_date.to_string(),
            address: validate::optional_text(
                "driver.address",
                "Adresse",
                self.address.as_deref(),
                MAX_SHORT_TEXT,
            )?,
        })
    }
}

impl App {
    pub fn testdrive_save(&self, input: TestDriveInput) -> Result<TestDrive> {
        let vehicle = input.vehicle.clean()?;
        let driver = input.driver.clean()?;
        let start = tasks::parse_due(&input.starts_at)
            .map_err(|_| CoreError::invalid("starts_at", "Date et heure de l'essai invalides."))?;
        let minutes = input.duration_min.unwrap_or(30);
        if !(10..=480).contains(&minutes) {
            return Err(CoreError::invalid(
                "duration_min",
                "Un essai dure de 10 minutes à 8 heures.",
            ));
        }
        let end = start + Duration::minutes(i64::from(minutes));
        let (km_out, km_in) = (km("km_out", input.km_out)?, km("km_in", input.km_in)?);
        if let (Some(o), Some(i)) = (km_out, km_in) {
            if i < o {
                return Err(CoreError::invalid(
                    "km_in",
                    "Le kilométrage au retour est inférieur à celui du départ.",
                ));
            }
        }
        let short = |field, label, v: Option<&str>| validate::optional_text(field, label, v, 40);
        let fuel_out = short("fuel_out", "Carburant au départ", input.fuel_out.as_deref())?;
        let fuel_in = short("fuel_in", "Carburant au retour", input.fuel_in.as_deref())?;
        let damages = validate::optional_text(
            "damages",
            "Dommages constatés",
            input.damages.as_deref(),
            MAX_LONG_TEXT,
        )?;
        let key = vehicle_key(&vehicle);
        let (start_text, end_text) = (clock::to_text(start), clock::to_text(end));
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            let old = input.id.map(|id| get(tx, id)).transpose()?;
            if let Some(o) = &old {
                if o.lead_id != lead.id {
                    return Err(CoreError::invalid("id", "Cet essai appartient à un autre lead."));
                }
            }
            let moved = old.as_ref().is_none_or(|o| o.starts_at != start_text || o.ends_at != end_text || super::json(&o.vehicle) != super::json(&vehicle));
            let except = input.id.unwrap_or(0);
            if moved {
                let clash: Option<(String, String)> = tx
                    .query_row(
                        "SELECT t.starts_at, l.code FROM testdrives t JOIN leads l ON l.id = t.lead_id
                         WHERE t.vehicle_key = ?1 AND t.cancelled_at IS NULL AND t.id <> ?4 AND t.starts_at < ?3 AND t.ends_at > ?2 LIMIT 1",
                        params![key, start_text, end_text, except],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                if let Some((at, code)) = clash {
                    let at = clock::parse(&at).map(super::format::date_time).unwrap_or(at);
                    return Err(CoreError::invalid("starts_at", format!(
                        "Ce véhicule est déjà réservé pour un essai le {at} (lead {code}) : choisissez un autre créneau ou un autre véhicule.")));
                }
            }
            let assignee_id = lead.owner_id.or(ctx.actor);
            let task_id = match (old.as_ref().and_then(|o| o.task_id), assignee_id) {
                (Some(task), _) if moved => {
                    let t = tasks::get(tx, task)?;
                    let user = crate::org::users::get(tx, t.assignee_id)?;
                    tasks::check_slot(tx, TaskKind::Essai, &user, start, minutes, task, ctx.now)
                        .map_err(on_start_field)?;
                    tx.execute("UPDATE tasks SET due_at = ?2, duration_min = ?3, updated_at = ?4 WHERE id = ?1",
                        params![task, start_text, minutes, ctx.now_text])?;
                    Some(task)
                }
                (Some(task), _) => Some(task),
                (None, Some(user)) => {
                    let user = crate::org::users::get(tx, user)?;
                    tasks::check_slot(tx, TaskKind::Essai, &user, start, minutes, 0, ctx.now)
                        .map_err(on_start_field)?;
                    tx.execute(
                        "INSERT INTO tasks(lead_id, kind, title, due_at, duration_min, assignee_id, created_by, created_at, updated_at)
                         VALUES (?1, 'essai', ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                        params![lead.id, format!("Essai {} — {}", vehicle.title(), lead.contact.display_name()), start_text, minutes, user.id, ctx.actor, ctx.now_text],
                    )?;
                    Some(tx.last_insert_rowid())
                }
                (None, None) => None,
            };
            let (vehicle_json, driver_json) = (super::json(&vehicle), super::json(&driver));
            let id = match input.id {
                Some(id) => {
                    tx.execute(
                        "UPDATE testdrives SET vehicle = ?2, vehicle_key = ?3, starts_at = ?4, ends_at = ?5, driver = ?6, km_out = ?7, km_in = ?8,
                                fuel_out = ?9, fuel_in = ?10, damages = ?11, task_id = ?12, updated_at = ?13 WHERE id = ?1",
                        params![id, vehicle_json, key, start_text, end_text, driver_json, km_out, km_in, fuel_out, fuel_in, damages, task_id, ctx.now_text],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO testdrives(lead_id, vehicle, vehicle_key, starts_at, ends_at, driver, km_out, km_in, fuel_out, fuel_in, damages, task_id, created_by, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                        params![lead.id, vehicle_json, key, start_text, end_text, driver_json, km_out, km_in, fuel_out, fuel_in, damages, task_id, ctx.actor, ctx.now_text],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            let text = if old.is_some() {
                format!("Essai mis à jour : {} le {}", vehicle.title(), super::format::date_time(start))
            } else {
                format!("Essai planifié : {} le {} ({})", vehicle.title(), super::format::date_time(start), driver.name)
            };
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, timeline::kind::TESTDRIVE, &text,
                Some(&serde_json::json!({"testdrive_id": id})))?;
            super::offer::advance_stage(tx, ctx, lead.id, LeadStage::Essai)?;
            get(tx, id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_car_is_recognised_by_plate_then_vin_then_model() {
        let mut v = DealVehicle {
            make: "Peugeot".into(),
            model: "208".into(),
            ..Default::default()
        };
        assert_eq!(vehicle_key(&v), "model:peugeot|208|");
        v.vin = Some("VF3ABCDEFGH123456".into());
        assert_eq!(vehicle_key(&v), "vin:vf3abcdefgh123456");
        v.plate = Some("AB-123-CD".into());
        assert_eq!(vehicle_key(&v), "plate:ab123cd");
    }
}
