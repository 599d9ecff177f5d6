//! What the CLI prints: JSON on stdout for `--json` (the stable contract of the README).

use serde::Serialize;

pub fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("Erreur : {e}"),
    }
}
