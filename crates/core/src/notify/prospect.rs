//! Mails to the prospect that answer their own request: "we could not reach you" after the
//! attempts rule, "your number seems wrong" at once when the number cannot be right (seed 004).

use crate::kernel::error::Result;
use crate::leads::lead::Lead;
use crate::leads::timeline::{self, kind};
use crate::notify::outbox;
use rusqlite::{params, Connection};

/// The e-mail sent to a prospect who could not be reached (or whose number is wrong).
fn unreachable_mail(conn: &Connection, lead: &Lead, wrong_number: bool, now: &str) -> Result<bool> {
    let Some(to) = lead.contact.email.as_deref() else {
        return Ok(false);
    };
    // Someone who answered STOP gets nothing more, not even a reply to their old request —
    // unless they opted in again since.
    let stopped: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM consent_events s WHERE s.contact_id = ?1 AND s.channel = 'email' AND s.new = 0 AND s.source = ?2
           AND NOT EXISTS(SELECT 1 FROM consent_events o WHERE o.contact_id = s.contact_id AND o.channel = 'email' AND o.new = 1
                          AND (o.at > s.at OR (o.at = s.at AND o.id > s.id))))",
        params![lead.contact.id, crate::leads::consent::source::STOP_REPLY],
        |r| r.get(0),
    )?;
    if stopped {
        return Ok(false);
    }
    let site_phone: Option<String> = conn.query_row(
        "SELECT phone FROM sites WHERE id = ?1",
        [lead.site_id],
        |r| r.get(0),
    )?;
    let reach = site_phone.map(|p| format!(" au {p}")).unwrap_or_default();
    let first = if lead.contact.first_name.is_empty() {
        "Madame, Monsieur".to_string()
    } else {
        format!("Bonjour {}", lead.contact.first_name)
    };
    let about = lead
        .vehicle
        .as_ref()
        .map(|v| format!(" concernant {}", v.label()))
        .unwrap_or_default();
    let body = if wrong_number {
        format!(
            "{first},\n\nVous nous avez contactés{about} et nous souhaitions vous rappeler, mais le numéro de téléphone indiqué ne semble pas être le bon.\n\
             Pouvez-vous nous répondre en nous indiquant un numéro où vous joindre, ou nous appeler{reach} ?\n\n{}\n"
        , lead.site)
    } else {
        format!(
            "{first},\n\nVous nous avez contactés{about} et nous avons essayé de vous joindre à plusieurs reprises, sans succès.\n\
             Répondez simplement à ce message en nous indiquant le meilleur moment pour vous rappeler, ou appelez-nous{reach}.\n\n{}\n"
        , lead.site)
    };
    // Who writes (the garage's legal identity) and the way out, which intake honours.
    let garage = crate::org::garage::identity(conn)?;
    let sender = [
        garage.legal_name.as_str(),
        garage.address.as_str(),
        &format!("{} {}", garage.postal_code, garage.city),
    ]
    .iter()
    .map(|s| s.trim())
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let body = format!(
        "{body}\nVous recevez ce message en réponse à votre propre demande (réf. {}){}. Pour ne plus recevoir de message de notre part, répondez STOP.\n",
        lead.code,
        if sender.is_empty() { String::new() } else { format!(" de la part de {sender}") }
    );
    let subject = if wrong_number {
        "Votre demande : merci de nous indiquer votre numéro"
    } else {
        "Votre demande : nous n'avons pas pu vous joindre"
    };
    // A reply to the prospect's own request: queued even before SMTP is set up, sent once it is.
    outbox::queue_always(conn, "prospect", to, subject, &body, Some(lead.id), now)?;
    Ok(true)
}

/// Queues the mail once per lead and records it on the timeline. Returns whether it was queued
/// (not when the prospect left no e-mail, or had it already).
pub(crate) fn send_unreachable(
    conn: &Connection,
    lead: &Lead,
    wrong_number: bool,
    now_text: &str,
) -> Result<bool> {
    let already: Option<String> = conn.query_row(
        "SELECT unreachable_mail_at FROM leads WHERE id = ?1",
        [lead.id],
        |r| r.get(0),
    )?;
    if already.is_some() {
        return Ok(false);
    }
    let queued = unreachable_mail(conn, lead, wrong_number, now_text)?;
    if queued {
        conn.execute(
            "UPDATE leads SET unreachable_mail_at = ?2 WHERE id = ?1",
            params![lead.id, now_text],
        )?;
        let text = if wrong_number {
            "E-mail « numéro erroné » envoyé au client"
        } else {
            "E-mail « tentatives infructueuses » envoyé au client"
        };
        timeline::append(conn, lead.id, now_text, None, kind::ALERT, text, None)?;
    }
    Ok(queued)
}
