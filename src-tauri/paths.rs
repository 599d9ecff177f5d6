//! Where Carnet keeps its files: the OS data dir (e.g. ~/.local/share/carnet), or `--db` / `CARNET_DB`.

use std::path::PathBuf;

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("fr", "Carnet", "carnet")
}

pub fn default_db() -> PathBuf {
    dirs()
        .map(|d| d.data_dir().join("carnet.db"))
        .unwrap_or_else(|| PathBuf::from("carnet.db"))
}

pub fn log_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_local_dir().join("logs"))
}
