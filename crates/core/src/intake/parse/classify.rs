//! What is not a lead: bounces, automatic replies, newsletters, invoices. Each gets a French reason
//! for the quarantine.

use super::fields::fold;
use super::mime::MailView;

pub(crate) const BOUNCE: &str = "Message de non-remise (bounce) : un e-mail envoyé n'a pas pu être délivré ; ce n'est pas une demande de client.";
pub(crate) const AUTO_REPLY: &str =
    "Réponse automatique (absence, accusé de réception) : ce n'est pas une demande de client.";
pub(crate) const NEWSLETTER: &str =
    "Lettre d'information (newsletter) : ce n'est pas une demande de client.";
pub(crate) const INVOICE: &str =
    "Facture ou document comptable : ce n'est pas une demande de client.";
pub(crate) const NO_CONTACT: &str = "Aucun téléphone ni e-mail du client trouvé dans le message.";
pub(crate) const EMPTY: &str = "Message vide ou illisible : aucun en-tête ni contenu exploitable.";

fn has_word(text: &str, word: &str) -> bool {
    format!(" {text} ").contains(&format!(" {word} "))
}

/// A bounce, whatever it contains (bounces quote the original mail, which may look like a lead).
pub(crate) fn bounce(mail: &MailView) -> Option<&'static str> {
    let from = mail.from.as_deref().unwrap_or("");
    let local = from.split('@').next().unwrap_or("");
    let subject = fold(mail.subject.as_deref().unwrap_or(""));
    let bounce_subject = [
        "delivery status notification",
        "undelivered",
        "undeliverable",
        "mail delivery failed",
        "delivery failure",
        "returned mail",
        "non remis",
        "echec de la remise",
        "echec de remise",
        "message non delivre",
        "failure notice",
        "delivery has failed",
    ]
    .iter()
    .any(|w| subject.contains(w));
    let bounce_sender = matches!(local, "mailer-daemon" | "postmaster" | "mail-daemon");
    (mail.is_report || bounce_sender || bounce_subject).then_some(BOUNCE)
}

/// A request to receive no more prospecting (a reply « STOP » to a Carnet mail, the
/// List-Unsubscribe mailto): the sender's address. Only the person's own first line counts —
/// « STOP », « Désinscription », « Unsubscribe », « Ne plus recevoir… » — never a word quoted
/// further down, so that a lead that mentions "stop" stays a lead.
pub(crate) fn opt_out(mail: &MailView) -> Option<String> {
    const PHRASES: &[&str] = &[
        "stop",
        "stop merci",
        "stop pub",
        "desinscription",
        "desinscrire",
        "me desinscrire",
        "desinscrivez moi",
        "desabonnement",
        "desabonner",
        "me desabonner",
        "unsubscribe",
        "ne plus recevoir",
        "je ne souhaite plus recevoir",
        "je ne veux plus recevoir",
        "supprimez moi",
    ];
    let is_phrase = |text: &str| {
        let folded = fold(text);
        PHRASES
            .iter()
            .any(|p| folded == *p || (folded.starts_with(p) && p.len() > 8))
    };
    let first_line = mail
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    // "Re: STOP", "TR : Désinscription": the reply prefixes do not count.
    let mut subject = mail.subject.as_deref().unwrap_or("").trim();
    while let Some((prefix, rest)) = subject.split_once(':') {
        if !matches!(fold(prefix).as_str(), "re" | "tr" | "fw" | "fwd" | "aw") {
            break;
        }
        subject = rest.trim();
    }
    let asked = is_phrase(first_line) || is_phrase(subject);
    asked.then(|| mail.from.clone()).flatten()
}

/// An automatic reply.
pub(crate) fn auto_reply(mail: &MailView) -> Option<&'static str> {
    let subject = fold(mail.subject.as_deref().unwrap_or(""));
    let auto_subject = [
        "reponse automatique",
        "auto reply",
        "autoreply",
        "automatic reply",
        "out of office",
        "absence du bureau",
        "message d absence",
        "accuse de reception",
    ]
    .iter()
    .any(|w| subject.contains(w));
    (mail.is_auto_reply || auto_subject).then_some(AUTO_REPLY)
}

/// A newsletter or an invoice, for a mail in which no customer contact was found.
pub(crate) fn not_a_lead(mail: &MailView) -> Option<&'static str> {
    let subject = fold(mail.subject.as_deref().unwrap_or(""));
    let from = fold(mail.from.as_deref().unwrap_or(""));
    let body = fold(&mail.text.chars().take(5000).collect::<String>());
    let invoice_words = [
        "facture",
        "factures",
        "invoice",
        "avis d echeance",
        "releve de compte",
        "recu de paiement",
        "avoir",
        "echeancier",
    ];
    let invoice_attachment = mail.attachment_names.iter().any(|n| {
        let n = fold(n);
        n.starts_with("facture") || n.starts_with("invoice") || n.contains(" facture")
    });
    if invoice_attachment
        || invoice_words.iter().any(|w| has_word(&subject, w))
        || has_word(&from, "facture")
        || has_word(&from, "billing")
    {
        return Some(INVOICE);
    }
    let news_words = [
        "newsletter",
        "lettre d information",
        "news",
        "actualites",
        "nouveautes",
        "promotions",
        "webinar",
    ];
    if mail.is_bulk
        || news_words.iter().any(|w| has_word(&subject, w))
        || has_word(&from, "news")
        || has_word(&from, "newsletter")
        || body.contains("se desabonner")
        || body.contains("desinscrire")
        || body.contains("unsubscribe")
    {
        return Some(NEWSLETTER);
    }
    None
}
