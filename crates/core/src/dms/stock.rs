//! The garage's stock of new (VN) and used (VO) vehicles, keyed by VIN: imported from the DMS
//! or typed in, searched and filtered by the vendeurs, attached to a lead as its vehicle of
//! interest, and found by intake when a lead names one (VIN, stock reference or plate).

use crate::dms::Upsert;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(Condition { Vn = "VN", Vo = "VO" });
crate::kernel::text_enum!(StockStatus { Disponible = "disponible", Reserve = "reserve", Vendu = "vendu" });

/// What a stock vehicle is, as imported or typed (the comparable part of a row).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StockFields {
    pub vin: String,
    #[ts(optional = nullable)]
    pub reference: Option<String>,
    #[ts(optional = nullable)]
    pub plate: Option<String>,
    pub make: String,
    pub model: String,
    #[ts(optional = nullable)]
    pub version: Option<String>,
    #[ts(optional = nullable)]
    pub energy: Option<String>,
    #[ts(optional = nullable)]
    pub gearbox: Option<String>,
    #[ts(optional = nullable)]
    pub km: Option<i64>,
    /// YYYY-MM-DD.
    #[ts(optional = nullable)]
    pub first_registration: Option<String>,
    #[ts(optional = nullable)]
    pub colour: Option<String>,
    #[ts(optional = nullable)]
    pub price_cents: Option<i64>,
    #[ts(as = "Option<Condition>", optional)]
    pub condition: Option<Condition>,
    #[ts(as = "Option<StockStatus>", optional)]
    pub status: Option<StockStatus>,
    /// YYYY-MM-DD.
    #[ts(optional = nullable)]
    pub entered_on: Option<String>,
    /// As the DMS writes the buyer ("J. Morel").
    #[ts(optional = nullable)]
    pub manager_name: Option<String>,
    #[ts(optional = nullable)]
    pub manager_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StockVehicle {
    pub id: i64,
    #[serde(flatten)]
    pub fields: StockFields,
    /// Days since it entered the stock (None without an entry date).
    pub days_in_stock: Option<i64>,
    /// "import" or "saisie".
    pub origin: String,
    pub updated_at: String,
}

impl StockVehicle {
    pub fn label(&self) -> String {
        let f = &self.fields;
        [
            f.make.as_str(),
            f.model.as_str(),
            f.version.as_deref().unwrap_or(""),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }
}

const COLUMNS: &str = "id, vin, reference, plate, make, model, version, energy, gearbox, km, first_registration, colour,
    price_cents, condition, status, entered_on, manager_name, manager_id, origin, updated_at";

fn fields_from(r: &rusqlite::Row, o: usize) -> rusqlite::Result<StockFields> {
    Ok(StockFields {
        vin: r.get(o)?,
        reference: r.get(o + 1)?,
        plate: r.get(o + 2)?,
        make: r.get(o + 3)?,
        model: r.get(o + 4)?,
        version: r.get(o + 5)?,
        energy: r.get(o + 6)?,
        gearbox: r.get(o + 7)?,
        km: r.get(o + 8)?,
        first_registration: r.get(o + 9)?,
        colour: r.get(o + 10)?,
        price_cents: r.get(o + 11)?,
        condition: r.get(o + 12)?,
        status: r.get(o + 13)?,
        entered_on: r.get(o + 14)?,
        manager_name: r.get(o + 15)?,
        manager_id: r.get(o + 16)?,
    })
}

fn from_row(r: &rusqlite::Row, today: chrono::NaiveDate) -> rusqlite::Result<StockVehicle> {
    let fields = fields_from(r, 1)?;
    let days_in_stock = fields
        .entered_on
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| (today - d).num_days().max(0));
    Ok(StockVehicle {
        id: r.get(0)?,
        fields,
        days_in_stock,
        origin: r.get(18)?,
        updated_at: r.get(19)?,
    })
}

fn today(app: &App) -> chrono::NaiveDate {
    app.now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
}

pub(crate) fn get(conn: &Connection, id: i64, today: chrono::NaiveDate) -> Result<StockVehicle> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM stock WHERE id = ?1"),
        [id],
        |r| from_row(r, today),
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "Véhicule du stock",
    })
}

/// Inserts or updates the vehicle with this VIN (fields already validated).
pub(crate) fn upsert(
    conn: &Connection,
    f: &StockFields,
    origin: &str,
    now: &str,
) -> Result<Upsert> {
    let existing: Option<(i64, StockFields)> = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM stock WHERE vin = ?1"))?
        .query_row([&f.vin], |r| Ok((r.get(0)?, fields_from(r, 1)?)))
        .optional()?;
    let values: [&dyn ToSql; 17] = [
        &f.vin,
        &f.reference,
        &f.plate,
        &f.make,
        &f.model,
        &f.version,
        &f.energy,
        &f.gearbox,
        &f.km,
        &f.first_registration,
        &f.colour,
        &f.price_cents,
        &f.condition.unwrap_or(Condition::Vo),
        &f.status.unwrap_or(StockStatus::Disponible),
        &f.entered_on,
        &f.manager_name,
        &f.manager_id,
    ];
    match existing {
        None => {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO stock(vin, reference, plate, make, model, version, energy, gearbox, km, first_registration, colour,
                   price_cents, condition, status, entered_on, manager_name, manager_id, origin, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?19)",
            )?;
            let mut all: Vec<&dyn ToSql> = values.to_vec();
            all.push(&origin);
            all.push(&now);
            stmt.execute(all.as_slice())?;
            Ok(Upsert::Inserted(conn.last_insert_rowid()))
        }
        Some((id, old)) => {
            let mut stored = f.clone();
            stored.condition = Some(f.condition.unwrap_or(Condition::Vo));
            stored.status = Some(f.status.unwrap_or(StockStatus::Disponible));
            if old == stored {
                return Ok(Upsert::Unchanged(id));
            }
            let mut stmt = conn.prepare_cached(
                "UPDATE stock SET reference = ?2, plate = ?3, make = ?4, model = ?5, version = ?6, energy = ?7, gearbox = ?8,
                   km = ?9, first_registration = ?10, colour = ?11, price_cents = ?12, condition = ?13, status = ?14,
                   entered_on = ?15, manager_name = ?16, manager_id = ?17, updated_at = ?18
                 WHERE vin = ?1",
            )?;
            let mut all: Vec<&dyn ToSql> = values.to_vec();
            all.push(&now);
            stmt.execute(all.as_slice())?;
            Ok(Upsert::Updated(id))
        }
    }
}

/// The user a DMS name designates: "Julien Morel", "J. Morel", "MOREL Julien", "jmorel@…".
pub(crate) struct ManagerDirectory {
    users: Vec<(i64, Vec<String>, String)>,
}

impl ManagerDirectory {
    pub(crate) fn load(conn: &Connection) -> Result<Self> {
        let mut stmt =
            conn.prepare("SELECT id, name, email FROM users WHERE active = 1 ORDER BY id")?;
        let users = stmt
            .query_map([], |r| {
                let name: String = r.get(1)?;
                let email: String = r.get(2)?;
                Ok((r.get(0)?, words(&name), email.to_lowercase()))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ManagerDirectory { users })
    }

    pub(crate) fn find(&self, raw: &str) -> Option<i64> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let lower = raw.to_lowercase();
        let given = words(raw);
        let matches: Vec<i64> = self
            .users
            .iter()
            .filter(|(_, name, email)| *email == lower || same_person(&given, name))
            .map(|(id, _, _)| *id)
            .collect();
        // Two users answering to "J. Martin": nobody rather than the wrong one.
        (matches.len() == 1).then(|| matches[0])
    }
}

fn words(text: &str) -> Vec<String> {
    crate::dms::import::cells::fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Same words in any order, where a one-letter word stands for a first name's initial.
fn same_person(given: &[String], name: &[String]) -> bool {
    if given.is_empty() || given.len() != name.len() {
        return false;
    }
    let mut left: Vec<&String> = name.iter().collect();
    // Full words first, initials after.
    let mut order: Vec<&String> = given.iter().collect();
    order.sort_by_key(|w| w.len() == 1);
    for w in order {
        let found = left
            .iter()
            .position(|n| *n == w || (w.len() == 1 && n.starts_with(w.as_str())));
        match found {
            Some(i) => {
                left.remove(i);
            }
            None => return false,
        }
    }
    true
}

/// The stock vehicle a lead names: by VIN, else stock reference, else plate.
pub(crate) fn find_named(
    conn: &Connection,
    vin: Option<&str>,
    reference: Option<&str>,
    plate: Option<&str>,
) -> Result<Option<(i64, Option<i64>)>> {
    let norm = |s: Option<&str>| {
        s.map(|v| v.trim().to_uppercase().replace([' ', '-'], ""))
            .filter(|v| !v.is_empty())
    };
    let lookups = [
        ("SELECT id, manager_id FROM stock WHERE vin = ?1", norm(vin)),
        (
            "SELECT id, manager_id FROM stock WHERE reference = ?1 COLLATE NOCASE",
            reference
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty()),
        ),
        (
            "SELECT id, manager_id FROM stock WHERE replace(plate, '-', '') = ?1",
            norm(plate),
        ),
    ];
    for (sql, value) in lookups {
        if let Some(value) = value {
            let found = conn
                .prepare_cached(sql)?
                .query_row([value], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
    }
    Ok(None)
}

/// Search and filters of the stock screen (all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StockQuery {
    /// Words of the make, model, version, VIN, plate or reference.
    #[ts(optional = nullable)]
    pub text: Option<String>,
    #[ts(optional = nullable)]
    pub condition: Option<Condition>,
    #[ts(optional = nullable)]
    pub status: Option<StockStatus>,
    #[ts(optional = nullable)]
    pub make: Option<String>,
    #[ts(optional = nullable)]
    pub energy: Option<String>,
    #[ts(optional = nullable)]
    pub max_price_cents: Option<i64>,
    #[ts(optional = nullable)]
    pub max_km: Option<i64>,
    #[ts(optional = nullable)]
    pub manager_id: Option<i64>,
    /// "entered" (oldest entries first: the ones to sell), "price", "km", "make" (default).
    #[ts(optional = nullable)]
    pub sort: Option<String>,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StockPage {
    pub items: Vec<StockVehicle>,
    pub total: u32,
    /// Makes and energies present, for the filters.
    pub makes: Vec<String>,
    pub energies: Vec<String>,
}

fn optional(
    field: &'static str,
    label: &str,
    v: &Option<String>,
    max: usize,
) -> Result<Option<String>> {
    validate::optional_text(field, label, v.as_deref(), max)
}

/// Checks and normalises a vehicle typed in a form or read from a file. Errors name the field.
pub fn clean(input: &StockFields) -> Result<StockFields> {
    let vin = input.vin.trim().to_uppercase().replace([' ', '-'], "");
    if vin.is_empty() {
        return Err(CoreError::invalid("vin", "VIN manquant."));
    }
    validate::vin("vin", &vin)?;
    let make = validate::required_text("make", "Marque", &input.make, MAX_SHORT_TEXT)?;
    let model = validate::required_text("model", "Modèle", &input.model, MAX_SHORT_TEXT)?;
    let (make, model) = crate::leads::referential::normalise(&make, &model);
    let date = |field: &'static str, v: &Option<String>| -> Result<Option<String>> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => crate::dms::import::cells::date(s)
                .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                .map_err(|m| CoreError::invalid(field, format!("{}.", capitalise(&m)))),
        }
    };
    let non_negative = |field: &'static str, label: &str, v: Option<i64>| match v {
        Some(n) if n < 0 => Err(CoreError::invalid(
            field,
            format!("{label} : valeur négative."),
        )),
        _ => Ok(v),
    };
    Ok(StockFields {
        vin,
        reference: optional("reference", "Référence", &input.reference, 40)?,
        plate: optional("plate", "Immatriculation", &input.plate, 20)?.map(|p| p.to_uppercase()),
        make,
        model,
        version: optional("version", "Version", &input.version, MAX_SHORT_TEXT)?,
        energy: optional("energy", "Énergie", &input.energy, 40)?,
        gearbox: optional("gearbox", "Boîte", &input.gearbox, 40)?,
        km: non_negative("km", "Kilométrage", input.km)?,
        first_registration: date("first_registration", &input.first_registration)?,
        colour: optional("colour", "Couleur", &input.colour, 60)?,
        price_cents: non_negative("price_cents", "Prix", input.price_cents)?,
        condition: Some(input.condition.unwrap_or(Condition::Vo)),
        status: Some(input.status.unwrap_or(StockStatus::Disponible)),
        entered_on: date("entered_on", &input.entered_on)?,
        manager_name: optional("manager_name", "Responsable", &input.manager_name, 80)?,
        manager_id: input.manager_id,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StockRef {
    pub id: i64,
}

/// A vehicle typed in the stock screen (`id` None: a new one; its VIN may match an imported one).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StockInput {
    #[ts(optional = nullable)]
    #[serde(default)]
    pub id: Option<i64>,
    pub vehicle: StockFields,
}

/// Attaching a stock vehicle to a lead as its vehicle of interest.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StockAttach {
    pub lead_id: i64,
    pub stock_id: i64,
}

impl App {
    pub fn stock_list(&self, q: StockQuery) -> Result<StockPage> {
        let conn = self.conn()?;
        let mut clauses = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        let mut bind = |clause: &str, v: Box<dyn ToSql>, clauses: &mut Vec<String>| {
            values.push(v);
            clauses.push(clause.replace('?', &format!("?{}", values.len())));
        };
        if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            for word in text.split_whitespace().take(6) {
                let like = format!("%{}%", word.replace(['%', '_'], ""));
                bind(
                    "(make || ' ' || model || ' ' || coalesce(version, '') || ' ' || vin || ' ' || coalesce(plate, '') || ' ' || coalesce(reference, '')) LIKE ?",
                    Box::new(like),
                    &mut clauses,
                );
            }
        }
        if let Some(c) = q.condition {
            bind("condition = ?", Box::new(c), &mut clauses);
        }
        if let Some(s) = q.status {
            bind("status = ?", Box::new(s), &mut clauses);
        }
        if let Some(m) = q.make.clone().filter(|m| !m.is_empty()) {
            bind("make = ?", Box::new(m), &mut clauses);
        }
        if let Some(e) = q.energy.clone().filter(|e| !e.is_empty()) {
            bind("energy = ?", Box::new(e), &mut clauses);
        }
        if let Some(p) = q.max_price_cents {
            bind("price_cents <= ?", Box::new(p), &mut clauses);
        }
        if let Some(k) = q.max_km {
            bind("km <= ?", Box::new(k), &mut clauses);
        }
        if let Some(u) = q.manager_id {
            bind("manager_id = ?", Box::new(u), &mut clauses);
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        let order = match q.sort.as_deref() {
            Some("entered") => "entered_on IS NULL, entered_on, id",
            Some("price") => "price_cents IS NULL, price_cents, id",
            Some("km") => "km IS NULL, km, id",
            _ => "make, model, version, id",
        };
        let params: Vec<&dyn ToSql> = values.iter().map(|b| b.as_ref()).collect();
        let total: u32 = conn.query_row(
            &format!("SELECT count(*) FROM stock {filter}"),
            params.as_slice(),
            |r| r.get(0),
        )?;
        let limit = q.limit.unwrap_or(200).min(1000);
        let offset = q.offset.unwrap_or(0);
        let today = today(self);
        let items = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM stock {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
            ))?
            .query_map(params.as_slice(), |r| from_row(r, today))?
            .collect::<rusqlite::Result<_>>()?;
        let distinct = |column: &str| -> Result<Vec<String>> {
            Ok(conn
                .prepare(&format!(
                    "SELECT DISTINCT {column} FROM stock WHERE {column} IS NOT NULL ORDER BY 1 LIMIT 200"
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        };
        Ok(StockPage {
            items,
            total,
            makes: distinct("make")?,
            energies: distinct("energy")?,
        })
    }

    pub fn stock_get(&self, r: StockRef) -> Result<StockVehicle> {
        let conn = self.conn()?;
        get(&conn, r.id, today(self))
    }

    /// Saves a vehicle typed in the stock screen; a VO that matches alerts notifies their vendeurs.
    pub fn stock_save(&self, input: StockInput) -> Result<StockVehicle> {
        let mut fields = clean(&input.vehicle)?;
        let id = self.write(|tx, ctx| {
            if let Some(id) = input.id {
                let old = get(tx, id, today(self))?;
                if old.fields.vin != fields.vin {
                    return Err(CoreError::invalid(
                        "vin",
                        "Le VIN d'un véhicule ne se modifie pas : ajoutez un autre véhicule.",
                    ));
                }
            }
            if let Some(user) = fields.manager_id {
                crate::org::users::get(tx, user).map_err(|_| {
                    CoreError::invalid("manager_id", "Ce responsable n'existe pas.")
                })?;
            } else if let Some(name) = fields.manager_name.as_deref() {
                fields.manager_id = ManagerDirectory::load(tx)?.find(name);
            }
            let id = match upsert(tx, &fields, "saisie", &ctx.now_text)? {
                Upsert::Inserted(id) | Upsert::Updated(id) | Upsert::Unchanged(id) => id,
            };
            crate::dms::alerts::match_stock(tx, &[id], &ctx.now_text)?;
            Ok(id)
        })?;
        self.stock_get(StockRef { id })
    }

    /// Makes a stock vehicle the lead's vehicle of interest (recorded on its timeline).
    pub fn stock_attach(&self, input: StockAttach) -> Result<crate::leads::lead::Lead> {
        self.write(|tx, ctx| {
            let v = get(tx, input.stock_id, today(self))?;
            crate::leads::lead::get(tx, input.lead_id)?;
            attach(tx, input.lead_id, &v, &ctx.now_text)?;
            crate::leads::timeline::append(
                tx,
                input.lead_id,
                &ctx.now_text,
                ctx.actor,
                crate::leads::timeline::kind::VEHICLE,
                &format!(
                    "Véhicule du stock choisi : {} (VIN {})",
                    v.label(),
                    v.fields.vin
                ),
                None,
            )?;
            Ok(())
        })?;
        let conn = self.conn()?;
        crate::leads::lead::get(&conn, input.lead_id)
    }
}

/// Links a new lead to the stock vehicle it names: its vehicle of interest takes the stock's
/// link and what the request left out (VIN, version, plate, price); the timeline says so.
pub(crate) fn link_lead(conn: &Connection, lead_id: i64, stock_id: i64, now: &str) -> Result<()> {
    let today = crate::kernel::clock::parse(now)
        .unwrap_or_else(chrono::Utc::now)
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let v = get(conn, stock_id, today)?;
    let vehicle: Option<i64> = conn.query_row(
        "SELECT vehicle_id FROM leads WHERE id = ?1",
        [lead_id],
        |r| r.get(0),
    )?;
    match vehicle {
        Some(id) => {
            let f = &v.fields;
            conn.execute(
                "UPDATE vehicles SET stock_id = ?2, vin = coalesce(vin, ?3), version = coalesce(version, ?4), plate = coalesce(plate, ?5),
                   price_cents = coalesce(price_cents, ?6), updated_at = ?7 WHERE id = ?1",
                params![id, v.id, f.vin, f.version, f.plate, f.price_cents, now],
            )?;
        }
        None => attach(conn, lead_id, &v, now)?,
    }
    let manager = match v.fields.manager_id {
        Some(id) => crate::org::users::get(conn, id)
            .map(|u| format!(", responsable {}", u.name))
            .unwrap_or_default(),
        None => String::new(),
    };
    crate::leads::timeline::append(
        conn,
        lead_id,
        now,
        None,
        crate::leads::timeline::kind::VEHICLE,
        &format!(
            "Véhicule du stock reconnu : {} (VIN {}){manager}",
            v.label(),
            v.fields.vin
        ),
        None,
    )?;
    Ok(())
}

/// Sets the lead's vehicle of interest to a copy of the stock vehicle, linked to it.
pub(crate) fn attach(conn: &Connection, lead_id: i64, v: &StockVehicle, now: &str) -> Result<()> {
    let f = &v.fields;
    conn.execute(
        "INSERT INTO vehicles(make, model, version, vin, plate, price_cents, stock_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![f.make, f.model, f.version, f.vin, f.plate, f.price_cents, v.id, now],
    )?;
    let vehicle_id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE leads SET vehicle_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![lead_id, vehicle_id, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dms_names_designate_users() {
        let dir = ManagerDirectory {
            users: vec![
                (1, words("Julien Morel"), "julien@g.fr".into()),
                (2, words("Anne Blanc"), "anne@g.fr".into()),
                (3, words("Sophie Faure"), "s@g.fr".into()),
                (4, words("Simon Faure"), "simon@g.fr".into()),
            ],
        };
        assert_eq!(dir.find("J. Morel"), Some(1));
        assert_eq!(dir.find("MOREL Julien"), Some(1));
        assert_eq!(dir.find("Anne BLANC"), Some(2));
        assert_eq!(dir.find("anne@g.fr"), Some(2));
        assert_eq!(dir.find("S. Faure"), None, "two candidates: nobody");
        assert_eq!(dir.find("Sophie Faure"), Some(3));
        assert_eq!(dir.find("Morel"), None);
        assert_eq!(dir.find(""), None);
    }
}
