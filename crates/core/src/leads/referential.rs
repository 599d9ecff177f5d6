//! The vehicle referential: makes and models sold in France as Carnet writes them (Škoda,
//! Citroën, Mercedes-Benz Classe A, BMW Série 1…), from `assets/referential/vehicles.tsv`.
//! Imports and intake normalise what they read with it; forms use it to autocomplete.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use ts_rs::TS;

const DATA: &str = include_str!("../../../../assets/referential/vehicles.tsv");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MakeModels {
    pub make: String,
    pub models: Vec<String>,
}

struct Referential {
    makes: Vec<MakeModels>,
    /// Folded spelling (and aliases) → index in `makes`.
    make_index: HashMap<String, usize>,
    /// (make index, folded model) → model.
    model_index: HashMap<(usize, String), usize>,
}

fn fold(text: &str) -> String {
    crate::kernel::validate::fold(text).replace(' ', "")
}

fn referential() -> &'static Referential {
    static CELL: OnceLock<Referential> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut r = Referential {
            makes: Vec::new(),
            make_index: HashMap::new(),
            model_index: HashMap::new(),
        };
        for line in DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (names, models) = line.split_once('\t').unwrap_or((line, ""));
            let mut names = names.split('|');
            let Some(make) = names.next() else { continue };
            let index = r.makes.len();
            for name in std::iter::once(make).chain(names) {
                r.make_index.insert(fold(name), index);
            }
            let models: Vec<String> = models
                .split(';')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(String::from)
                .collect();
            for (mi, model) in models.iter().enumerate() {
                r.model_index.entry((index, fold(model))).or_insert(mi);
            }
            r.makes.push(MakeModels {
                make: make.to_string(),
                models,
            });
        }
        r
    })
}

/// Every make with its models, for autocompletion.
pub fn all() -> Vec<MakeModels> {
    referential().makes.clone()
}

impl crate::kernel::app::App {
    pub fn vehicle_referential(
        &self,
        _: crate::kernel::app::Empty,
    ) -> crate::kernel::error::Result<Vec<MakeModels>> {
        Ok(all())
    }
}

/// The make as Carnet writes it ("SKODA" → "Škoda", "VW" → "Volkswagen"), if known.
pub fn make(raw: &str) -> Option<&'static str> {
    let r = referential();
    r.make_index
        .get(&fold(raw))
        .map(|i| r.makes[*i].make.as_str())
}

/// The model as Carnet writes it for a known make ("c5 aircross" → "C5 Aircross"), if known.
pub fn model(make: &str, raw: &str) -> Option<&'static str> {
    let r = referential();
    let mi = *r.make_index.get(&fold(make))?;
    let folded = fold(raw);
    // "Classe A" is often written "A": try with the family word of the make's models too.
    let found = r.model_index.get(&(mi, folded.clone())).or_else(|| {
        ["classe", "serie"]
            .iter()
            .find_map(|prefix| r.model_index.get(&(mi, format!("{prefix}{folded}"))))
    })?;
    Some(r.makes[mi].models[*found].as_str())
}

/// Make and model normalised where the referential knows them, otherwise kept as written.
pub fn normalise(make_raw: &str, model_raw: &str) -> (String, String) {
    let make_raw = make_raw.trim();
    let model_raw = model_raw.trim();
    let make = self::make(make_raw).map_or_else(|| make_raw.to_string(), String::from);
    let model = self::model(&make, model_raw).map_or_else(|| model_raw.to_string(), String::from);
    (make, model)
}

const FIRST_NAMES: &str = include_str!("../../../../assets/referential/first_names.txt");

/// True for a given name common in France ("Nathalie", "jean-pierre", "MAËL"): tells the given
/// name from the family name in "Roux Nathalie".
pub fn is_first_name(word: &str) -> bool {
    static NAMES: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(fold)
            .filter(|n| !n.is_empty())
            .collect()
    });
    names.contains(&fold(word))
}

/// The longest known model of `make` at the start of `words` ("C5 Aircross Hybrid 225" → "C5
/// Aircross", 2 words), as Carnet writes it.
pub fn model_at(make: &str, words: &[&str]) -> Option<(&'static str, usize)> {
    (1..=words.len().min(4))
        .rev()
        .find_map(|n| model(make, &words[..n].join(" ")).map(|m| (m, n)))
}

/// The energy as a French garage labels it ("Gazole" → "Diesel", "PHEV" → "Hybride
/// rechargeable"); None when unknown (callers keep the value as written).
pub fn energy(raw: &str) -> Option<&'static str> {
    let folded = crate::kernel::validate::fold(raw);
    let has = |words: &[&str]| words.iter().any(|w| folded.split(' ').any(|f| f == *w));
    let label = if has(&["phev", "rechargeable", "plug"]) {
        "Hybride rechargeable"
    } else if has(&["hybride", "hybrid", "hev", "mhev", "hybrida"]) {
        "Hybride"
    } else if has(&[
        "electrique",
        "electric",
        "electrico",
        "elettrica",
        "elektro",
        "ev",
        "bev",
    ]) {
        "Électrique"
    } else if has(&["diesel", "gazole", "gasoil", "gasoleo"]) {
        "Diesel"
    } else if has(&[
        "essence", "petrol", "gasoline", "gas", "benzin", "benzina", "gasolina", "sp95", "sp98",
    ]) {
        "Essence"
    } else if has(&["gpl", "lpg"]) {
        "GPL"
    } else if has(&["gnv", "cng", "gnc"]) {
        "GNV"
    } else if has(&["e85", "ethanol", "superethanol", "flexfuel"]) {
        "Éthanol (E85)"
    } else if has(&["hydrogene", "hydrogen", "fcev", "h2"]) {
        "Hydrogène"
    } else {
        return None;
    };
    Some(label)
}

/// "Manuelle" or "Automatique" from the ways DMS exports and forms write it.
pub fn gearbox(raw: &str) -> Option<&'static str> {
    let folded = crate::kernel::validate::fold(raw);
    let has = |words: &[&str]| words.iter().any(|w| folded.split(' ').any(|f| f == *w));
    if has(&[
        "manuelle",
        "manual",
        "mecanique",
        "bvm",
        "m",
        "manuel",
        "schaltgetriebe",
    ]) {
        Some("Manuelle")
    } else if has(&[
        "automatique",
        "automatic",
        "auto",
        "bva",
        "dsg",
        "edc",
        "eat6",
        "eat8",
        "cvt",
        "s",
        "tronic",
        "robotisee",
        "pilotee",
        "automatik",
        "automatica",
        "a",
    ]) {
        Some("Automatique")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn energies_and_gearboxes() {
        for (raw, want) in [
            ("Gazole", "Diesel"),
            ("DIESEL", "Diesel"),
            ("Essence", "Essence"),
            ("Petrol", "Essence"),
            ("Hybride rechargeable", "Hybride rechargeable"),
            ("PHEV", "Hybride rechargeable"),
            ("Hybride essence", "Hybride"),
            ("Full Hybrid", "Hybride"),
            ("Électrique", "Électrique"),
            ("EV", "Électrique"),
            ("GPL", "GPL"),
            ("Superéthanol E85", "Éthanol (E85)"),
        ] {
            assert_eq!(energy(raw), Some(want), "{raw}");
        }
        assert_eq!(energy("Charbon"), None);
        assert_eq!(gearbox("Boîte manuelle"), Some("Manuelle"));
        assert_eq!(gearbox("BVA"), Some("Automatique"));
        assert_eq!(gearbox("EAT8"), Some("Automatique"));
        assert_eq!(gearbox("Séquentielle"), None);
    }

    #[test]
    fn usual_spellings_become_the_referential_ones() {
        assert_eq!(
            normalise("SKODA", "OCTAVIA COMBI"),
            ("Škoda".into(), "Octavia Combi".into())
        );
        assert_eq!(
            normalise("citroen", "c5 aircross"),
            ("Citroën".into(), "C5 Aircross".into())
        );
        assert_eq!(
            normalise("Mercedes", "A"),
            ("Mercedes-Benz".into(), "Classe A".into())
        );
        assert_eq!(
            normalise("BMW", "Serie 1"),
            ("BMW".into(), "Série 1".into())
        );
        assert_eq!(
            normalise("VW", "passat sw"),
            ("Volkswagen".into(), "Passat SW".into())
        );
        assert_eq!(
            normalise("Peugeot", "E-208"),
            ("Peugeot".into(), "e-208".into())
        );
        assert_eq!(
            normalise(" Lada ", "Niva"),
            ("Lada".into(), "Niva".into()),
            "unknown: as written"
        );
        assert_eq!(
            normalise("Renault", "Clio Campus"),
            ("Renault".into(), "Clio Campus".into())
        );
        assert_eq!(
            model_at("Citroën", &["C5", "Aircross", "Hybrid", "225"]),
            Some(("C5 Aircross", 2))
        );
        assert_eq!(
            model_at("Mercedes-Benz", &["Classe", "A", "180"]),
            Some(("Classe A", 2))
        );
        assert_eq!(model_at("Renault", &["Inconnu"]), None);
        assert!(all()
            .iter()
            .any(|m| m.make == "Škoda" && m.models.contains(&"Kodiaq".to_string())));
    }
}
