//! Sending an offer or a bon de commande to the customer: a draft from editable French
//! templates with placeholders, sent through the outbox (retried, failures shown on the lead)
//! with the PDFs attached, only to the address the contact has, recorded in the timeline.
//! This mail answers the customer's own request: it is transactional, not prospecting.

use super::files::{self, FileOrigin};
use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings::{self, Setting};
use crate::kernel::validate::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::leads::lead;
use crate::leads::timeline;
use crate::notify::outbox::{self, Attachment};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Outbox kind of these mails.
const KIND: &str = "document";
const MAX_FILES: usize = 10;
/// Above this the mail servers of most customers refuse the message.
const MAX_TOTAL_BYTES: i64 = 15 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MailTemplates {
    pub offer_subject: String,
    pub offer_body: String,
    pub order_subject: String,
    pub order_body: String,
    pub other_subject: String,
    pub other_body: String,
}

const TEMPLATES: Setting<Option<MailTemplates>> = Setting::new("document_mail_templates", None);

/// The placeholders a template may use, replaced when the draft is made.
pub const PLACEHOLDERS: &[&str] = &[
    "{prenom}",
    "{nom}",
    "{numero}",
    "{vehicule}",
    "{montant}",
    "{garage}",
    "{vendeur}",
    "{telephone}",
];

fn default_templates() -> MailTemplates {
    MailTemplates {
        offer_subject: "Votre offre {numero} — {vehicule}".into(),
        offer_body: "Bonjour {prenom} {nom},\n\nComme convenu, vous trouverez ci-joint notre offre {numero} pour le véhicule {vehicule}, d'un montant de {montant} TTC.\n\nJe reste à votre disposition pour toute question ou pour organiser un essai.\n\nBien cordialement,\n{vendeur}\n{garage} — {telephone}".into(),
        order_subject: "Votre bon de commande {numero} — {vehicule}".into(),
        order_body: "Bonjour {prenom} {nom},\n\nMerci pour votre confiance. Vous trouverez ci-joint votre bon de commande {numero} pour le véhicule {vehicule} ({montant} TTC).\n\nNous vous tiendrons informé(e) de la date de livraison.\n\nBien cordialement,\n{vendeur}\n{garage} — {telephone}".into(),
        other_subject: "Votre dossier — {garage}".into(),
        other_body: "Bonjour {prenom} {nom},\n\nVous trouverez ci-joint les documents de votre dossier.\n\nBien cordialement,\n{vendeur}\n{garage} — {telephone}".into(),
    }
}

fn templates(conn: &Connection) -> Result<MailTemplates> {
    Ok(settings::get(conn, &TEMPLATES)?.unwrap_or_else(default_templates))
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MailDraftQuery {
    pub lead_id: i64,
    /// The files to send (the first one chooses the template).
    pub file_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MailDraft {
    /// The contact's address; null when the contact has none (nothing can be sent).
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DocumentMail {
    pub lead_id: i64,
    pub file_ids: Vec<i64>,
    pub subject: String,
    pub body: String,
}

/// A mail sent (or waiting, or failed) to the customer from the lead.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SentMail {
    pub id: i64,
    pub to: String,
    pub subject: String,
    /// pending, sent or failed.
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attachments: Vec<String>,
}

pub(crate) fn for_lead(conn: &Connection, lead_id: i64) -> Result<Vec<SentMail>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, to_addr, subject, state, attempts, last_error, created_at, sent_at, attachments
             FROM outbox WHERE lead_id = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 100",
        )?
        .query_map(params![lead_id, KIND], |r| {
            let files: Option<String> = r.get(8)?;
            let files: Vec<Attachment> = files
                .and_then(|f| serde_json::from_str(&f).ok())
                .unwrap_or_default();
            Ok(SentMail {
                id: r.get(0)?,
                to: r.get(1)?,
                subject: r.get(2)?,
                state: r.get(3)?,
                attempts: r.get(4)?,
                last_error: r.get(5)?,
                created_at: r.get(6)?,
                sent_at: r.get(7)?,
                attachments: files.into_iter().map(|f| f.file_name).collect(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Replaces the placeholders; values come from the database, the result is plain text.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_string();
    for (key, value) in values {
        out = out.replace(key, value);
    }
    out
}

impl App {
    pub fn mail_templates(&self, _: Empty) -> Result<MailTemplates> {
        templates(&*self.conn()?)
    }

    pub fn mail_templates_set(&self, input: MailTemplates) -> Result<MailTemplates> {
        let subject = |f, v: &str| validate::required_text(f, "Objet", v, MAX_SHORT_TEXT);
        let body = |f, v: &str| validate::required_text(f, "Message", v, MAX_LONG_TEXT);
        let clean = MailTemplates {
            offer_subject: subject("offer_subject", &input.offer_subject)?,
            offer_body: body("offer_body", &input.offer_body)?,
            order_subject: subject("order_subject", &input.order_subject)?,
            order_body: body("order_body", &input.order_body)?,
            other_subject: subject("other_subject", &input.other_subject)?,
            other_body: body("other_body", &input.other_body)?,
        };
        self.write(|tx, ctx| {
            let old = templates(tx)?;
            settings::set(tx, &TEMPLATES, &Some(clean.clone()))?;
            crate::org::audit::record_change(
                tx,
                ctx,
                crate::org::audit::kind::SETTINGS,
                "Modèles d'e-mail des documents modifiés",
                &old,
                &clean,
            )?;
            Ok(clean.clone())
        })
    }

    pub fn document_mail_draft(&self, q: MailDraftQuery) -> Result<MailDraft> {
        let conn = self.conn()?;
        let lead = lead::get(&conn, q.lead_id)?;
        let t = templates(&conn)?;
        let first = q
            .file_ids
            .first()
            .map(|id| files::get(&conn, *id))
            .transpose()?;
        let (subject, body, number, vehicle, amount) =
            match first.as_ref().map(|f| (f.origin, f.ref_id)) {
                Some((FileOrigin::Offer, Some(id))) => {
                    let o = super::offer::get(&conn, id)?;
                    (
                        t.offer_subject,
                        t.offer_body,
                        format!("{} v{}", o.number, o.version),
                        o.vehicle.title(),
                        o.total_ttc_cents,
                    )
                }
                Some((FileOrigin::Order, Some(id))) => {
                    let d = super::order::get(&conn, id)?;
                    let o = super::offer::get(&conn, d.offer_id)?;
                    (
                        t.order_subject,
                        t.order_body,
                        d.number,
                        o.vehicle.title(),
                        d.total_ttc_cents,
                    )
                }
                _ => (
                    t.other_subject,
                    t.other_body,
                    String::new(),
                    String::new(),
                    0,
                ),
            };
        let garage = crate::org::garage::identity(&conn)?;
        let seller = match self.actor().or(lead.owner_id) {
            Some(id) => crate::org::users::get(&conn, id)?.name,
            None => garage.legal_name.clone(),
        };
        let values = [
            ("{prenom}", lead.contact.first_name.clone()),
            ("{nom}", lead.contact.last_name.clone()),
            ("{numero}", number),
            ("{vehicule}", vehicle),
            ("{montant}", super::format::euros(amount)),
            ("{garage}", garage.legal_name.clone()),
            ("{vendeur}", seller),
            ("{telephone}", garage.phone.clone()),
        ];
        Ok(MailDraft {
            to: lead.contact.email.clone(),
            subject: fill(&subject, &values)
                .replace("  ", " ")
                .trim()
                .to_string(),
            body: fill(&body, &values),
        })
    }

    pub fn document_send(&self, input: DocumentMail) -> Result<SentMail> {
        let subject = validate::required_text("subject", "Objet", &input.subject, MAX_SHORT_TEXT)?;
        let body = validate::required_text("body", "Message", &input.body, MAX_LONG_TEXT)?;
        if input.file_ids.is_empty() || input.file_ids.len() > MAX_FILES {
            return Err(CoreError::invalid(
                "file_ids",
                format!("Joignez de 1 à {MAX_FILES} documents."),
            ));
        }
        let id = self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            let to = lead.contact.email.clone().ok_or_else(|| {
                CoreError::invalid("to", "Ce contact n'a pas d'adresse e-mail : ajoutez-la sur la fiche contact avant d'envoyer.")
            })?;
            let mut attachments = Vec::new();
            let mut total = 0;
            for id in &input.file_ids {
                let f = files::get(tx, *id)?;
                if f.lead_id != lead.id {
                    return Err(CoreError::invalid("file_ids", "Ce document n'appartient pas à ce lead."));
                }
                total += f.size;
                let sha: String = tx.query_row("SELECT sha256 FROM lead_files WHERE id = ?1", [f.id], |r| r.get(0))?;
                attachments.push(Attachment { file_name: f.file_name, mime: f.mime, sha256: sha });
            }
            if total > MAX_TOTAL_BYTES {
                return Err(CoreError::invalid("file_ids", "Les pièces jointes dépassent 15 Mo : envoyez-les en plusieurs fois."));
            }
            let id = outbox::queue_with_files(tx, KIND, &to, &subject, &body, Some(lead.id), &ctx.now_text, &attachments)?;
            let names: Vec<&str> = attachments.iter().map(|a| a.file_name.as_str()).collect();
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, timeline::kind::MAIL_SENT,
                &format!("E-mail au client : « {subject} » ({})", names.join(", ")),
                Some(&serde_json::json!({"outbox_id": id, "files": input.file_ids})))?;
            Ok(id)
        })?;
        let conn = self.conn()?;
        let lead_id = input.lead_id;
        for_lead(&conn, lead_id)?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or(CoreError::NotFound { what: "E-mail" })
    }
}
