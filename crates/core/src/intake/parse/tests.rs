//! Variants of real lead mails (charsets, HTML only, forwards, ADF…) and robustness.

use super::*;
use std::time::{Duration, Instant};

fn lead(raw: impl AsRef<[u8]>) -> ParsedLead {
    match parse_mail(raw.as_ref()).outcome {
        MailOutcome::Lead(l) => *l,
        other => panic!("not a lead: {other:?}"),
    }
}

fn fold(s: &str) -> String {
    fields::fold(s)
}

const LACENTRALE_BODY: &str = "Vous avez reçu une nouvelle demande concernant votre annonce :\n\
Peugeot 208 1.2 PureTech 100 Allure - 18 490 €\n\
Référence annonce : 11223344\n\n\
Nom : Martin\nPrénom : Paul\nTél. : 06 12 34 56 78\nEmail : paul.martin@example.fr\nCode postal : 69003\n\
Message : Est-elle encore disponible ?\n\nL'équipe La Centrale\n";

#[test]
fn html_only_body_with_table_and_other_labels() {
    let raw = "From: Site <formulaire@garage-des-lilas.fr>\r\nTo: contact@garage-des-lilas.fr\r\nSubject: Nouvelle demande\r\n\
Date: Tue, 03 Nov 2026 10:00:00 +0100\r\nMessage-ID: <a1@x>\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<html><head><style>td{color:red}</style></head><body><table>\
<tr><td>Nom complet :</td><td>LEMAÎTRE Hélène</td></tr>\
<tr><td>Portable</td><td>+33 6 77 63 17 06</td></tr>\
<tr><td>Adresse e-mail</td><td><a href=\"mailto:h.l@example.fr\">h.l@example.fr</a></td></tr>\
<tr><td>Code postal / Ville</td><td>35000 Rennes</td></tr>\
<tr><td>Marque</td><td>CITROEN</td></tr><tr><td>Modèle</td><td>C5 Aircross Hybrid 225</td></tr>\
<tr><td>Votre message</td><td>Bonjour <script>steal()</script>je voudrais un essai.</td></tr>\
<tr><td>J'accepte de recevoir des offres</td><td>Oui</td></tr></table></body></html>\r\n";
    let l = lead(raw);
    assert_eq!(
        (l.contact.first_name.as_str(), l.contact.last_name.as_str()),
        ("Hélène", "Lemaître")
    );
    assert_eq!(l.contact.phone.as_deref(), Some("+33677631706"));
    assert_eq!(l.contact.email.as_deref(), Some("h.l@example.fr"));
    assert_eq!(
        (l.contact.postal_code.as_deref(), l.contact.city.as_deref()),
        (Some("35000"), Some("Rennes"))
    );
    let v = l.vehicle.unwrap();
    assert_eq!(
        (v.make.as_str(), v.model.as_str(), v.version.as_deref()),
        ("Citroën", "C5 Aircross", Some("Hybrid 225"))
    );
    let m = l.message.unwrap();
    assert!(
        m.contains("je voudrais un essai") && !m.contains("steal"),
        "{m}"
    );
    assert!(l.consent);
    assert_eq!(
        (l.parser, l.source.as_str(), l.kind),
        ("website", "Site web", LeadKind::Vn)
    );
}

fn latin1_mail(charset: &str) -> Vec<u8> {
    let mut raw = format!(
        "From: Leboncoin <no-reply@leboncoin.fr>\r\nTo: contact@garage.fr\r\nSubject: Nouveau message\r\n\
Date: Tue, 03 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    .into_bytes();
    raw.extend_from_slice(b"Votre annonce :\r\nRenault M\xe9gane IV Estate Blue dCi 115 - 15 990 \x80\r\nN\xb0 d'annonce : 2233\r\n\r\nNom : Fran\xe7ois\r\nPr\xe9nom : H\xe9l\xe8ne\r\nT\xe9l\xe9phone : 06 11 22 33 44\r\nCourriel : helene@example.fr\r\nMessage : Int\xe9ress\xe9e, merci.\r\n");
    raw
}

#[test]
fn windows_1252_and_iso_8859_1_bodies() {
    for charset in ["windows-1252", "iso-8859-1", "\"ISO-8859-1\""] {
        let l = lead(latin1_mail(charset));
        assert_eq!(l.contact.first_name, "Hélène", "{charset}");
        assert_eq!(l.contact.last_name, "François");
        assert_eq!(l.contact.phone.as_deref(), Some("+33611223344"));
        assert_eq!(l.external_ref.as_deref(), Some("2233"));
        assert_eq!(l.message.as_deref(), Some("Intéressée, merci."));
        let v = l.vehicle.unwrap();
        assert_eq!(
            (v.make.as_str(), v.model.as_str()),
            ("Renault", "Mégane IV Estate")
        );
        assert_eq!((l.source.as_str(), l.kind), ("Leboncoin", LeadKind::Vo));
    }
    // mail-parser maps ISO-8859-1 to Windows-1252, so the euro sign of 0x80 is read too.
    assert_eq!(
        lead(latin1_mail("windows-1252"))
            .vehicle
            .as_ref()
            .and_then(|v| v.price_cents),
        Some(1_599_000)
    );
}

#[test]
fn utf8_declared_but_latin1_bytes_is_best_effort() {
    let l = lead(latin1_mail("utf-8"));
    assert_eq!(fold(&l.contact.first_name), "helene");
    assert_eq!(l.contact.email.as_deref(), Some("helene@example.fr"));
}

#[test]
fn base64_body() {
    let body = "Nom : Durand\nPrénom : Éric\nGSM : 07 81 22 33 44\nE-mail : eric@example.fr\nVéhicule : Dacia Sandero Stepway TCe 90\n";
    let encoded = base64_encode(body.as_bytes());
    let raw = format!("From: ParuVendu <contact@paruvendu.fr>\r\nSubject: Contact\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n");
    let l = lead(raw);
    assert_eq!(l.contact.first_name, "Éric");
    assert_eq!(l.contact.phone.as_deref(), Some("+33781223344"));
    assert_eq!(l.vehicle.unwrap().model, "Sandero Stepway");
    assert_eq!(l.parser, "paruvendu");
}

fn base64_encode(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(T[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn check_lacentrale(l: &ParsedLead) {
    assert_eq!(
        (l.parser, l.source.as_str(), l.kind),
        ("lacentrale", "La Centrale", LeadKind::Vo)
    );
    assert_eq!(
        l.contact.phone.as_deref(),
        Some("+33612345678"),
        "the forwarder's signature must not win"
    );
    assert_eq!(l.contact.last_name, "Martin");
    assert_eq!(l.external_ref.as_deref(), Some("11223344"));
    assert_eq!(
        l.vehicle.as_ref().and_then(|v| v.price_cents),
        Some(1_849_000)
    );
    assert_eq!(l.vehicle.as_ref().map(|v| v.model.as_str()), Some("208"));
}

#[test]
fn gmail_forward_of_a_la_centrale_lead() {
    let raw = format!(
        "From: Jean Vendeur <jean@garage-des-lilas.fr>\r\nTo: leads@garage-des-lilas.fr\r\nSubject: Fwd: Nouveau contact\r\n\
Date: Tue, 03 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
A traiter stp\r\n--\r\nJean\r\nTél : 01 02 03 04 05\r\nEmail : jean@garage-des-lilas.fr\r\n\r\n\
---------- Forwarded message ---------\r\nFrom: La Centrale <no-reply@lacentrale.fr>\r\nDate: Mon, 2 Nov 2026 at 08:04\r\n\
Subject: Nouveau contact pour votre annonce PEUGEOT 208\r\nTo: <contact@garage-des-lilas.fr>\r\n\r\n{}",
        LACENTRALE_BODY.replace('\n', "\r\n")
    );
    check_lacentrale(&lead(raw));
}

#[test]
fn outlook_forward_of_a_la_centrale_lead() {
    let quoted: String = LACENTRALE_BODY
        .lines()
        .map(|l| format!("> {l}\r\n"))
        .collect();
    let raw = format!(
        "From: Jean Vendeur <jean@garage-des-lilas.fr>\r\nSubject: TR: Nouveau contact\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
Pour toi.\r\nJean - Tél. 01 02 03 04 05\r\n\r\n\
De : La Centrale <no-reply@lacentrale.fr>\r\nEnvoyé : lundi 2 novembre 2026 08:04\r\nÀ : contact@garage-des-lilas.fr\r\n\
Objet : Nouveau contact pour votre annonce PEUGEOT 208\r\n\r\n{quoted}"
    );
    check_lacentrale(&lead(raw));
}

#[test]
fn attached_rfc822_forward() {
    let raw = format!(
        "From: Jean <jean@garage-des-lilas.fr>\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir la pièce jointe. Jean, Tél : 01 02 03 04 05\r\n\
--b1\r\nContent-Type: message/rfc822\r\n\r\n\
From: La Centrale <no-reply@lacentrale.fr>\r\nSubject: Nouveau contact\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{}\r\n--b1--\r\n",
        LACENTRALE_BODY.replace('\n', "\r\n")
    );
    check_lacentrale(&lead(raw));
}

const ADF_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf><prospect status="new">
 <id sequence="1" source="Toyota France">TY-998877</id>
 <vehicle interest="buy" status="new"><year>2026</year><make>TOYOTA</make><model>Yaris Cross</model><trim>Hybrid 130 Design</trim>
  <price type="quote" currency="EUR">28 900</price></vehicle>
 <vehicle interest="trade-in" status="used"><year>2014</year><make>Renault</make><model>Clio</model><trim>III 1.5 dCi</trim></vehicle>
 <customer><contact><name part="full">Anne-Sophie LEROY</name><email>as.leroy@example.fr</email>
  <phone type="cellphone">+33 7 88 99 00 11</phone><address><postalcode>75011</postalcode><city>Paris</city></address></contact>
  <comments>Essai possible samedi ?</comments></customer>
 <provider><name part="full">Toyota Leads</name></provider>
</prospect></adf>"#;

fn check_adf(l: &ParsedLead) {
    assert_eq!(
        (l.parser, l.source.as_str(), l.kind),
        ("adf", "Constructeur", LeadKind::Vn)
    );
    assert_eq!(
        (l.contact.first_name.as_str(), l.contact.last_name.as_str()),
        ("Anne-Sophie", "Leroy")
    );
    assert_eq!(l.contact.phone.as_deref(), Some("+33788990011"));
    assert_eq!(l.external_ref.as_deref(), Some("TY-998877"));
    let v = l.vehicle.as_ref().unwrap();
    assert_eq!(
        (v.make.as_str(), v.model.as_str(), v.version.as_deref()),
        ("Toyota", "Yaris Cross", Some("Hybrid 130 Design"))
    );
    assert_eq!(
        l.vehicle.as_ref().and_then(|v| v.price_cents),
        Some(2_890_000)
    );
    let t = l.trade_in.as_ref().unwrap();
    assert_eq!((t.make.as_str(), t.model.as_str()), ("Renault", "Clio"));
    assert_eq!(l.message.as_deref(), Some("Essai possible samedi ?"));
    assert_eq!(l.contact.postal_code.as_deref(), Some("75011"));
}

#[test]
fn adf_in_the_body() {
    let raw = format!("From: leads@oem.example\r\nSubject: Lead\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{ADF_XML}\r\n");
    check_adf(&lead(raw));
}

#[test]
fn adf_attached() {
    let raw = format!(
        "From: Leads <leads@oem.example>\r\nSubject: Nouveau lead\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n\
--x\r\nContent-Type: text/plain\r\n\r\nCi-joint.\r\n--x\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\
Content-Disposition: attachment; filename=\"lead.xml\"\r\n\r\n{}\r\n--x--\r\n",
        base64_encode(ADF_XML.as_bytes())
    );
    check_adf(&lead(raw));
}

#[test]
fn leboncoin_without_phone_is_a_lead() {
    let raw = "From: leboncoin <messagerie@leboncoin.fr>\r\nReply-To: Inès <ines.relay@example.fr>\r\nSubject: Nouveau message pour « Fiat 500 »\r\n\
Content-Type: text/plain; charset=utf-8\r\n\r\nNom : Inès\r\nMessage : Toujours dispo ?\r\n";
    let l = lead(raw);
    assert_eq!(l.contact.email.as_deref(), Some("ines.relay@example.fr"));
    assert_eq!(l.contact.phone, None);
    assert_eq!(l.source, "Leboncoin");
    assert_eq!(l.vehicle.unwrap().model, "500");
}

#[test]
fn neither_phone_nor_email_is_unparseable() {
    let raw = "From: Site <formulaire@garage.fr>\r\nTo: contact@garage.fr\r\nSubject: [Site web] Demande\r\nContent-Type: text/plain\r\n\r\nNom : Dupont\r\nMessage : rappelez-moi\r\n";
    match parse_mail(raw.as_bytes()).outcome {
        MailOutcome::Unparseable { reason } => assert_eq!(
            reason,
            "Aucun téléphone ni e-mail du client trouvé dans le message."
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bounce_quoting_a_lead_is_not_a_lead() {
    let raw = format!(
        "From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nSubject: Undelivered Mail Returned to Sender\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n\
--r\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--r\r\nContent-Type: message/rfc822\r\n\r\nFrom: no-reply@lacentrale.fr\r\n\r\n{LACENTRALE_BODY}\r\n--r--\r\n"
    );
    match parse_mail(raw.as_bytes()).outcome {
        MailOutcome::NotALead { reason } => assert!(reason.contains("non-remise"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn newsletter_and_invoice_are_not_leads() {
    let news = "From: Promo <promo@marketing.example>\r\nSubject: Les offres du mois\r\nList-Unsubscribe: <mailto:u@marketing.example>\r\n\
Content-Type: text/html\r\n\r\n<p>Nos offres. Contact : info@marketing.example</p>\r\n";
    assert!(
        matches!(parse_mail(news.as_bytes()).outcome, MailOutcome::NotALead { reason } if reason.contains("newsletter"))
    );
    let invoice = "From: Compta <compta@fournisseur.example>\r\nSubject: Document\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"i\"\r\n\r\n\
--i\r\nContent-Type: text/plain\r\n\r\nBonjour, ci-joint.\r\n--i\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"Facture-2026-11.pdf\"\r\n\r\nJVBERi0=\r\n--i--\r\n";
    assert!(
        matches!(parse_mail(invoice.as_bytes()).outcome, MailOutcome::NotALead { reason } if reason.starts_with("Facture"))
    );
}

#[test]
fn workshop_and_trade_in_requests() {
    let apv = "From: formulaire@garage.fr\r\nTo: contact@garage.fr\r\nSubject: Demande d'entretien\r\nContent-Type: text/plain\r\n\r\nNom : Roy\r\nTel : 0611223344\r\nImmatriculation : ab-123-cd\r\n";
    let l = lead(apv);
    assert_eq!(l.kind, LeadKind::Apv);
    assert_eq!(l.vehicle.unwrap().plate.as_deref(), Some("AB-123-CD"));
    let reprise = "From: formulaire@garage.fr\r\nTo: contact@garage.fr\r\nSubject: [Site web] Estimation de votre véhicule\r\nContent-Type: text/plain\r\n\r\nNom : Roy\r\nTel : 0611223344\r\nVéhicule à reprendre : Peugeot 308 SW 1.6 HDi\r\n";
    let l = lead(reprise);
    assert_eq!(l.kind, LeadKind::Reprise);
    assert_eq!(l.trade_in.unwrap().model, "308 SW");
}

#[test]
fn received_time_is_the_mail_date() {
    let raw = "From: a@leboncoin.fr\r\nDate: Mon, 02 Nov 2026 08:04:00 +0100\r\nMessage-ID:  <abc@x> \r\n\r\nEmail : a@b.fr\r\n";
    let m = parse_mail(raw.as_bytes());
    assert_eq!(
        m.date.map(|d| d.to_rfc3339()),
        Some("2026-11-02T07:04:00+00:00".to_string())
    );
    assert_eq!(m.message_id.as_deref(), Some("abc@x"));
}

#[test]
fn xml_bomb_in_adf_attachment_returns_quickly() {
    let mut xml =
        String::from("<?xml version=\"1.0\"?><!DOCTYPE adf [<!ENTITY a0 \"lollollollol\">");
    for i in 1..12 {
        xml.push_str(&format!(
            "<!ENTITY a{i} \"{}\">",
            format!("&a{};", i - 1).repeat(10)
        ));
    }
    xml.push_str("]><adf><prospect><customer><contact><name part=\"last\">&a11;</name><email>x@example.fr</email></contact><comments>&a11;&a11;</comments></customer></prospect></adf>");
    let raw = format!(
        "From: leads@oem.example\r\nSubject: Lead\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n\
--x\r\nContent-Type: application/xml\r\nContent-Disposition: attachment; filename=\"bomb.xml\"\r\n\r\n{xml}\r\n--x--\r\n"
    );
    let start = Instant::now();
    let l = lead(raw);
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(l.message.is_none_or(|m| m.len() < 100) && l.contact.last_name.len() < 100);
}

#[test]
fn huge_attachment_in_bounded_time() {
    let blob = "QUFB".repeat(20 * 1024 * 1024 / 4 / 76 * 76 / 4 * 4);
    let lines: Vec<&str> = blob
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    let raw = format!(
        "From: no-reply@lacentrale.fr\r\nSubject: Contact\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"z\"\r\n\r\n\
--z\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{LACENTRALE_BODY}\r\n--z\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--z--\r\n",
        lines.join("\r\n")
    );
    assert!(raw.len() > 19 * 1024 * 1024);
    let start = Instant::now();
    let l = lead(&raw);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(l.external_ref.as_deref(), Some("11223344"));
    // Over 25 MB: not parsed, headers still read.
    let mut big = b"Message-ID: <big@x>\r\nFrom: a@b.fr\r\n\r\n".to_vec();
    big.resize(MAX_MAIL_BYTES + 1, b'a');
    let m = parse_mail(&big);
    assert_eq!(m.message_id.as_deref(), Some("big@x"));
    assert!(
        matches!(m.outcome, MailOutcome::Unparseable { reason } if reason.contains("trop volumineux"))
    );
}

#[test]
fn malformed_inputs_do_not_panic() {
    for raw in [
        &b""[..],
        b"\r\n\r\n",
        b"From:\r\nContent-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--",
        b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n",
        b"Content-Type: text/html\r\n\r\n<table><tr><td>T\xc3\xa9l.</td><td>06 12 34 56 78</td></tr><script>while(1){}</script>",
        b"Subject: =?utf-8?B?////?=\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@",
    ] {
        let _ = parse_mail(raw);
    }
    let nested = "Content-Type: message/rfc822\r\n\r\n".repeat(200);
    let _ = parse_mail(nested.as_bytes());
    let deep = format!("<adf>{}<email>a@b.fr</email>", "<x>".repeat(10_000));
    let _ = parse_mail(format!("Subject: x\r\n\r\n{deep}").as_bytes());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        format!(
            "From: La Centrale <no-reply@lacentrale.fr>\r\nSubject: Nouveau contact\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n\
--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n\
--b\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<table><tr><td>Nom</td><td>Martin</td></tr></table>\r\n--b\r\n\
Content-Type: application/xml\r\n\r\n{ADF_XML}\r\n--b--\r\n",
            LACENTRALE_BODY.replace("é", "=C3=A9")
        )
        .into_bytes()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let _ = parse_mail(&bytes);
        }

        #[test]
        fn mutated_mails_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..40)) {
            let mut raw = sample();
            for (at, byte, op) in edits {
                if raw.is_empty() { break; }
                let i = at.index(raw.len());
                match op {
                    0 => raw[i] = byte,
                    1 => raw.insert(i, byte),
                    _ => { raw.remove(i); }
                }
            }
            let _ = parse_mail(&raw);
        }
    }
}
