//! The garage's legal identity, printed on every offer and bon de commande: raison sociale,
//! forme juridique, capital, SIREN/SIRET, RCS, n° TVA intracommunautaire, address, contacts,
//! logo and CGV. Kept in the settings (the logo in its own table), changes journalled.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings::{self, Setting};
use crate::kernel::validate::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::org::audit;
use base64::Engine;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GarageIdentity {
    /// Raison sociale.
    pub legal_name: String,
    /// SARL, SAS, EURL, SA, EI…
    pub legal_form: String,
    /// Share capital in euros, as printed ("10 000").
    pub capital: String,
    /// SIRET (14 digits); the SIREN is its first 9.
    pub siret: String,
    /// City of the RCS registration ("RCS Lyon").
    pub rcs_city: String,
    /// N° TVA intracommunautaire (FR + 2 + SIREN).
    pub vat_number: String,
    pub address: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// Conditions générales de vente, printed on the bon de commande.
    pub cgv: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Garage {
    pub identity: GarageIdentity,
    /// The SIREN derived from the SIRET.
    pub siren: String,
    pub has_logo: bool,
    /// Every field a document needs is filled.
    pub complete: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LogoInput {
    /// The image file, base64; null removes the logo.
    pub base64: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Logo {
    pub mime: String,
    pub base64: String,
}

pub(crate) const IDENTITY: Setting<Option<GarageIdentity>> = Setting::new("garage_identity", None);
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// Luhn checksum, as used by SIREN and SIRET numbers.
fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.chars().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else {
            return false;
        };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

fn digits_only(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect()
}

/// A SIRET: 14 digits with a valid Luhn key, as is its SIREN (La Poste's SIRETs use another
/// rule: the sum of their digits is a multiple of 5).
pub fn check_siret(raw: &str) -> Result<String> {
    let siret = digits_only(raw);
    let bad = |m: &str| Err(CoreError::invalid("siret", m.to_string()));
    if siret.len() != 14 || !siret.chars().all(|c| c.is_ascii_digit()) {
        return bad("SIRET : 14 chiffres (SIREN de 9 chiffres + NIC de 5 chiffres).");
    }
    let la_poste = siret.starts_with("356000000")
        && siret.chars().filter_map(|c| c.to_digit(10)).sum::<u32>() % 5 == 0;
    if !(la_poste || (luhn(&siret[..9]) && luhn(&siret))) {
        return bad(
            "SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez les chiffres.",
        );
    }
    Ok(siret)
}

/// The French intra-community VAT number of a SIREN: FR + key + SIREN, key = (12 + 3 × (SIREN
/// mod 97)) mod 97. Other EU numbers: two letters and 2 to 13 characters.
pub fn check_vat(raw: &str, siren: Option<&str>) -> Result<String> {
    let vat: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase();
    let bad = |m: String| Err(CoreError::invalid("vat_number", m));
    if let Some(rest) = vat.strip_prefix("FR") {
        if rest.len() != 11 || !rest.chars().all(|c| c.is_ascii_digit()) {
            return bad("N° TVA : FR suivi de 11 chiffres (clé + SIREN).".into());
        }
        let (key, number) = rest.split_at(2);
        let n: u64 = number.parse().unwrap_or(0);
        let want = (12 + 3 * (n % 97)) % 97;
        if key.parse::<u64>().ok() != Some(want) {
            return bad("N° TVA invalide : la clé ne correspond pas au SIREN.".into());
        }
        if siren.is_some_and(|s| s != number) {
            return bad(format!(
                "Le n° TVA ne correspond pas au SIREN {}.",
                siren.unwrap_or_default()
            ));
        }
        return Ok(vat);
    }
    let ok = vat.len() >= 4 && vat.len() <= 15 && vat[..2].chars().all(|c| c.is_ascii_uppercase());
    if !ok {
        return bad("N° TVA intracommunautaire invalide (ex. FR32123456789).".into());
    }
    Ok(vat)
}

/// A French postal code: 5 digits, département 01 to 98 (Corsica 20, overseas 97, Monaco 98).
pub fn check_postal_code(field: &'static str, raw: &str) -> Result<String> {
    let code = raw.trim();
    let ok = code.len() == 5
        && code.chars().all(|c| c.is_ascii_digit())
        && ("01000".."99000").contains(&code);
    if ok {
        Ok(code.to_string())
    } else {
        Err(CoreError::invalid(
            field,
            "Code postal : 5 chiffres (ex. 69007).",
        ))
    }
}

/// Validates and normalises every field; empty optional fields stay empty.
pub fn clean(input: &GarageIdentity) -> Result<GarageIdentity> {
    let text = |field, label, v: &str| validate::required_text(field, label, v, MAX_SHORT_TEXT);
    let opt = |field, label, v: &str| {
        Ok::<_, CoreError>(
            validate::optional_text(field, label, Some(v), MAX_SHORT_TEXT)?.unwrap_or_default(),
        )
    };
    let siret = check_siret(&input.siret)?;
    let vat_number = if input.vat_number.trim().is_empty() {
        String::new()
    } else {
        check_vat(&input.vat_number, Some(&siret[..9]))?
    };
    let email = if input.email.trim().is_empty() {
        String::new()
    } else {
        validate::email("email", &input.email)?
    };
    let phone = validate::optional_phone("phone", Some(&input.phone))?.unwrap_or_default();
    let capital = opt("capital", "Capital", &input.capital)?;
    if !capital
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || c == ',' || c == '.')
    {
        return Err(CoreError::invalid(
            "capital",
            "Capital : un montant en euros (ex. 50 000).",
        ));
    }
    let website = opt("website", "Site web", &input.website)?;
    if !website.is_empty() && (website.contains(char::is_whitespace) || !website.contains('.')) {
        return Err(CoreError::invalid(
            "website",
            "Site web : une adresse comme www.garage.fr.",
        ));
    }
    Ok(GarageIdentity {
        legal_name: text("legal_name", "Raison sociale", &input.legal_name)?,
        legal_form: text("legal_form", "Forme juridique", &input.legal_form)?,
        capital,
        siret,
        rcs_city: text("rcs_city", "Ville du RCS", &input.rcs_city)?,
        vat_number,
        address: text("address", "Adresse", &input.address)?,
        postal_code: check_postal_code("postal_code", &input.postal_code)?,
        city: text("city", "Ville", &input.city)?,
        phone,
        email,
        website,
        cgv: validate::optional_text("cgv", "CGV", Some(&input.cgv), MAX_LONG_TEXT * 5)?
            .unwrap_or_default(),
    })
}

/// The stored identity (empty fields when the garage has not filled it in).
pub fn identity(conn: &Connection) -> Result<GarageIdentity> {
    Ok(settings::get(conn, &IDENTITY)?.unwrap_or_default())
}

pub(crate) fn save_identity(
    conn: &Connection,
    ctx: &crate::kernel::app::Ctx,
    clean: &GarageIdentity,
) -> Result<()> {
    let before = identity(conn)?;
    settings::set(conn, &IDENTITY, &Some(clean.clone()))?;
    audit::record_change(
        conn,
        ctx,
        audit::kind::GARAGE,
        "Identité du garage modifiée",
        &before,
        clean,
    )
}

/// The image type of a logo from its first bytes: PNG or JPEG only (no SVG: it can hold script).
fn image_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// The logo's bytes, when the garage has one (for documents).
pub fn logo(conn: &Connection) -> Result<Option<(String, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT mime, bytes FROM garage_logo WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

fn garage(conn: &Connection) -> Result<Garage> {
    let identity = identity(conn)?;
    let complete = clean(&identity).is_ok();
    Ok(Garage {
        siren: identity.siret.chars().take(9).collect(),
        has_logo: logo(conn)?.is_some(),
        complete,
        identity,
    })
}

impl App {
    pub fn garage_get(&self, _: Empty) -> Result<Garage> {
        garage(&*self.conn()?)
    }

    pub fn garage_set(&self, input: GarageIdentity) -> Result<Garage> {
        let clean = clean(&input)?;
        self.write(|tx, ctx| {
            save_identity(tx, ctx, &clean)?;
            garage(tx)
        })
    }

    pub fn garage_logo(&self, _: Empty) -> Result<Option<Logo>> {
        let conn = self.conn()?;
        Ok(logo(&conn)?.map(|(mime, bytes)| Logo {
            mime,
            base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        }))
    }

    pub fn garage_logo_set(&self, input: LogoInput) -> Result<Garage> {
        let bytes = match input.base64.as_deref() {
            None => None,
            Some(b64) => {
                // Base64 is 4/3 of the bytes: refuse before decoding a huge string.
                if b64.len() > MAX_LOGO_BYTES / 3 * 4 + 4 {
                    return Err(CoreError::invalid(
                        "logo",
                        "Logo trop lourd : 2 Mo au plus. Réduisez l'image (PNG ou JPEG).",
                    ));
                }
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map_err(|_| {
                        CoreError::invalid(
                            "logo",
                            "Fichier illisible : choisissez une image PNG ou JPEG.",
                        )
                    })?;
                if bytes.len() > MAX_LOGO_BYTES {
                    return Err(CoreError::invalid(
                        "logo",
                        "Logo trop lourd : 2 Mo au plus. Réduisez l'image (PNG ou JPEG).",
                    ));
                }
                Some(bytes)
            }
        };
        let mime = match &bytes {
            Some(b) => Some(image_mime(b).ok_or_else(|| {
                CoreError::invalid("logo", "Ce fichier n'est pas une image PNG ou JPEG.")
            })?),
            None => None,
        };
        // The logo is printed on every document: it must decode, not only look like an image.
        if let Some(b) = &bytes {
            printpdf::RawImage::decode_from_bytes(b, &mut Vec::new()).map_err(|e| {
                tracing::info!(error = %e, "logo refused");
                CoreError::invalid(
                    "logo",
                    "Cette image est illisible (fichier abîmé ou incomplet) : choisissez une autre image PNG ou JPEG.",
                )
            })?;
        }
        self.write(|tx, ctx| {
            match (&bytes, mime) {
                (Some(b), Some(m)) => {
                    tx.execute(
                        "INSERT INTO garage_logo(id, mime, bytes, updated_at) VALUES (1, ?1, ?2, ?3)
                         ON CONFLICT(id) DO UPDATE SET mime = excluded.mime, bytes = excluded.bytes, updated_at = excluded.updated_at",
                        params![m, b, ctx.now_text],
                    )?;
                    let text = format!("Logo du garage remplacé ({m}, {} Ko)", b.len().div_ceil(1024));
                    audit::record(tx, ctx, audit::kind::GARAGE, &text, None, None)?;
                }
                _ => {
                    tx.execute("DELETE FROM garage_logo", [])?;
                    audit::record(tx, ctx, audit::kind::GARAGE, "Logo du garage retiré", None, None)?;
                }
            }
            garage(tx)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_and_vat_numbers_are_checked() {
        assert_eq!(check_siret("120 027 016 00019").unwrap(), "12002701600019");
        assert!(check_siret("12002701600014").is_err(), "wrong key");
        assert!(check_siret("1200270160001").is_err(), "13 digits");
        assert!(check_siret("12002701600A13").is_err());
        assert!(check_siret("35600000000092").is_ok(), "La Poste");
        assert_eq!(
            check_vat("fr 85 120027016", Some("120027016")).unwrap(),
            "FR85120027016"
        );
        assert!(check_vat("FR84120027016", None).is_err(), "wrong key");
        assert!(
            check_vat("FR85120027016", Some("732829320")).is_err(),
            "another SIREN"
        );
        assert!(check_vat("BE0123456789", None).is_ok());
        assert!(check_vat("123", None).is_err());
        assert!(check_postal_code("p", "69007").is_ok());
        assert!(check_postal_code("p", "6900").is_err());
        assert!(check_postal_code("p", "00123").is_err());
    }

    #[test]
    fn logos_are_png_or_jpeg() {
        assert_eq!(image_mime(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_mime(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_mime(b"<svg onload=alert(1)>"), None);
        assert_eq!(image_mime(b"GIF89a"), None);
    }
}
