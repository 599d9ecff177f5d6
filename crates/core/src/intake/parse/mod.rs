//! Lead e-mail intake: turns a raw mail into a lead, or says why it is not one.
//!
//! Pure (no database, no I/O). The pipeline: MIME decoding (`mime`) → not-a-lead checks
//! (`classify`) → ADF/XML (`adf`) → labelled fields of the text and HTML bodies (`fields`) →
//! the sending site or channel (`sites`) → vehicle lines (`vehicle_text`). Every step is bounded
//! in size and time; nothing here panics on any input.

/// A lazily compiled regular expression (None if it does not compile: the parser then skips it).
macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: std::sync::LazyLock<Option<regex::Regex>> =
            std::sync::LazyLock::new(|| regex::Regex::new($re).ok());
    };
}

mod adf;
mod classify;
mod clean;
mod fields;
mod mime;
mod sites;
mod vehicle_text;

use crate::kernel::validate;
use crate::leads::contact::ContactInput;
use crate::leads::lead::LeadKind;
use crate::leads::vehicle::VehicleInput;
use clean::{
    clean_message, clean_plate, clean_vin, is_robot_address, normalise_phone, short, valid_email,
};
use fields::{Field, Fields};
use mime::MailView;
use sites::Route;

/// Mails larger than this are not parsed (the store keeps the raw mail anyway).
pub const MAX_MAIL_BYTES: usize = 25 * 1024 * 1024;
/// Longest message kept, in characters.
const MAX_MESSAGE_CHARS: usize = validate::MAX_LONG_TEXT;

/// A mail read by the intake.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedMail {
    /// Without the angle brackets; None if absent.
    pub message_id: Option<String>,
    /// Sender address, lower-cased.
    pub from: Option<String>,
    pub subject: Option<String>,
    /// The mail's Date header (the time the lead was received).
    pub date: Option<chrono::DateTime<chrono::Utc>>,
    pub outcome: MailOutcome,
}

/// What the mail is.
#[derive(Debug, Clone, PartialEq)]
pub enum MailOutcome {
    Lead(Box<ParsedLead>),
    /// Newsletter, bounce, invoice, automatic reply: the French reason for the quarantine.
    NotALead {
        reason: String,
    },
    /// Looks like a request but lacks what a lead needs: the French reason says what.
    Unparseable {
        reason: String,
    },
}

/// A lead read from a mail.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedLead {
    /// Which parser read it: "lacentrale", "leboncoin", "autoscout24", "paruvendu", "largus",
    /// "caradisiac", "autohero", "adf", "website", "manufacturer" or "generic".
    pub parser: &'static str,
    /// "La Centrale", "Leboncoin", "AutoScout24", "ParuVendu", "Site web", "Constructeur", "E-mail"…
    pub source: String,
    pub kind: LeadKind,
    /// Phone in E.164 when valid (an invalid phone is left out), e-mail lower-cased;
    /// consent_email and consent_sms follow `consent`.
    pub contact: ContactInput,
    /// The vehicle of interest (for a workshop request: the customer's own vehicle).
    pub vehicle: Option<VehicleInput>,
    pub vehicle_price_cents: Option<i64>,
    pub trade_in: Option<VehicleInput>,
    /// Listing reference or manufacturer lead id.
    pub external_ref: Option<String>,
    /// The customer's own words.
    pub message: Option<String>,
    /// The customer opted in to being contacted / to marketing.
    pub consent: bool,
    /// A phone number was given but cannot be a real one (kept as written): the prospect is
    /// asked for the right number by e-mail at once (seed 004).
    pub invalid_phone: Option<String>,
}

/// Reads a raw mail. Never panics; time is bounded on any input.
pub fn parse_mail(raw: &[u8]) -> ParsedMail {
    if raw.len() > MAX_MAIL_BYTES {
        let view = mime::headers_only(raw);
        let reason = format!(
            "Message trop volumineux ({} Mo, 25 Mo au plus) : il n'a pas été analysé. Le message brut est conservé.",
            raw.len() / (1024 * 1024)
        );
        return finish(&view, MailOutcome::Unparseable { reason });
    }
    let view = mime::view(raw);
    let outcome = outcome(&view);
    finish(&view, outcome)
}

fn finish(view: &MailView, outcome: MailOutcome) -> ParsedMail {
    ParsedMail {
        message_id: view.message_id.clone(),
        from: view.from.clone(),
        subject: view.subject.clone(),
        date: view.date,
        outcome,
    }
}

fn not_a_lead(reason: &str) -> MailOutcome {
    MailOutcome::NotALead {
        reason: reason.to_string(),
    }
}

fn unparseable(reason: impl Into<String>) -> MailOutcome {
    MailOutcome::Unparseable {
        reason: reason.into(),
    }
}

fn outcome(mail: &MailView) -> MailOutcome {
    let no_body =
        mail.text.trim().is_empty() && mail.html_text.trim().is_empty() && mail.xml.is_empty();
    if no_body && mail.from.is_none() && mail.subject.is_none() {
        return unparseable(classify::EMPTY);
    }
    if let Some(reason) = classify::bounce(mail).or_else(|| classify::auto_reply(mail)) {
        return not_a_lead(reason);
    }
    if let Some(lead) = mail.xml.iter().find_map(|x| adf::parse(x)) {
        return MailOutcome::Lead(Box::new(from_adf(mail, &lead)));
    }
    from_text(mail)
}

/// The customer's names from the labelled fields.
fn names(fields: &Fields) -> (String, String) {
    let tidy = |v: &str| fields::tidy_name(&fields::strip_civility(v));
    let mut first = fields.get(Field::FirstName).map(tidy).unwrap_or_default();
    let mut last = fields.get(Field::LastName).map(tidy).unwrap_or_default();
    if first.is_empty()
        && !last.is_empty()
        && fields
            .get(Field::LastName)
            .is_some_and(|l| l.split_whitespace().count() >= 2)
    {
        // "Nom : Hélène LEMAÎTRE" without a first-name field.
        let raw = fields.get(Field::LastName).unwrap_or_default();
        let (f, l) = fields::split_full_name(raw, false);
        if !f.is_empty() && !l.is_empty() {
            (first, last) = (f, l);
        }
    }
    if last.is_empty() || first.is_empty() {
        let full = fields
            .get(Field::FullName)
            .map(|v| (v, false))
            .or_else(|| fields.get(Field::FullNameLastFirst).map(|v| (v, true)));
        if let Some((full, last_first)) = full {
            let (f, l) = fields::split_full_name(full, last_first);
            if last.is_empty() {
                last = l;
            }
            if first.is_empty() {
                first = f;
            }
        }
    }
    (
        first.chars().take(validate::MAX_SHORT_TEXT).collect(),
        last.chars().take(validate::MAX_SHORT_TEXT).collect(),
    )
}

regex!(POSTAL, r"\b(\d{5})\b");

fn postal_and_city(fields: &Fields) -> (Option<String>, Option<String>) {
    let find_pc = |v: &str| {
        POSTAL
            .as_ref()
            .and_then(|re| re.captures(v))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    };
    let mut pc = fields.get(Field::PostalCode).and_then(find_pc);
    let mut city = fields
        .get(Field::City)
        .and_then(|c| short(c, validate::MAX_SHORT_TEXT));
    for v in fields
        .all(Field::PostalCity)
        .chain(fields.all(Field::Address))
    {
        if let Some(code) = find_pc(v) {
            if pc.is_none() {
                pc = Some(code.clone());
            }
            if city.is_none() {
                let after = v
                    .split(&code)
                    .nth(1)
                    .unwrap_or("")
                    .trim_matches(|c: char| c == ',' || c == '-' || c.is_whitespace());
                city = short(after, validate::MAX_SHORT_TEXT);
            }
        }
    }
    (pc, city)
}

/// A vehicle from the labelled fields, else from a subject line that names a make.
fn vehicle(fields: &Fields, subjects: &[&str]) -> (Option<VehicleInput>, Option<i64>) {
    let mut price = None;
    let make = fields.get(Field::Make).map(vehicle_text::canonical_make);
    let model = fields.get(Field::Model);
    let mut v = if make.is_some() || model.is_some() {
        let make = make.unwrap_or_default();
        let from_line = model
            .and_then(vehicle_text::parse_line)
            .filter(|(v, _)| make.is_empty() || v.make == make);
        let (model, version) = match from_line {
            Some((v, _)) => (v.model, v.version),
            None => model
                .map(vehicle_text::parse_model_field)
                .unwrap_or_default(),
        };
        Some(VehicleInput {
            make,
            model,
            version,
            vin: None,
            plate: None,
        })
    } else if let Some(line) = fields.get(Field::Vehicle) {
        match vehicle_text::parse_line(line) {
            Some((v, p)) => {
                price = p;
                Some(v)
            }
            None => short(line, validate::MAX_SHORT_TEXT).map(|m| VehicleInput {
                make: String::new(),
                model: m,
                version: None,
                vin: None,
                plate: None,
            }),
        }
    } else {
        subjects
            .iter()
            .find_map(|s| vehicle_text::parse_line(s))
            .map(|(v, p)| {
                price = p;
                v
            })
    };
    let vin = fields.get(Field::Vin).and_then(clean_vin);
    let plate = fields.get(Field::Plate).and_then(clean_plate);
    if v.is_none() && (vin.is_some() || plate.is_some()) {
        v = Some(VehicleInput::default());
    }
    if let Some(v) = v.as_mut() {
        if let Some(version) = fields
            .get(Field::Version)
            .and_then(|s| short(s, validate::MAX_SHORT_TEXT))
        {
            v.version = Some(version);
        }
        v.vin = vin;
        v.plate = plate;
        v.make = v.make.chars().take(validate::MAX_SHORT_TEXT).collect();
        v.model = v.model.chars().take(validate::MAX_SHORT_TEXT).collect();
        v.version = v
            .version
            .take()
            .map(|s| s.chars().take(validate::MAX_SHORT_TEXT).collect());
    }
    if let Some(p) = fields
        .get(Field::Price)
        .and_then(vehicle_text::parse_amount)
    {
        price = Some(p);
    }
    (v, price)
}

fn trade_in(fields: &Fields) -> Option<VehicleInput> {
    let line = fields.get(Field::TradeIn)?;
    if fields::is_yes(line) || fold_is_no(line) {
        return None;
    }
    vehicle_text::parse_line(line).map(|(v, _)| v).or_else(|| {
        short(line, validate::MAX_SHORT_TEXT).map(|m| VehicleInput {
            make: String::new(),
            model: m,
            version: None,
            vin: None,
            plate: None,
        })
    })
}

fn fold_is_no(value: &str) -> bool {
    matches!(
        fields::fold(value).as_str(),
        "non" | "no" | "false" | "0" | "aucun" | "aucune"
    )
}

fn from_text(mail: &MailView) -> MailOutcome {
    let fwd_text = mime::split_forwarded(&mail.text);
    let fwd_html = mime::split_forwarded(&mail.html_text);
    let text = fwd_text
        .as_ref()
        .map_or(mail.text.as_str(), |f| f.body.as_str());
    let html = fwd_html
        .as_ref()
        .map_or(mail.html_text.as_str(), |f| f.body.as_str());
    let fwd = fwd_text.as_ref().or(fwd_html.as_ref());

    let mut fields = fields::extract(text);
    fields.merge_missing(fields::extract(html));

    let mut addresses: Vec<&str> = Vec::new();
    if let Some(f) = fwd.and_then(|f| f.from.as_deref()) {
        addresses.push(f);
    }
    addresses.extend(mail.from.as_deref());
    addresses.extend(mail.sender.as_deref());
    let mut subjects: Vec<&str> = Vec::new();
    subjects.extend(fwd.and_then(|f| f.subject.as_deref()));
    subjects.extend(mail.subject.as_deref());
    let body = if text.trim().is_empty() { html } else { text };
    let route = sites::route(&sites::RouteInput {
        addresses: addresses.clone(),
        to: &mail.to,
        subjects: subjects.clone(),
        body,
    });

    // Contact.
    let phone_values: Vec<&str> = fields.all(Field::Phone).collect();
    let phone = phone_values.iter().find_map(|v| normalise_phone(v));
    let invalid_phone = if phone.is_none() {
        phone_values.first().and_then(|v| short(v, 40))
    } else {
        None
    };
    let mut email = fields.all(Field::Email).find_map(valid_email);
    let labelled = phone.is_some() || email.is_some();
    if email.is_none() && !matches!(route, Route::Generic) {
        let own: Vec<&str> = addresses
            .iter()
            .copied()
            .chain(mail.to.iter().map(String::as_str))
            .collect();
        let acceptable = |e: &String| {
            !own.contains(&e.as_str()) && !is_robot_address(e) && sites::site_named_in(e).is_none()
        };
        email = mail
            .reply_to
            .clone()
            .filter(acceptable)
            .and_then(|e| validate::email("email", &e).ok())
            .or_else(|| {
                mime::find_emails(body)
                    .into_iter()
                    .filter(acceptable)
                    .find_map(|e| validate::email("email", &e).ok())
            });
    }
    let generic_junk = matches!(route, Route::Generic) && classify::not_a_lead(mail).is_some();
    if generic_junk || (!labelled && fields.get(Field::Message).is_none()) {
        if let Some(reason) = classify::not_a_lead(mail) {
            return not_a_lead(reason);
        }
    }
    if phone.is_none() && email.is_none() {
        if let Some(raw) = phone_values.first() {
            return unparseable(format!(
                "Téléphone du client illisible (« {} ») et aucun e-mail trouvé dans le message.",
                raw.chars().take(40).collect::<String>()
            ));
        }
        return unparseable(classify::NO_CONTACT);
    }
    let (first_name, last_name) = names(&fields);
    let (postal_code, city) = postal_and_city(&fields);
    let consent = fields.all(Field::Consent).any(fields::is_yes);
    let contact = ContactInput {
        first_name,
        last_name,
        company: fields
            .get(Field::Company)
            .and_then(|c| short(c, validate::MAX_SHORT_TEXT)),
        phone,
        email,
        postal_code,
        city,
        consent_email: consent,
        consent_sms: consent,
    };

    let (vehicle, vehicle_price_cents) = vehicle(&fields, &subjects);
    let external_ref = fields
        .get(Field::Reference)
        .and_then(sites::clean_reference)
        .or_else(|| subjects.iter().find_map(|s| sites::reference_in_subject(s)));

    let request: Vec<&str> = fields
        .all(Field::RequestType)
        .chain(subjects.iter().copied())
        .collect();
    let requested = sites::kind_from_request(&request.join(" \n "));
    let kind = match route {
        Route::Site(_) => match requested {
            Some(LeadKind::Reprise) => LeadKind::Reprise,
            _ => LeadKind::Vo,
        },
        Route::Manufacturer => requested.unwrap_or(LeadKind::Vn),
        Route::Website | Route::Generic => requested.unwrap_or(if external_ref.is_some() {
            LeadKind::Vo
        } else {
            LeadKind::Vn
        }),
    };

    MailOutcome::Lead(Box::new(ParsedLead {
        parser: route.parser(),
        source: route.source().to_string(),
        kind,
        contact,
        vehicle,
        vehicle_price_cents,
        trade_in: trade_in(&fields),
        external_ref,
        message: fields.get(Field::Message).and_then(clean_message),
        consent,
        invalid_phone,
    }))
}

fn adf_vehicle(v: &adf::AdfVehicle) -> VehicleInput {
    let make = v
        .make
        .as_deref()
        .map(vehicle_text::canonical_make)
        .unwrap_or_default();
    let model = v.model.clone().unwrap_or_default();
    VehicleInput {
        make: make.chars().take(validate::MAX_SHORT_TEXT).collect(),
        model: model.chars().take(validate::MAX_SHORT_TEXT).collect(),
        version: v
            .trim
            .as_deref()
            .and_then(|t| short(t, validate::MAX_SHORT_TEXT)),
        vin: v.vin.as_deref().and_then(clean_vin),
        plate: None,
    }
}

fn from_adf(mail: &MailView, lead: &adf::AdfLead) -> ParsedLead {
    let interest = |v: &&adf::AdfVehicle| !matches!(v.interest.as_str(), "trade-in" | "sell");
    let wanted = lead.vehicles.iter().find(interest);
    let traded = lead
        .vehicles
        .iter()
        .find(|v| matches!(v.interest.as_str(), "trade-in" | "sell"));
    let kind = match wanted {
        Some(v) if v.interest == "service" => LeadKind::Apv,
        Some(v) if v.status == "used" => LeadKind::Vo,
        Some(_) => LeadKind::Vn,
        None if traded.is_some() => LeadKind::Reprise,
        None => LeadKind::Vn,
    };
    let (mut first, mut last) = (
        lead.first_name.clone().unwrap_or_default(),
        lead.last_name.clone().unwrap_or_default(),
    );
    if let (true, Some(full)) = (last.is_empty(), lead.full_name.as_deref()) {
        let (f, l) = fields::split_full_name(full, false);
        last = l;
        if first.is_empty() {
            first = f;
        }
    }
    let phone = lead.phones.iter().find_map(|(_, p)| normalise_phone(p));
    let invalid_phone = if phone.is_none() {
        lead.phones.first().and_then(|(_, p)| short(p, 40))
    } else {
        None
    };
    let email = lead.email.as_deref().and_then(valid_email);
    let provider = [lead.provider.as_deref(), lead.id_source.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let source = match sites::site_named_in(&provider) {
        Some(site) => site.source.to_string(),
        None => {
            let addresses: Vec<&str> = mail.from.as_deref().into_iter().collect();
            let subjects: Vec<&str> = mail.subject.as_deref().into_iter().collect();
            match sites::route(&sites::RouteInput {
                addresses,
                to: &mail.to,
                subjects,
                body: "",
            }) {
                r @ (Route::Site(_) | Route::Website) => r.source().to_string(),
                _ => "Constructeur".to_string(),
            }
        }
    };
    let price = wanted
        .and_then(|v| v.price.as_deref())
        .and_then(vehicle_text::parse_amount);
    ParsedLead {
        parser: "adf",
        source,
        kind,
        contact: ContactInput {
            first_name: fields::tidy_name(&first),
            last_name: fields::tidy_name(&last),
            company: None,
            phone,
            email,
            postal_code: lead.postal_code.as_deref().and_then(|p| short(p, 10)),
            city: lead
                .city
                .as_deref()
                .and_then(|c| short(c, validate::MAX_SHORT_TEXT)),
            consent_email: false,
            consent_sms: false,
        },
        vehicle: wanted.map(adf_vehicle),
        vehicle_price_cents: price,
        trade_in: traded.map(adf_vehicle),
        external_ref: lead.id.as_deref().and_then(|i| short(i, 64)),
        message: lead.comments.as_deref().and_then(clean_message),
        consent: false,
        invalid_phone,
    }
}

#[cfg(test)]
mod tests;
