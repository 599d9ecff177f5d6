//! Which column of the file holds which field: recognised from the headers by their usual
//! names in French DMS exports (accents, case and punctuation ignored), corrected by the user and
//! saved as a named profile for the next file of the same DMS.

use super::cells::fold;
use crate::kernel::error::{CoreError, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

crate::kernel::text_enum!(
    /// What a file holds.
    ImportTarget {
        Stock = "stock",
        Customers = "customers",
        History = "history",
    }
);

impl ImportTarget {
    pub fn label(self) -> &'static str {
        match self {
            ImportTarget::Stock => "stock de véhicules",
            ImportTarget::Customers => "fichier clients",
            ImportTarget::History => "historique clients",
        }
    }

    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            ImportTarget::Stock => STOCK,
            ImportTarget::Customers => CUSTOMERS,
            ImportTarget::History => HISTORY,
        }
    }
}

/// A field Carnet reads, with the column names DMS use for it (folded: see `cells::fold`).
#[derive(Debug)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub required: bool,
    pub synonyms: &'static [&'static str],
}

const fn f(
    key: &'static str,
    label: &'static str,
    required: bool,
    synonyms: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        key,
        label,
        required,
        synonyms,
    }
}

const STOCK: &[FieldSpec] = &[
    f(
        "vin",
        "VIN",
        true,
        &[
            "vin",
            "n vin",
            "no vin",
            "num vin",
            "numero vin",
            "code vin",
            "numero de serie",
            "n serie",
            "no serie",
            "chassis",
            "n chassis",
            "numero chassis",
            "numero d identification",
        ],
    ),
    f(
        "reference",
        "Référence stock",
        false,
        &[
            "reference",
            "ref",
            "reference stock",
            "ref stock",
            "n stock",
            "no stock",
            "num stock",
            "numero stock",
            "numero de stock",
            "code vehicule",
            "n vehicule",
            "id vehicule",
            "n dossier",
            "reference annonce",
        ],
    ),
    f(
        "plate",
        "Immatriculation",
        false,
        &[
            "immatriculation",
            "immat",
            "plaque",
            "n immatriculation",
            "no immatriculation",
            "numero immatriculation",
            "plate",
            "registration",
        ],
    ),
    f(
        "make",
        "Marque",
        true,
        &["marque", "constructeur", "make", "brand", "marque vehicule"],
    ),
    f(
        "model",
        "Modèle",
        true,
        &["modele", "model", "gamme", "famille", "modele vehicule"],
    ),
    f(
        "version",
        "Version",
        false,
        &[
            "version",
            "finition",
            "designation",
            "libelle version",
            "libelle",
            "motorisation version",
        ],
    ),
    f(
        "energy",
        "Énergie",
        false,
        &[
            "energie",
            "carburant",
            "fuel",
            "type energie",
            "source d energie",
        ],
    ),
    f(
        "gearbox",
        "Boîte",
        false,
        &[
            "boite",
            "boite de vitesse",
            "boite de vitesses",
            "bv",
            "transmission",
            "gearbox",
            "type boite",
        ],
    ),
    f(
        "km",
        "Kilométrage",
        false,
        &[
            "kilometrage",
            "km",
            "kms",
            "compteur",
            "mileage",
            "kilometres",
            "km compteur",
        ],
    ),
    f(
        "first_registration",
        "1re mise en circulation",
        false,
        &[
            "date 1ere mec",
            "date mec",
            "1ere mec",
            "mec",
            "date de 1ere mise en circulation",
            "mise en circulation",
            "date mise en circulation",
            "date premiere mise en circulation",
            "premiere mise en circulation",
            "date premiere immatriculation",
            "date 1ere immatriculation",
            "dpmc",
            "dmec",
        ],
    ),
    f(
        "colour",
        "Couleur",
        false,
        &["couleur", "teinte", "couleur exterieure", "color", "colour"],
    ),
    f(
        "price",
        "Prix TTC",
        false,
        &[
            "prix ttc",
            "prix",
            "prix de vente",
            "prix vente",
            "prix vente ttc",
            "prix de vente ttc",
            "pv ttc",
            "pvttc",
            "tarif",
            "tarif ttc",
            "price",
        ],
    ),
    f(
        "condition",
        "VN/VO",
        true,
        &[
            "type",
            "vn vo",
            "vnvo",
            "nature",
            "neuf occasion",
            "categorie",
            "type vehicule",
            "etat vehicule",
        ],
    ),
    f(
        "status",
        "Statut",
        false,
        &[
            "statut",
            "etat stock",
            "etat",
            "disponibilite",
            "status",
            "statut stock",
        ],
    ),
    f(
        "entered_on",
        "Entrée en stock",
        false,
        &[
            "date entree stock",
            "date entree",
            "entree stock",
            "date d entree",
            "date entree en stock",
            "date arrivee",
            "date achat",
            "date de stock",
        ],
    ),
    f(
        "manager",
        "Responsable (acheteur)",
        false,
        &[
            "acheteur",
            "responsable",
            "gestionnaire",
            "responsable vehicule",
            "manager",
            "acheteur vo",
        ],
    ),
];

const CUSTOMERS: &[FieldSpec] = &[
    f(
        "customer_code",
        "N° client",
        true,
        &[
            "code client",
            "n client",
            "no client",
            "num client",
            "numero client",
            "numero de client",
            "id client",
            "client",
            "reference client",
            "ref client",
            "code",
            "compte client",
            "n compte",
        ],
    ),
    f(
        "civility",
        "Civilité",
        false,
        &["civilite", "titre", "civ", "genre"],
    ),
    f(
        "last_name",
        "Nom",
        false,
        &[
            "nom",
            "nom client",
            "nom de famille",
            "last name",
            "nom usuel",
        ],
    ),
    f(
        "first_name",
        "Prénom",
        false,
        &["prenom", "first name", "prenom client"],
    ),
    f(
        "company",
        "Société",
        false,
        &[
            "societe",
            "raison sociale",
            "entreprise",
            "company",
            "nom societe",
        ],
    ),
    f(
        "address",
        "Adresse",
        false,
        &[
            "adresse",
            "adresse 1",
            "adresse1",
            "rue",
            "voie",
            "adresse postale",
            "ligne adresse",
        ],
    ),
    f(
        "postal_code",
        "Code postal",
        false,
        &["cp", "code postal", "postal", "c postal", "zip"],
    ),
    f(
        "city",
        "Ville",
        false,
        &["ville", "localite", "commune", "city"],
    ),
    f(
        "mobile",
        "Téléphone portable",
        false,
        &[
            "tel portable",
            "portable",
            "mobile",
            "gsm",
            "tel mobile",
            "telephone portable",
            "telephone mobile",
            "tel port",
            "port",
        ],
    ),
    f(
        "landline",
        "Téléphone fixe",
        false,
        &[
            "tel fixe",
            "fixe",
            "telephone fixe",
            "tel domicile",
            "telephone",
            "tel",
            "tel bureau",
            "telephone domicile",
        ],
    ),
    f(
        "email",
        "E-mail",
        false,
        &[
            "email",
            "e mail",
            "mail",
            "courriel",
            "adresse email",
            "adresse mail",
            "adresse e mail",
        ],
    ),
    f(
        "customer_since",
        "Client depuis",
        false,
        &[
            "date creation",
            "date de creation",
            "client depuis",
            "date creation client",
            "date premier achat",
            "cree le",
        ],
    ),
    f(
        "consent_email",
        "Accord e-mail",
        false,
        &[
            "accord email",
            "accord mail",
            "accord e mail",
            "optin email",
            "opt in email",
            "optin mail",
            "consentement email",
            "consentement mail",
            "accepte email",
            "accepte mail",
            "email autorise",
        ],
    ),
    f(
        "consent_sms",
        "Accord SMS",
        false,
        &[
            "accord sms",
            "optin sms",
            "opt in sms",
            "consentement sms",
            "accepte sms",
            "sms autorise",
        ],
    ),
];

const HISTORY: &[FieldSpec] = &[
    f(
        "customer_code",
        "N° client",
        true,
        &[
            "code client",
            "n client",
            "no client",
            "num client",
            "numero client",
            "id client",
            "client",
            "reference client",
            "ref client",
            "compte client",
        ],
    ),
    f(
        "vin",
        "VIN",
        false,
        &[
            "vin",
            "n vin",
            "no vin",
            "numero vin",
            "numero de serie",
            "chassis",
            "n chassis",
        ],
    ),
    f(
        "date",
        "Date",
        true,
        &[
            "date",
            "date facture",
            "date intervention",
            "date operation",
            "date vente",
            "date document",
            "date piece",
        ],
    ),
    f(
        "kind",
        "Type",
        true,
        &[
            "type",
            "nature",
            "type operation",
            "categorie",
            "type intervention",
            "activite",
        ],
    ),
    f(
        "label",
        "Libellé",
        false,
        &[
            "libelle",
            "designation",
            "description",
            "intitule",
            "objet",
            "detail",
        ],
    ),
    f(
        "amount",
        "Montant TTC",
        false,
        &[
            "montant ttc",
            "montant",
            "total ttc",
            "prix ttc",
            "ttc",
            "montant facture",
        ],
    ),
    f(
        "km",
        "Kilométrage",
        false,
        &["kilometrage", "km", "kms", "compteur", "km compteur"],
    ),
];

/// Field key → column header, as chosen in the wizard or saved in a profile.
pub type Mapping = BTreeMap<String, String>;

/// How well a header names a field: 2 exact, 1 when all the synonym's words start the header.
fn match_score(header: &str, synonym: &str) -> u8 {
    if header == synonym {
        2
    } else if synonym.len() >= 4 && header.starts_with(&format!("{synonym} ")) {
        1
    } else {
        0
    }
}

/// The mapping recognised from the headers: each field takes the best-named column, each
/// column feeds one field at most.
pub fn guess(target: ImportTarget, headers: &[String]) -> Mapping {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let mut candidates: Vec<(u8, usize, usize, usize)> = Vec::new();
    for (fi, field) in target.fields().iter().enumerate() {
        for (hi, header) in folded.iter().enumerate() {
            if let Some((rank, score)) = field
                .synonyms
                .iter()
                .enumerate()
                .map(|(rank, s)| (rank, match_score(header, s)))
                .filter(|(_, s)| *s > 0)
                .max_by_key(|(rank, s)| (*s, usize::MAX - rank))
            {
                candidates.push((score, usize::MAX - rank, fi, hi));
            }
        }
    }
    candidates.sort_by(|a, b| b.cmp(a));
    let mut mapping = Mapping::new();
    let mut used = vec![false; headers.len()];
    for (_, _, fi, hi) in candidates {
        let key = target.fields()[fi].key;
        if !used[hi] && !mapping.contains_key(key) {
            used[hi] = true;
            mapping.insert(key.to_string(), headers[hi].clone());
        }
    }
    mapping
}

/// How many known columns a row names (used to find the header row).
pub fn header_score(target: ImportTarget, cells: &[String]) -> usize {
    guess(target, cells).len()
}

/// The column index of each field, checked against the headers: every required field mapped,
/// no column used twice, no unknown field.
pub fn resolve(
    target: ImportTarget,
    mapping: &Mapping,
    headers: &[String],
) -> Result<Vec<Option<usize>>> {
    let mut columns = Vec::new();
    let mut missing = Vec::new();
    for field in target.fields() {
        let column = match mapping.get(field.key).filter(|h| !h.is_empty()) {
            Some(header) => Some(headers.iter().position(|h| h == header).ok_or_else(|| {
                CoreError::invalid(
                    "mapping",
                    format!(
                        "La colonne « {header} » choisie pour {} n'est pas dans ce fichier.",
                        field.label
                    ),
                )
            })?),
            None => None,
        };
        if field.required && column.is_none() {
            missing.push(field.label);
        }
        columns.push(column);
    }
    if let Some(key) = mapping
        .keys()
        .find(|k| !target.fields().iter().any(|f| f.key == k.as_str()))
    {
        return Err(CoreError::invalid(
            "mapping",
            format!("Champ inconnu : « {key} »."),
        ));
    }
    let mut seen = columns.iter().flatten().collect::<Vec<_>>();
    seen.sort();
    if seen.windows(2).any(|w| w[0] == w[1]) {
        return Err(CoreError::invalid(
            "mapping",
            "Une même colonne est choisie pour deux champs.",
        ));
    }
    if !missing.is_empty() {
        return Err(CoreError::invalid(
            "mapping",
            format!(
                "Colonne introuvable pour : {}. Choisissez-la dans l'aperçu (colonnes du fichier : {}).",
                missing.join(", "),
                headers.iter().take(30).cloned().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    Ok(columns)
}

/// A saved mapping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProfile {
    pub name: String,
    pub target: ImportTarget,
    pub mapping: Mapping,
    #[ts(as = "Option<String>", optional)]
    #[serde(default)]
    pub updated_at: String,
}

pub fn profiles(conn: &Connection) -> Result<Vec<ImportProfile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, target, mapping, updated_at FROM import_profiles ORDER BY target, name",
    )?;
    let rows = stmt.query_map([], |r| {
        let mapping: String = r.get(2)?;
        Ok(ImportProfile {
            name: r.get(0)?,
            target: r.get(1)?,
            mapping: serde_json::from_str(&mapping).unwrap_or_default(),
            updated_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn profile(conn: &Connection, target: ImportTarget, name: &str) -> Result<Mapping> {
    let mapping: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_profiles WHERE target = ?1 AND name = ?2",
            params![target, name],
            |r| r.get(0),
        )
        .optional()?;
    let mapping = mapping.ok_or_else(|| {
        CoreError::invalid(
            "profile",
            format!(
                "Aucun profil d'import « {} » pour le {}.",
                super::cells::shorten(name),
                target.label()
            ),
        )
    })?;
    serde_json::from_str(&mapping).map_err(|e| CoreError::Internal(e.to_string()))
}

pub(crate) fn save_profile(conn: &Connection, p: &ImportProfile, now: &str) -> Result<()> {
    let name = crate::kernel::validate::required_text("name", "Nom du profil", &p.name, 80)?;
    for field in p.mapping.keys() {
        if !p.target.fields().iter().any(|f| f.key == field) {
            return Err(CoreError::invalid(
                "mapping",
                format!("Champ inconnu : « {} ».", super::cells::shorten(field)),
            ));
        }
    }
    if p.mapping.values().any(|h| h.chars().count() > 200) {
        return Err(CoreError::invalid("mapping", "Nom de colonne trop long."));
    }
    let json = serde_json::to_string(&p.mapping).map_err(|e| CoreError::Internal(e.to_string()))?;
    conn.execute(
        "INSERT INTO import_profiles(name, target, mapping, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(target, name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        params![name, p.target, json, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &str) -> Vec<String> {
        list.split(';').map(String::from).collect()
    }

    #[test]
    fn the_shared_samples_headers_are_recognised() {
        let stock = headers("N° VIN;Immatriculation;Marque;Modèle;Version;Energie;Kilométrage;Date 1ère MEC;Prix TTC;Type;Date entrée stock;Acheteur");
        let m = guess(ImportTarget::Stock, &stock);
        assert_eq!(m.len(), 12, "{m:?}");
        assert_eq!(m["vin"], "N° VIN");
        assert_eq!(m["first_registration"], "Date 1ère MEC");
        assert_eq!(m["condition"], "Type");
        assert_eq!(m["manager"], "Acheteur");
        let customers = headers("Code client;Civilité;Nom;Prénom;Adresse;CP;Ville;Tél portable;Tél fixe;Email;Date création;Accord email");
        let m = guess(ImportTarget::Customers, &customers);
        assert_eq!(m.len(), 12, "{m:?}");
        assert_eq!(
            (m["mobile"].as_str(), m["landline"].as_str()),
            ("Tél portable", "Tél fixe")
        );
        let history = headers("Code client;VIN;Date;Type;Libellé;Montant TTC;Kilométrage");
        assert_eq!(guess(ImportTarget::History, &history).len(), 7);
    }

    #[test]
    fn other_dms_spellings() {
        let other = headers("NUMERO_CHASSIS;IMMAT;MARQUE;MODELE;FINITION;CARBURANT;KMS;DATE_MEC;PRIX_VENTE_TTC;VN/VO;STATUT;DATE_ENTREE;RESPONSABLE;N° stock;Couleur extérieure");
        let m = guess(ImportTarget::Stock, &other);
        assert_eq!(m["vin"], "NUMERO_CHASSIS");
        assert_eq!(m["price"], "PRIX_VENTE_TTC");
        assert_eq!(m["condition"], "VN/VO");
        assert_eq!(m["reference"], "N° stock");
        assert_eq!(m["colour"], "Couleur extérieure");
        assert_eq!(m["first_registration"], "DATE_MEC");
        assert_eq!(
            resolve(ImportTarget::Stock, &m, &other)
                .unwrap()
                .iter()
                .flatten()
                .count(),
            15
        );
    }

    #[test]
    fn resolve_names_what_is_missing() {
        let h = headers("Marque;Modèle");
        let err = resolve(ImportTarget::Stock, &guess(ImportTarget::Stock, &h), &h)
            .unwrap_err()
            .to_string();
        assert!(err.contains("VIN") && err.contains("VN/VO"), "{err}");
        let mut m = Mapping::new();
        m.insert("make".into(), "Absent".into());
        assert!(resolve(ImportTarget::Stock, &m, &h)
            .unwrap_err()
            .to_string()
            .contains("Absent"));
    }
}
