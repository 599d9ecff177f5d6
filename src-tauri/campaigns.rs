//! `carnet campaigns create|list|calls|log`: phone campaigns from the command line (the window's
//! « Campagnes » screen does the same).

use crate::output::print_json;
use carnet_core::api::{CampaignCallLog, CampaignCallsQuery, CampaignInput, Empty};
use carnet_core::campaigns::calls::CampaignOutcome;
use carnet_core::campaigns::CampaignTarget;
use carnet_core::leads::lead::LeadKind;
use carnet_core::{ApiError, App};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum CampaignsCommand {
    /// Create a phone campaign on the customer file (--dry-run: only count who it would call).
    Create {
        #[arg(long)]
        name: String,
        /// Kind of the leads it creates: VN, VO, APV, reprise, RH.
        #[arg(long, value_parser = crate::reports::parse_kind, default_value = "VN")]
        kind: LeadKind,
        #[arg(long)]
        customers_only: bool,
        /// Bought a vehicle between these dates (YYYY-MM-DD).
        #[arg(long)]
        bought_from: Option<String>,
        #[arg(long)]
        bought_to: Option<String>,
        /// No workshop visit since this date (YYYY-MM-DD).
        #[arg(long)]
        no_visit_since: Option<String>,
        /// Postal codes starting so (69, 691…).
        #[arg(long)]
        postal: Option<String>,
        /// A user id who shares the calls (repeat the flag for several).
        #[arg(long = "assign")]
        assignees: Vec<i64>,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The campaigns and their figures.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The calls of a campaign.
    Calls {
        id: i64,
        #[arg(long)]
        to_call: bool,
        #[arg(long)]
        json: bool,
    },
    /// Log a call: interesse (creates a lead), pas_interesse, injoignable, rappeler, ne_plus_appeler.
    Log {
        call_id: i64,
        #[arg(value_parser = parse_outcome)]
        outcome: CampaignOutcome,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_outcome(s: &str) -> Result<CampaignOutcome, String> {
    CampaignOutcome::parse(s).ok_or_else(|| {
        format!("résultat inconnu : {s} (interesse, pas_interesse, injoignable, rappeler, ne_plus_appeler)")
    })
}

impl CampaignsCommand {
    pub fn json(&self) -> bool {
        match self {
            CampaignsCommand::Create { json, .. }
            | CampaignsCommand::List { json }
            | CampaignsCommand::Calls { json, .. }
            | CampaignsCommand::Log { json, .. } => *json,
        }
    }
}

pub fn campaigns(app: &App, command: CampaignsCommand) -> Result<(), ApiError> {
    let api = |e: carnet_core::CoreError| e.to_api();
    match command {
        CampaignsCommand::Create {
            name,
            kind,
            customers_only,
            bought_from,
            bought_to,
            no_visit_since,
            postal,
            assignees,
            dry_run,
            json,
        } => {
            let input = CampaignInput {
                name,
                kind,
                assignees,
                target: CampaignTarget {
                    customers_only,
                    bought_from,
                    bought_to,
                    no_visit_since,
                    postal_prefix: postal,
                },
            };
            let preview = app.campaign_preview(input.clone()).map_err(api)?;
            if dry_run {
                if json {
                    print_json(&preview);
                } else {
                    println!(
                        "{} contact(s) correspondent, {} à appeler.",
                        preview.matching, preview.targets
                    );
                    for e in &preview.excluded {
                        println!("  exclus, {} : {}", e.reason, e.count);
                    }
                }
                return Ok(());
            }
            let campaign = app.campaign_create(input).map_err(api)?;
            if json {
                print_json(&campaign);
            } else {
                println!(
                    "Campagne {} « {} » créée : {} appel(s) à passer.",
                    campaign.id, campaign.name, campaign.calls
                );
                for e in &preview.excluded {
                    println!("  exclus, {} : {}", e.reason, e.count);
                }
            }
        }
        CampaignsCommand::List { json } => {
            let list = app.campaigns_list(Empty {}).map_err(api)?;
            if json {
                print_json(&list);
            } else {
                for c in &list {
                    println!(
                        "{}\t{}\t{} appels, {} à passer, {} intéressé(s), {} lead(s)",
                        c.id, c.name, c.calls, c.to_call, c.interested, c.leads
                    );
                }
            }
        }
        CampaignsCommand::Calls { id, to_call, json } => {
            let calls = app
                .campaign_calls(CampaignCallsQuery {
                    campaign_id: id,
                    mine: false,
                    to_call,
                })
                .map_err(api)?;
            if json {
                print_json(&calls);
            } else {
                for c in &calls {
                    println!(
                        "{}\t{}\t{}\t{}",
                        c.id,
                        c.name,
                        match (c.blocked, &c.phone) {
                            (true, _) => "Bloctel : ne pas appeler".to_string(),
                            (false, Some(p)) => carnet_core::kernel::format::phone(p),
                            (false, None) => "-".to_string(),
                        },
                        c.outcome.map(|o| o.as_str()).unwrap_or("à appeler")
                    );
                }
            }
        }
        CampaignsCommand::Log {
            call_id,
            outcome,
            note,
            json,
        } => {
            let call = app
                .campaign_call_log(CampaignCallLog {
                    id: call_id,
                    outcome,
                    note,
                })
                .map_err(api)?;
            if json {
                print_json(&call);
            } else {
                match &call.lead_code {
                    Some(code) => println!("Appel enregistré ; lead {code}."),
                    None => println!("Appel enregistré."),
                }
            }
        }
    }
    Ok(())
}
