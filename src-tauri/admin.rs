//! The administration commands of the CLI: users and the garage's identity. They go through the
//! command table (`App::call`), so `--as EMAIL` gets exactly the permissions of the window.

use carnet_core::api::{GarageIdentity, UserInput};
use carnet_core::{ApiError, App, CoreError};
use clap::Subcommand;
use serde::Serialize;
use std::io::Read;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum UsersCommand {
    /// List the users: id, name, e-mail, role, site, active.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a user; the password is read from standard input (one line).
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// hotesse, vendeur, chef_des_ventes, responsable_apv or administrateur.
        #[arg(long)]
        role: String,
        /// Site name or id (default: every site).
        #[arg(long)]
        site: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        password_stdin: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum GarageCommand {
    /// The garage's legal identity.
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Replace the identity with the JSON file's fields (see the README).
    Set {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

impl UsersCommand {
    pub fn json(&self) -> bool {
        match self {
            UsersCommand::List { json } | UsersCommand::Add { json, .. } => *json,
        }
    }
}

impl GarageCommand {
    pub fn json(&self) -> bool {
        match self {
            GarageCommand::Show { json } | GarageCommand::Set { json, .. } => *json,
        }
    }
}

/// One user as `users list --json` prints it.
#[derive(Serialize)]
struct UserLine {
    id: i64,
    name: String,
    email: String,
    role: String,
    site: Option<String>,
    active: bool,
}

fn value<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(v).map_err(|e| CoreError::Internal(e.to_string()).to_api())
}

fn users(app: &App) -> Result<Vec<UserLine>, ApiError> {
    let meta: carnet_core::api::Meta = value(app.call("meta", serde_json::json!({}))?)?;
    Ok(meta
        .users
        .iter()
        .map(|u| UserLine {
            id: u.id,
            name: u.name.clone(),
            email: u.email.clone(),
            role: u.role.as_str().to_string(),
            site: u
                .site_id
                .and_then(|id| meta.sites.iter().find(|s| s.id == id))
                .map(|s| s.name.clone()),
            active: u.active,
        })
        .collect())
}

fn site_id(app: &App, site: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let meta: carnet_core::api::Meta = value(app.call("meta", serde_json::json!({}))?)?;
    meta.sites
        .iter()
        .find(|s| s.name == site || s.id.to_string() == site)
        .map(|s| Some(s.id))
        .ok_or_else(|| CoreError::invalid("site", format!("Site inconnu : « {site} ».")).to_api())
}

pub fn users_command(app: &App, command: UsersCommand) -> Result<(), ApiError> {
    match command {
        UsersCommand::List { json } => {
            let list = users(app)?;
            if json {
                crate::output::print_json(&list);
            } else {
                for u in &list {
                    let state = if u.active { "" } else { " (inactif)" };
                    let site = u.site.as_deref().unwrap_or("tous les sites");
                    println!(
                        "{:>4}  {:<24} {:<36} {:<16} {site}{state}",
                        u.id, u.name, u.email, u.role
                    );
                }
            }
        }
        UsersCommand::Add {
            name,
            email,
            role,
            site,
            phone,
            password_stdin,
            json,
        } => {
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .take(1024)
                    .read_to_string(&mut line)
                    .map_err(|e| CoreError::Io(e).to_api())?;
                Some(line.lines().next().unwrap_or_default().to_string())
            } else {
                None
            };
            let role = carnet_core::api::Role::parse(role.trim()).ok_or_else(|| {
                CoreError::invalid("role", "Rôle inconnu : hotesse, vendeur, chef_des_ventes, responsable_apv ou administrateur.").to_api()
            })?;
            let input = UserInput {
                id: None,
                name,
                email,
                role,
                site_id: site_id(app, site.as_deref())?,
                phone,
                password,
            };
            let args = serde_json::to_value(&input)
                .map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
            let user: carnet_core::api::User = value(app.call("user_save", args)?)?;
            if json {
                crate::output::print_json(&users(app)?.into_iter().find(|u| u.id == user.id));
            } else {
                println!(
                    "Utilisateur créé : {} <{}> ({})",
                    user.name,
                    user.email,
                    user.role.as_str()
                );
            }
        }
    }
    Ok(())
}

pub fn garage_command(app: &App, command: GarageCommand) -> Result<(), ApiError> {
    let garage = match command {
        GarageCommand::Show { .. } => app.call("garage_get", serde_json::json!({}))?,
        GarageCommand::Set { ref file, .. } => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                CoreError::invalid(
                    "file",
                    format!("Fichier illisible : {} ({e}).", file.display()),
                )
                .to_api()
            })?;
            let identity: GarageIdentity = serde_json::from_str(&text).map_err(|e| {
                CoreError::invalid(
                    "file",
                    format!("JSON invalide dans {} : {e}.", file.display()),
                )
                .to_api()
            })?;
            let args = serde_json::to_value(&identity)
                .map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
            app.call("garage_set", args)?
        }
    };
    let garage: carnet_core::api::Garage = value(garage)?;
    if command.json() {
        crate::output::print_json(&garage.identity);
    } else {
        let g = &garage.identity;
        println!(
            "{} {} au capital de {} €",
            g.legal_name, g.legal_form, g.capital
        );
        println!(
            "SIRET {} — RCS {} {} — TVA {}",
            g.siret, g.rcs_city, garage.siren, g.vat_number
        );
        println!("{}, {} {}", g.address, g.postal_code, g.city);
        if !garage.complete {
            println!("Identité incomplète : complétez-la dans Réglages → Garage.");
        }
    }
    Ok(())
}
