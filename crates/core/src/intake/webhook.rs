//! The lead webhook: a website form or an external call center posts one JSON lead
//! (`schemas/lead.schema.json`). The payload goes through the same pipeline as a mail: stored raw
//! first, deduplicated by its `id`, merged or created, or quarantined when it cannot be a lead.

use crate::intake::parse::{MailOutcome, ParsedLead, ParsedMail};
use crate::intake::store::{Channel, IngestOutcome};
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::contact::ContactInput;
use crate::leads::lead::LeadKind;
use crate::leads::vehicle::VehicleInput;
use serde::{Deserialize, Serialize};

/// Larger bodies are refused (HTTP 413) before anything is parsed.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// One lead as a website form or call center sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
#[schemars(
    title = "Lead Carnet",
    description = "Un lead envoyé au webhook de Carnet (POST /webhook/lead)."
)]
pub struct WebhookLead {
    /// The sender's identifier: a lead posted twice with the same id is created once.
    pub id: Option<String>,
    /// Where the lead comes from ("Site web" by default).
    pub source: Option<String>,
    /// VN, VO, APV, reprise or RH (VN by default).
    pub kind: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<String>,
    /// Any French or international format; stored as E.164.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    /// ISO 3166 code or name of the prospect's country ("BE", "Belgique"); France by default.
    pub country: Option<String>,
    /// The prospect accepted to be contacted by e-mail and SMS for offers.
    pub consent: bool,
    pub vehicle: Option<WebhookVehicle>,
    pub trade_in: Option<WebhookVehicle>,
    pub message: Option<String>,
    /// Listing or campaign reference.
    pub external_ref: Option<String>,
    /// When the prospect sent the form (RFC 3339); now by default.
    pub received_at: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct WebhookVehicle {
    pub make: Option<String>,
    pub model: Option<String>,
    pub version: Option<String>,
    pub vin: Option<String>,
    pub plate: Option<String>,
    /// Price including VAT, in cents.
    pub price_cents: Option<i64>,
    /// ISO 4217 of the price (EUR by default).
    pub currency: Option<String>,
    /// Model year.
    pub year: Option<i32>,
    /// First registration: YYYY-MM or MM/YYYY.
    pub first_registration: Option<String>,
    pub km: Option<i64>,
    pub energy: Option<String>,
    pub gearbox: Option<String>,
    pub colour: Option<String>,
}

impl WebhookVehicle {
    fn input(&self) -> VehicleInput {
        VehicleInput {
            make: self.make.clone().unwrap_or_default(),
            model: self.model.clone().unwrap_or_default(),
            version: self.version.clone(),
            vin: self.vin.clone(),
            plate: self.plate.clone(),
            price_cents: self.price_cents.filter(|p| *p >= 0),
            currency: self.currency.clone(),
            year: self.year,
            first_registration: self.first_registration.clone(),
            km: self.km.filter(|k| *k >= 0),
            energy: self.energy.clone(),
            gearbox: self.gearbox.clone(),
            colour: self.colour.clone(),
        }
    }
}

/// The JSON Schema of the payload, as committed in `schemas/lead.schema.json`.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(WebhookLead);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// A stored webhook body read again (a row left unprocessed by an older version).
pub fn parse_body(body: &[u8]) -> ParsedMail {
    match serde_json::from_slice::<WebhookLead>(body) {
        Ok(lead) => to_parsed(&lead),
        Err(e) => ParsedMail {
            message_id: None,
            from: None,
            subject: Some("Formulaire (webhook)".into()),
            date: None,
            outcome: MailOutcome::Unparseable {
                reason: format!("Corps JSON illisible : {e}"),
            },
        },
    }
}

fn to_parsed(lead: &WebhookLead) -> ParsedMail {
    let kind = lead
        .kind
        .as_deref()
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let outcome = match kind.map(|k| {
        LeadKind::ALL
            .iter()
            .copied()
            .find(|v| v.as_str().eq_ignore_ascii_case(k))
    }) {
        Some(None) => MailOutcome::Unparseable {
            reason: format!(
                "Type de lead inconnu : « {} » (VN, VO, APV, reprise ou RH).",
                kind.unwrap_or_default()
                    .chars()
                    .take(40)
                    .collect::<String>()
            ),
        },
        parsed_kind => MailOutcome::Lead(Box::new(ParsedLead {
            parser: "webhook",
            source: lead
                .source
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| "Site web".into()),
            kind: parsed_kind.flatten().unwrap_or(LeadKind::Vn),
            contact: ContactInput {
                first_name: lead.first_name.clone().unwrap_or_default(),
                last_name: lead.last_name.clone().unwrap_or_default(),
                company: lead.company.clone(),
                phone: lead.phone.clone(),
                email: lead.email.clone(),
                postal_code: lead.postal_code.clone(),
                city: lead.city.clone(),
                consent_email: lead.consent,
                consent_sms: lead.consent,
                address: lead.address.clone(),
                country: lead.country.clone(),
                to_check: Vec::new(),
            },
            vehicle: lead.vehicle.as_ref().map(WebhookVehicle::input),
            trade_in: lead.trade_in.as_ref().map(WebhookVehicle::input),
            other_vehicles: Vec::new(),
            external_ref: lead.external_ref.clone(),
            message: lead.message.clone(),
            consent: lead.consent,
        })),
    };
    ParsedMail {
        message_id: lead
            .id
            .as_deref()
            .map(|id| format!("webhook:{}", id.chars().take(200).collect::<String>())),
        from: None,
        subject: Some("Formulaire (webhook)".into()),
        date: lead
            .received_at
            .as_deref()
            .and_then(crate::kernel::clock::parse),
        outcome,
    }
}

impl App {
    /// Ingests one webhook body. Malformed JSON or an oversized body is refused (nothing stored);
    /// a well-formed lead that cannot be used is kept in quarantine.
    pub fn ingest_webhook(&self, body: &[u8]) -> Result<IngestOutcome> {
        if body.len() > MAX_BODY_BYTES {
            return Err(CoreError::invalid(
                "body",
                format!(
                    "Requête trop volumineuse (maximum {} Ko).",
                    MAX_BODY_BYTES / 1024
                ),
            ));
        }
        let lead: WebhookLead = serde_json::from_slice(body).map_err(|e| {
            CoreError::invalid(
                "body",
                format!("JSON invalide : {e}. Voir schemas/lead.schema.json."),
            )
        })?;
        self.ingest_parsed(body, &to_parsed(&lead), Channel::Webhook)
    }
}
