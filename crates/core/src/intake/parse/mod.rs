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

use crate::kernel::postal;
use crate::kernel::validate;
use crate::leads::contact::ContactInput;
use crate::leads::lead::LeadKind;
use crate::leads::referential;
use crate::leads::vehicle::VehicleInput;
use clean::{clean_message, clean_plate, clean_vin, is_robot_address, short, valid_email};
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
    /// The sender asks to receive no more prospecting (« STOP »): their address.
    OptOut {
        address: String,
    },
}

/// A lead read from a mail.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedLead {
    /// Which parser read it: "lacentrale", "leboncoin", "autoscout24", "paruvendu", "largus",
    /// "caradisiac", "autohero", "adf", "website", "manufacturer" or "generic".
    pub parser: &'static str,
    /// "La Centrale", "Leboncoin", "AutoScout24", "ParuVendu", "Site web", "Constructeur", an ADF
    /// provider's name, "E-mail"…
    pub source: String,
    pub kind: LeadKind,
    /// Phone in E.164 when it reads as a number of the person's country, otherwise as written
    /// (intake then keeps it flagged « à vérifier »); country as ISO alpha-2 when known.
    pub contact: ContactInput,
    /// The vehicle of interest (for a workshop request: the customer's own vehicle), with the
    /// price the request names.
    pub vehicle: Option<VehicleInput>,
    pub trade_in: Option<VehicleInput>,
    /// Further vehicles the request names (a quote for several cars, a favourites list).
    pub other_vehicles: Vec<VehicleInput>,
    /// Listing reference or manufacturer lead id.
    pub external_ref: Option<String>,
    /// The customer's own words.
    pub message: Option<String>,
    /// The customer opted in to being contacted / to marketing.
    pub consent: bool,
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
    if let Some(address) = classify::opt_out(mail) {
        return MailOutcome::OptOut { address };
    }
    if let Some(lead) = mail.xml.iter().find_map(|x| adf::parse(x)) {
        return MailOutcome::Lead(Box::new(from_adf(mail, &lead)));
    }
    from_text(mail)
}

/// The customer's names from the labelled fields.
fn names(fields: &Fields) -> (String, String) {
    let tidy = |v: &str| fields::tidy_name(&fields::strip_civility(&validate::plain_text(v)));
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
        // "De : Marie Dupont" names the sender; "De : leboncoin <no-reply@…>" is a header.
        let person = |v: &&str| !v.contains('@') && !v.contains('<') && !v.trim().is_empty();
        let full = fields
            .all(Field::FullName)
            .find(person)
            .map(|v| (v, false))
            .or_else(|| {
                fields
                    .all(Field::FullNameLastFirst)
                    .find(person)
                    .map(|v| (v, true))
            });
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
regex!(POSTAL_ANY, r"(?:\b[A-Z]{1,2}-)?\b\d{4,5}\b");

/// The postal code and city: a "Code postal" field as written (the store reads it with the
/// person's country), else the code of a "CP / Ville" line (4 or 5 digits, "L-2449") or of an
/// address (5 digits).
fn postal_and_city(fields: &Fields) -> (Option<String>, Option<String>) {
    let find = |re: &Option<regex::Regex>, v: &str| {
        re.as_ref()
            .and_then(|re| re.find(v))
            .map(|m| m.as_str().to_string())
    };
    let mut pc = fields
        .get(Field::PostalCode)
        .and_then(|v| find(&POSTAL, v).or_else(|| short(v, 40)));
    let mut city = fields
        .get(Field::City)
        .and_then(|c| short(c, validate::MAX_SHORT_TEXT));
    let lines = fields
        .all(Field::PostalCity)
        .map(|v| (v, &POSTAL_ANY))
        .chain(fields.all(Field::Address).map(|v| (v, &POSTAL)));
    for (v, re) in lines {
        if let Some(code) = find(re, v) {
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
fn vehicle(fields: &Fields, subjects: &[&str]) -> Option<VehicleInput> {
    let make = fields.get(Field::Make).map(vehicle_text::canonical_make);
    let model = fields.get(Field::Model);
    let mut v = if make.is_some() || model.is_some() {
        let make = make.unwrap_or_default();
        let from_line = model
            .and_then(vehicle_text::parse_line)
            .filter(|(v, _)| make.is_empty() || v.make == make);
        match from_line {
            Some((v, _)) => Some(v),
            None => {
                let (model, version) = model
                    .map(|m| vehicle_text::parse_model_field(&make, m))
                    .unwrap_or_default();
                Some(VehicleInput {
                    make,
                    model,
                    version,
                    ..VehicleInput::default()
                })
            }
        }
    } else if let Some(line) = fields.get(Field::Vehicle) {
        vehicle_text::parse_line(line).map(|(v, _)| v).or_else(|| {
            short(line, validate::MAX_SHORT_TEXT).map(|m| VehicleInput {
                model: m,
                ..VehicleInput::default()
            })
        })
    } else {
        subjects
            .iter()
            .find_map(|s| vehicle_text::parse_line(s))
            .map(|(v, _)| v)
    };
    let vin = fields.get(Field::Vin).and_then(clean_vin);
    let plate = fields.get(Field::Plate).and_then(clean_plate);
    if v.is_none() && (vin.is_some() || plate.is_some()) {
        v = Some(VehicleInput::default());
    }
    let v = v.as_mut()?;
    if let Some(version) = fields
        .get(Field::Version)
        .and_then(|s| short(s, validate::MAX_SHORT_TEXT))
    {
        v.version = Some(version);
    }
    v.vin = vin;
    v.plate = plate;
    if let Some(p) = fields
        .get(Field::Price)
        .and_then(vehicle_text::parse_amount)
    {
        v.price_cents = Some(p);
    }
    if let Some(y) = fields.get(Field::Year).and_then(year) {
        v.year = Some(y);
    }
    if let Some(m) = fields
        .get(Field::FirstRegistration)
        .and_then(crate::leads::vehicle::month)
    {
        v.year
            .get_or_insert_with(|| m[..4].parse().unwrap_or_default());
        v.first_registration = Some(m);
    }
    if let Some(km) = fields.get(Field::Km).and_then(vehicle_text::parse_km) {
        v.km = Some(km);
    }
    let text = |f: Field, max: usize| fields.get(f).and_then(|s| short(s, max));
    v.energy = text(Field::Energy, 40).map(|e| referential::energy(&e).map_or(e, String::from));
    v.gearbox = text(Field::Gearbox, 40).map(|g| referential::gearbox(&g).map_or(g, String::from));
    v.colour = text(Field::Colour, 80);
    Some(bounded(std::mem::take(v)))
}

/// A model year from "2019" or "2019 (modèle 2020)"; None outside 1900..2100.
fn year(text: &str) -> Option<i32> {
    let digits: String = text
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|y| (1900..2100).contains(y))
}

/// Text fields cut to what the store accepts.
fn bounded(mut v: VehicleInput) -> VehicleInput {
    let cut = |s: &str| s.chars().take(validate::MAX_SHORT_TEXT).collect::<String>();
    v.make = cut(&v.make);
    v.model = cut(&v.model);
    v.version = v.version.as_deref().map(cut);
    v
}

fn trade_in(fields: &Fields) -> Option<VehicleInput> {
    let line = fields.get(Field::TradeIn)?;
    if fields::is_yes(line) || fold_is_no(line) {
        return None;
    }
    vehicle_text::parse_line(line)
        .map(|(mut v, _)| {
            // A trade-in line names no asking price.
            v.price_cents = None;
            v
        })
        .or_else(|| {
            short(line, validate::MAX_SHORT_TEXT).map(|m| VehicleInput {
                model: m,
                ..VehicleInput::default()
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
    let text = &*clean::decode_entities(text);
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
    let (postal_code, city) = postal_and_city(&fields);
    let phone_values: Vec<&str> = fields.all(Field::Phone).collect();
    let country = postal::infer_country(
        fields.get(Field::Country),
        postal_code.as_deref(),
        phone_values.first().copied(),
    );
    let phone = clean::best_phone(&phone_values, country);
    let mut email = fields.all(Field::Email).find_map(valid_email);
    let labelled = phone.is_some() || email.is_some();
    // A number nobody can dial still goes to the store, which shows it and asks for the right one.
    let phone_given = phone
        .clone()
        .or_else(|| phone_values.first().and_then(|v| short(v, 40)));
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
    let consent = fields.all(Field::Consent).any(fields::is_yes);
    let contact = ContactInput {
        first_name,
        last_name,
        company: fields
            .get(Field::Company)
            .and_then(|c| short(&validate::plain_text(c), validate::MAX_SHORT_TEXT)),
        phone: phone_given,
        email,
        postal_code,
        city,
        consent_email: consent,
        consent_sms: consent,
        address: fields.get(Field::Address).and_then(|a| short(a, 300)),
        country: country.map(String::from),
        to_check: Vec::new(),
    };

    let vehicle = vehicle(&fields, &subjects);
    let external_ref = fields
        .get(Field::Reference)
        .and_then(sites::clean_reference)
        .or_else(|| subjects.iter().find_map(|s| sites::reference_in_subject(s)))
        // A site's notice names the ad in its text: "… votre annonce « … » (réf. 2598471136)".
        .or_else(|| {
            matches!(route, Route::Site(_))
                .then(|| sites::reference_in_subject(body))
                .flatten()
        });

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

    let trade_in = trade_in(&fields);
    // A valuation request is about the customer's car: it is the lead's vehicle too.
    let vehicle = match (vehicle, kind) {
        (None, LeadKind::Reprise) => trade_in.clone(),
        (v, _) => v,
    };
    MailOutcome::Lead(Box::new(ParsedLead {
        parser: route.parser(),
        source: route.source().to_string(),
        kind,
        contact,
        vehicle,
        trade_in,
        other_vehicles: Vec::new(),
        external_ref,
        message: fields.get(Field::Message).and_then(clean_message),
        consent,
    }))
}

fn adf_vehicle(v: &adf::AdfVehicle) -> VehicleInput {
    let make = v
        .make
        .as_deref()
        .map(vehicle_text::canonical_make)
        .unwrap_or_default();
    let model_field = v.model.clone().unwrap_or_default();
    // "RAV4 Hybrid" stays the model the provider wrote; a known model is written Carnet's way.
    let model = referential::model(&make, &model_field).map_or(model_field, String::from);
    let (price_cents, currency) = match v.price() {
        Some((amount, currency)) => (
            vehicle_text::parse_amount(amount),
            Some(currency.to_string()).filter(|c| c.len() == 3),
        ),
        None => (None, None),
    };
    bounded(VehicleInput {
        make,
        model,
        version: v
            .trim
            .as_deref()
            .and_then(|t| short(t, validate::MAX_SHORT_TEXT)),
        vin: v.vin.as_deref().and_then(clean_vin),
        year: v.year.as_deref().and_then(year),
        km: v
            .odometer
            .as_ref()
            .and_then(|(amount, units)| vehicle_text::parse_km(&format!("{amount} {units}"))),
        energy: v
            .fuel
            .as_deref()
            .and_then(|f| short(f, 40))
            .map(|e| referential::energy(&e).map_or(e, String::from)),
        gearbox: v
            .transmission
            .as_deref()
            .and_then(referential::gearbox)
            .map(String::from),
        colour: v.colour.as_deref().and_then(|c| short(c, 80)),
        price_cents: price_cents.filter(|_| currency.is_some() || v.price().is_some()),
        currency,
        ..VehicleInput::default()
    })
}

/// The lead's source from the ADF provider: a known classified site is written as Carnet writes
/// it, a dealer's own website is "Site web", a manufacturer's network (a make or group in its
/// name) is "Constructeur", any other provider keeps its name; without one, the sender decides,
/// else "ADF".
fn adf_source(mail: &MailView, lead: &adf::AdfLead) -> String {
    let named = lead.provider.as_deref().or(lead.id_source());
    if let Some(name) = named {
        if let Some(site) = sites::site_named_in(name) {
            return site.source.to_string();
        }
        // A dealer's own site ("Sunset Hills Ford Website") is the website, whatever brand it names.
        let folded = fields::fold(name);
        if ["website", "site web", "site internet", "formulaire"]
            .iter()
            .any(|w| folded.contains(w))
        {
            return Route::Website.source().to_string();
        }
        if sites::names_manufacturer(name) {
            return "Constructeur".to_string();
        }
        if let Some(s) = short(&validate::plain_text(name), 60) {
            return s;
        }
    }
    let addresses: Vec<&str> = mail.from.as_deref().into_iter().collect();
    let subjects: Vec<&str> = mail.subject.as_deref().into_iter().collect();
    match sites::route(&sites::RouteInput {
        addresses,
        to: &mail.to,
        subjects,
        body: "",
    }) {
        r @ (Route::Site(_) | Route::Website | Route::Manufacturer) => r.source().to_string(),
        Route::Generic => "ADF".to_string(),
    }
}

fn from_adf(mail: &MailView, lead: &adf::AdfLead) -> ParsedLead {
    let sells = |v: &adf::AdfVehicle| {
        matches!(
            v.interest.as_str(),
            "trade-in" | "tradein" | "sell" | "trade"
        )
    };
    let wanted: Vec<&adf::AdfVehicle> = lead.vehicles.iter().filter(|v| !sells(v)).collect();
    let traded = lead.vehicles.iter().find(|v| sells(v));
    let main = wanted.first().copied();
    let kind = match main {
        Some(v) if v.interest == "service" => LeadKind::Apv,
        Some(v)
            if matches!(
                v.status.as_str(),
                "used" | "cpo" | "certified" | "occasion" | "demo"
            ) =>
        {
            LeadKind::Vo
        }
        Some(_) => LeadKind::Vn,
        None if traded.is_some() => LeadKind::Reprise,
        None => LeadKind::Vn,
    };
    let (mut first, mut last) = (
        lead.first_name.clone().unwrap_or_default(),
        lead.last_name.clone().unwrap_or_default(),
    );
    if let (true, Some(full)) = (last.is_empty(), lead.full_name.as_deref()) {
        let (f, l) = fields::split_full_name(&validate::plain_text(full), false);
        last = l;
        if first.is_empty() {
            first = f;
        }
    }
    let name = |n: &str| {
        fields::tidy_name(&validate::plain_text(n))
            .chars()
            .take(validate::MAX_SHORT_TEXT)
            .collect::<String>()
    };
    let phones: Vec<&str> = lead
        .phones
        .iter()
        .filter(|(kind, _)| kind != "fax")
        .map(|(_, p)| p.as_str())
        .collect();
    let postal_code = lead.postal_code.as_deref().and_then(|p| short(p, 40));
    let country = postal::infer_country(
        lead.country.as_deref(),
        postal_code.as_deref(),
        phones.first().copied(),
    );
    let consent_email = lead.opt_in_email.or(lead.opt_in).unwrap_or(false);
    let consent_sms = lead.opt_in_sms.or(lead.opt_in).unwrap_or(false);
    let street = lead.street.join(", ");
    ParsedLead {
        parser: "adf",
        source: adf_source(mail, lead),
        kind,
        contact: ContactInput {
            first_name: name(&first),
            last_name: name(&last),
            company: lead
                .company
                .as_deref()
                .and_then(|c| short(&validate::plain_text(c), validate::MAX_SHORT_TEXT)),
            phone: clean::best_phone(&phones, country)
                .or_else(|| phones.first().and_then(|p| short(p, 40))),
            email: lead.email.as_deref().and_then(valid_email),
            postal_code,
            city: lead
                .city
                .as_deref()
                .and_then(|c| short(c, validate::MAX_SHORT_TEXT)),
            consent_email,
            consent_sms,
            address: short(&street, 300),
            country: country.map(String::from),
            to_check: Vec::new(),
        },
        // A valuation request is about the customer's car: it is the lead's vehicle too.
        vehicle: main.or(traded).map(adf_vehicle),
        trade_in: traded.map(adf_vehicle),
        other_vehicles: wanted.iter().skip(1).map(|v| adf_vehicle(v)).collect(),
        external_ref: lead.external_ref().and_then(|i| short(i, 64)),
        message: lead.comments.as_deref().and_then(clean_message),
        // The store sets each channel from the contact's flags.
        consent: false,
    }
}

#[cfg(test)]
mod tests;
