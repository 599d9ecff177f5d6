//! One row of each kind of file, read into a record with French reasons for what is refused,
//! then stored (insert, update or unchanged). A cell Carnet cannot use but can do without (an
//! unreadable phone) is dropped with a warning instead of losing the whole row.

use super::cells::{self, CellResult};
use super::mapping::ImportTarget;
use crate::dms::customers::{self, CustomerFields, HistoryKind, HistoryLine};
use crate::dms::stock::{self, Condition, ManagerDirectory, StockFields, StockStatus};
use crate::dms::Upsert;
use crate::kernel::error::Result;
use crate::kernel::validate;
use rusqlite::Connection;

/// The cells of one row, read by field key through the mapping.
pub struct Row<'a> {
    pub target: ImportTarget,
    pub cells: &'a [String],
    pub columns: &'a [Option<usize>],
}

impl<'a> Row<'a> {
    /// The trimmed, non-empty cell of a field.
    fn get(&self, key: &str) -> Option<&'a str> {
        let index = self.target.fields().iter().position(|f| f.key == key)?;
        let column = self.columns.get(index).copied().flatten()?;
        self.cells
            .get(column)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    }

    fn label(&self, key: &str) -> &'static str {
        self.target
            .fields()
            .iter()
            .find(|f| f.key == key)
            .map_or("champ", |f| f.label)
    }

    /// A cell read with `read`; the reason names the column.
    fn read<T>(&self, key: &str, read: impl Fn(&str) -> CellResult<T>) -> CellResult<Option<T>> {
        self.get(key)
            .map(|v| read(v).map_err(|reason| format!("{} : {reason}", self.label(key))))
            .transpose()
    }

    fn text(&self, key: &str, max: usize) -> Option<String> {
        self.get(key).map(|v| v.chars().take(max).collect())
    }

    fn date(&self, key: &str) -> CellResult<Option<String>> {
        Ok(self
            .read(key, cells::date)?
            .map(|d| d.format("%Y-%m-%d").to_string()))
    }
}

/// The outcome of a stored row and what was dropped from it.
pub struct Applied {
    pub outcome: Upsert,
    pub warnings: Vec<String>,
}

/// Validation failures are `Ok(Err(reason))`: the row is rejected, the import goes on.
pub type RowResult = Result<std::result::Result<Applied, String>>;

pub trait RowImporter {
    fn apply(&mut self, conn: &Connection, row: &Row, now: &str) -> RowResult;
    /// The record the row aims at (VIN, customer number…), None when the row cannot say.
    fn key(&self, row: &Row) -> Option<String>;
    /// The stored record the row aims at, as comparable text (None: not stored yet).
    fn stored(&self, conn: &Connection, row: &Row) -> Result<Option<String>>;
    /// After the last row (the stock looks for VO alerts to fire); returns alerts raised.
    fn finish(&mut self, _conn: &Connection, _now: &str) -> Result<u32> {
        Ok(0)
    }
}

/// One stored row as text, without its timestamps.
fn row_text(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Vec<String> = stmt.column_names().map(String::from).collect();
    Ok(stmt
        .query_row(params, |r| {
            let mut text = String::new();
            for (i, name) in names.iter().enumerate() {
                if !name.ends_with("_at") {
                    text.push_str(&format!("{:?}\u{1f}", r.get_ref(i)?));
                }
            }
            Ok(text)
        })
        .optional()?)
}

fn vin_key(raw: &str) -> String {
    raw.trim().to_uppercase().replace([' ', '-'], "")
}

pub fn importer(target: ImportTarget, conn: &Connection) -> Result<Box<dyn RowImporter>> {
    Ok(match target {
        ImportTarget::Stock => Box::new(StockImporter {
            managers: ManagerDirectory::load(conn)?,
            touched_vo: Vec::new(),
        }),
        ImportTarget::Customers => Box::new(CustomerImporter),
        ImportTarget::History => Box::new(HistoryImporter),
    })
}

struct StockImporter {
    managers: ManagerDirectory,
    touched_vo: Vec<i64>,
}

fn condition(text: &str) -> CellResult<Condition> {
    match cells::fold(text).as_str() {
        "vn" | "neuf" | "new" | "n" | "vehicule neuf" | "0 km" | "0km" => Ok(Condition::Vn),
        "vo"
        | "occasion"
        | "used"
        | "o"
        | "vd"
        | "demo"
        | "demonstration"
        | "vehicule d occasion"
        | "vehicule de direction"
        | "vdi"
        | "cpo" => Ok(Condition::Vo),
        _ => Err(format!("« {} » n'est ni VN ni VO", cells::shorten(text))),
    }
}

fn status(text: &str) -> Option<StockStatus> {
    let folded = cells::fold(text);
    match folded.as_str() {
        "disponible" | "dispo" | "en stock" | "stock" | "libre" | "d" | "available"
        | "en vente" => Some(StockStatus::Disponible),
        "reserve" | "reservee" | "option" | "bloque" | "r" | "en commande" | "commande"
        | "reserved" => Some(StockStatus::Reserve),
        "vendu" | "vendue" | "livre" | "facture" | "v" | "sold" => Some(StockStatus::Vendu),
        _ => None,
    }
}

impl StockImporter {
    fn read(&self, row: &Row, warnings: &mut Vec<String>) -> CellResult<StockFields> {
        let vin = row.get("vin").ok_or("VIN manquant")?;
        let make = row.get("make").ok_or("Marque manquante")?;
        let model = row.get("model").ok_or("Modèle manquant")?;
        let condition = row
            .read("condition", condition)?
            .ok_or("Type VN/VO manquant")?;
        let status = row.get("status").map(|s| {
            status(s).unwrap_or_else(|| {
                warnings.push(format!(
                    "statut « {} » inconnu : mis à disponible",
                    cells::shorten(s)
                ));
                StockStatus::Disponible
            })
        });
        let manager_name = row.text("manager", 80);
        let fields = StockFields {
            vin: vin.to_string(),
            reference: row.text("reference", 40),
            plate: row.text("plate", 20),
            make: make.to_string(),
            model: model.to_string(),
            version: row.text("version", validate::MAX_SHORT_TEXT),
            energy: row.text("energy", 40),
            gearbox: row.text("gearbox", 40),
            km: row.read("km", cells::km)?,
            first_registration: row.date("first_registration")?,
            colour: row.text("colour", 60),
            price_cents: row.read("price", cells::cents)?,
            condition: Some(condition),
            status,
            entered_on: row.date("entered_on")?,
            manager_id: manager_name.as_deref().and_then(|n| self.managers.find(n)),
            manager_name,
        };
        stock::clean(&fields).map_err(|e| e.to_string().trim_end_matches('.').to_string())
    }
}

impl RowImporter for StockImporter {
    fn key(&self, row: &Row) -> Option<String> {
        row.get("vin").map(vin_key)
    }

    fn stored(&self, conn: &Connection, row: &Row) -> Result<Option<String>> {
        match self.key(row) {
            Some(vin) => row_text(conn, "SELECT * FROM stock WHERE vin = ?1", [vin]),
            None => Ok(None),
        }
    }

    fn apply(&mut self, conn: &Connection, row: &Row, now: &str) -> RowResult {
        let mut warnings = Vec::new();
        let fields = match self.read(row, &mut warnings) {
            Ok(f) => f,
            Err(reason) => return Ok(Err(reason)),
        };
        let outcome = stock::upsert(conn, &fields, "import", now)?;
        if let Upsert::Inserted(id) | Upsert::Updated(id) = outcome {
            if fields.condition == Some(Condition::Vo) {
                self.touched_vo.push(id);
            }
        }
        Ok(Ok(Applied { outcome, warnings }))
    }

    fn finish(&mut self, conn: &Connection, now: &str) -> Result<u32> {
        self.touched_vo.sort_unstable();
        self.touched_vo.dedup();
        crate::dms::alerts::match_stock(conn, &self.touched_vo, now)
    }
}

struct CustomerImporter;

fn consent(row: &Row, key: &str, warnings: &mut Vec<String>) -> Option<bool> {
    let cell = row.get(key)?;
    match cells::yes_no(cell) {
        Ok(v) => Some(v),
        Err(reason) => {
            warnings.push(format!("{} : {reason}, non repris", row.label(key)));
            None
        }
    }
}

impl CustomerImporter {
    fn read(row: &Row, warnings: &mut Vec<String>) -> CellResult<CustomerFields> {
        let code = row.get("customer_code").ok_or("N° client manquant")?;
        if code.chars().count() > 40 {
            return Err(format!("N° client trop long « {} »", cells::shorten(code)));
        }
        let company = row.text("company", validate::MAX_SHORT_TEXT);
        let last_name = row
            .text("last_name", validate::MAX_SHORT_TEXT)
            .or_else(|| company.clone())
            .ok_or("Nom manquant")?;
        let mut phone_of = |key: &str| {
            let raw = row.get(key)?;
            match validate::phone("phone", raw) {
                Ok(p) => Some(p),
                Err(_) => {
                    warnings.push(format!(
                        "{} illisible « {} » : non repris",
                        row.label(key),
                        cells::shorten(raw)
                    ));
                    None
                }
            }
        };
        let mobile = phone_of("mobile");
        let landline = phone_of("landline");
        let email = match row.get("email") {
            None => None,
            Some(raw) => match validate::email("email", raw) {
                Ok(e) => Some(e),
                Err(_) => {
                    warnings.push(format!(
                        "E-mail illisible « {} » : non repris",
                        cells::shorten(raw)
                    ));
                    None
                }
            },
        };
        Ok(CustomerFields {
            customer_code: code.to_string(),
            civility: row.text("civility", 20),
            first_name: row
                .text("first_name", validate::MAX_SHORT_TEXT)
                .unwrap_or_default(),
            last_name,
            company,
            address: row.text("address", 200),
            postal_code: row.text("postal_code", 10),
            city: row.text("city", validate::MAX_SHORT_TEXT),
            // The phone Carnet calls and matches on: the mobile, else the landline.
            phone: mobile.clone().or_else(|| landline.clone()),
            landline,
            email,
            customer_since: row.date("customer_since")?,
            consent_email: consent(row, "consent_email", warnings),
            consent_sms: consent(row, "consent_sms", warnings),
        })
    }
}

impl RowImporter for CustomerImporter {
    fn key(&self, row: &Row) -> Option<String> {
        row.get("customer_code").map(String::from)
    }

    fn stored(&self, conn: &Connection, row: &Row) -> Result<Option<String>> {
        match self.key(row) {
            Some(code) => row_text(
                conn,
                "SELECT * FROM contacts WHERE customer_code = ?1",
                [code],
            ),
            None => Ok(None),
        }
    }

    fn apply(&mut self, conn: &Connection, row: &Row, now: &str) -> RowResult {
        let mut warnings = Vec::new();
        let fields = match Self::read(row, &mut warnings) {
            Ok(f) => f,
            Err(reason) => return Ok(Err(reason)),
        };
        let outcome = customers::upsert(conn, &fields, now)?;
        Ok(Ok(Applied { outcome, warnings }))
    }
}

struct HistoryImporter;

impl HistoryImporter {
    fn read(row: &Row) -> CellResult<(String, HistoryLine)> {
        let code = row.get("customer_code").ok_or("N° client manquant")?;
        let happened_on = row.date("date")?.ok_or("Date manquante")?;
        let kind_label = row.text("kind", 60).ok_or("Type manquant")?;
        let vin = match row.get("vin") {
            None => None,
            Some(v) => {
                let upper = v.to_uppercase().replace([' ', '-'], "");
                validate::vin("vin", &upper)
                    .map_err(|e| e.to_string().trim_end_matches('.').to_string())?;
                Some(upper)
            }
        };
        Ok((
            code.to_string(),
            HistoryLine {
                happened_on,
                kind: HistoryKind::read(&kind_label),
                kind_label,
                label: row.text("label", 200).unwrap_or_default(),
                vin,
                amount_cents: row.read("amount", cells::hundredths)?,
                km: row.read("km", cells::km)?,
            },
        ))
    }
}

impl RowImporter for HistoryImporter {
    fn key(&self, row: &Row) -> Option<String> {
        let (code, h) = Self::read(row).ok()?;
        Some(format!(
            "{code}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}",
            h.happened_on, h.kind_label, h.label, h.vin
        ))
    }

    fn stored(&self, conn: &Connection, row: &Row) -> Result<Option<String>> {
        let Ok((code, h)) = Self::read(row) else {
            return Ok(None);
        };
        row_text(
            conn,
            "SELECT h.* FROM customer_history h JOIN contacts c ON c.id = h.contact_id
             WHERE c.customer_code = ?1 AND h.happened_on = ?2 AND h.kind_label = ?3 AND h.label = ?4 AND coalesce(h.vin, '') = coalesce(?5, '')",
            rusqlite::params![code, h.happened_on, h.kind_label, h.label, h.vin],
        )
    }

    fn apply(&mut self, conn: &Connection, row: &Row, now: &str) -> RowResult {
        let (code, line) = match Self::read(row) {
            Ok(r) => r,
            Err(reason) => return Ok(Err(reason)),
        };
        let Some(contact) = customers::by_code(conn, &code)? else {
            return Ok(Err(format!(
                "client « {} » inconnu : importez d'abord le fichier clients",
                cells::shorten(&code)
            )));
        };
        let outcome = customers::upsert_history(conn, contact, &line, now)?;
        Ok(Ok(Applied {
            outcome,
            warnings: Vec::new(),
        }))
    }
}
