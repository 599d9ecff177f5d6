//! ADF/XML leads (Auto-lead Data Format 1.0, and the close variants called 2.0), in the body or attached.
//! quick-xml never expands DTD entities, so entity bombs stay inert; sizes, depth and event counts are capped.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Larger XML documents are not read.
pub(crate) const MAX_XML_BYTES: usize = 1024 * 1024;
const MAX_EVENTS: usize = 200_000;
const MAX_DEPTH: usize = 64;
const MAX_TEXT: usize = 20_000;

#[derive(Debug, Default, Clone)]
pub(crate) struct AdfVehicle {
    /// buy, lease, sell, trade-in, test-drive, service… (lower case).
    pub interest: String,
    /// new, used, cpo… (lower case).
    pub status: String,
    pub year: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub trim: Option<String>,
    pub vin: Option<String>,
    pub stock: Option<String>,
    /// (type, currency, amount as written), in document order.
    pub prices: Vec<(String, String, String)>,
    /// (amount as written, units: "km" or "mi").
    pub odometer: Option<(String, String)>,
    /// Exterior colour of the preferred colour combination.
    pub colour: Option<String>,
    pub transmission: Option<String>,
    pub fuel: Option<String>,
    pub comments: Option<String>,
    /// The colour combination being read: (exterior, preference).
    combination: Option<(Option<String>, Option<String>)>,
    best_preference: Option<u32>,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct AdfLead {
    /// The prospect's ids: (source, id).
    pub ids: Vec<(String, String)>,
    pub vehicles: Vec<AdfVehicle>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
    /// A `<name type="business">`.
    pub company: Option<String>,
    pub email: Option<String>,
    /// (type, number as written).
    pub phones: Vec<(String, String)>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub street: Vec<String>,
    pub country: Option<String>,
    pub comments: Option<String>,
    pub provider: Option<String>,
    /// An explicit opt-in element (`<optin>`, `<consent>`, `<marketingoptin>`) for every channel.
    pub opt_in: Option<bool>,
    /// `<optin><channel name="email">1</channel>…`: per channel.
    pub opt_in_email: Option<bool>,
    pub opt_in_sms: Option<bool>,
}

/// Vehicles read from one document at most (a favourites export can list hundreds).
pub(crate) const MAX_VEHICLES: usize = 500;

impl AdfLead {
    /// The provider's own id of the prospect: not a `leadtype` id, preferably the one whose
    /// source is the provider.
    pub fn external_ref(&self) -> Option<&str> {
        let usable = |(source, _): &&(String, String)| {
            let s = source.to_ascii_lowercase();
            !s.contains("leadtype") && !s.contains("lead type") && s != "type"
        };
        let provider = self.provider.as_deref().map(str::to_ascii_lowercase);
        self.ids
            .iter()
            .filter(usable)
            .find(|(source, _)| {
                provider
                    .as_deref()
                    .is_some_and(|p| !source.is_empty() && p.contains(&source.to_ascii_lowercase()))
            })
            .or_else(|| self.ids.iter().find(usable))
            .map(|(_, id)| id.as_str())
    }

    /// The id source that names who sent the lead (for a document without `<provider>`).
    pub fn id_source(&self) -> Option<&str> {
        self.ids
            .iter()
            .map(|(s, _)| s.as_str())
            .find(|s| !s.is_empty() && !s.to_ascii_lowercase().contains("leadtype"))
    }
}

impl AdfVehicle {
    /// The price the customer saw: an asking/quote/offer price before an msrp or invoice one.
    pub fn price(&self) -> Option<(&str, &str)> {
        let pick = |wanted: fn(&str) -> bool| {
            self.prices
                .iter()
                .find(|(kind, _, _)| wanted(kind))
                .map(|(_, currency, amount)| (amount.as_str(), currency.as_str()))
        };
        pick(|k| !matches!(k, "msrp" | "invoice" | "base")).or_else(|| pick(|_| true))
    }
}

/// True when the text looks like an ADF document.
pub(crate) fn looks_like_adf(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<adf")
        || head.contains(":adf")
        || head.contains("<?adf")
        || (head.contains("<?xml") && head.contains("<prospect"))
}

/// The text of an XML document given as bytes: its BOM, else the encoding its declaration
/// names, else UTF-8 when valid, else Windows-1252 (what French tools write).
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_ascii_lowercase();
    let declared = head
        .split("encoding=")
        .nth(1)
        .and_then(|rest| {
            rest.trim_start_matches(['"', '\''])
                .split(['"', '\''])
                .next()
        })
        .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes()));
    match (declared, std::str::from_utf8(bytes)) {
        (Some(enc), _) if enc != encoding_rs::UTF_8 => {
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        (_, Ok(text)) => text.to_string(),
        // ISO-8859-1 is read as Windows-1252, its superset (as browsers do).
        (_, Err(_)) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn set_once(slot: &mut Option<String>, value: &str) {
    let v = value.trim();
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v.to_string());
    }
}

fn local_lower(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

impl Element {
    fn attr(&self, key: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The document from its root element on: ADF 1.0 as its specification prints it starts with
/// `<?ADF VERSION "1.0"?>` and `<?XML VERSION "1.0"?>`, which no XML parser accepts.
fn from_root(xml: &str) -> &str {
    let lower = xml.to_ascii_lowercase();
    let mut at = 0;
    loop {
        let rest = lower[at..].trim_start();
        let skipped = lower.len() - at - rest.len();
        if rest.starts_with("<?") || rest.starts_with("<!--") {
            let close = if rest.starts_with("<?") { "?>" } else { "-->" };
            match rest.find(close) {
                Some(end) => at += skipped + end + close.len(),
                None => return xml,
            }
        } else if rest.starts_with("<!doctype") {
            // A DOCTYPE is dropped with its internal subset: entities are never expanded.
            let end = match rest.find(']') {
                Some(b) if b < rest.find('>').unwrap_or(usize::MAX) || rest[..b].contains('[') => {
                    rest[b..].find('>').map(|e| b + e)
                }
                _ => rest.find('>'),
            };
            match end {
                Some(end) => at += skipped + end + 1,
                None => return xml,
            }
        } else {
            return &xml[at + skipped..];
        }
    }
}

/// Parses an ADF document; None when it is not ADF or holds no customer.
pub(crate) fn parse(xml: &str) -> Option<AdfLead> {
    if xml.len() > MAX_XML_BYTES || !looks_like_adf(xml) {
        return None;
    }
    let mut reader = Reader::from_str(from_root(xml.trim_start_matches('\u{feff}')));
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut lead = AdfLead::default();
    let mut vehicle: Option<AdfVehicle> = None;
    let mut saw_root = false;
    for _ in 0..MAX_EVENTS {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(_) => break,
        };
        match event {
            Event::Start(_) | Event::Empty(_) if stack.len() >= MAX_DEPTH => break,
            Event::Start(e) => {
                let name = local_lower(e.local_name().as_ref());
                if name == "adf" || name == "prospect" {
                    saw_root = true;
                }
                let attrs = e
                    .attributes()
                    .flatten()
                    .take(32)
                    .map(|a| {
                        let key = local_lower(a.key.local_name().as_ref());
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map(|v| v.into_owned())
                            .unwrap_or_else(|_| a.value.clone().into_owned());
                        (key, value)
                    })
                    .collect::<Vec<_>>();
                let get = |k: &str| {
                    attrs
                        .iter()
                        .find(|(key, _)| key == k)
                        .map(|(_, v)| v.trim().to_ascii_lowercase())
                        .unwrap_or_default()
                };
                if name == "vehicle" && lead.vehicles.len() < MAX_VEHICLES {
                    vehicle = Some(AdfVehicle {
                        interest: get("interest"),
                        status: get("status"),
                        ..AdfVehicle::default()
                    });
                }
                if name == "colorcombination" {
                    if let Some(v) = vehicle.as_mut() {
                        v.combination = Some((None, None));
                    }
                }
                stack.push(Element {
                    name,
                    attrs,
                    text: String::new(),
                });
            }
            Event::Empty(_) => {}
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                // Only the five XML entities and character references: never a DTD entity.
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .map(str::to_string),
                };
                if let Some(text) = resolved {
                    push_text(&mut stack, &text);
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else { break };
                close(&el, &stack, &mut lead, &mut vehicle);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let has_contact = lead.email.is_some() || !lead.phones.is_empty();
    (saw_root && has_contact).then_some(lead)
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        if top.text.len() + text.len() <= MAX_TEXT {
            top.text.push_str(text);
        }
    }
}

fn yes(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" | "true" | "oui" | "y" | "o" => Some(true),
        "0" | "no" | "false" | "non" | "n" => Some(false),
        _ => None,
    }
}

fn close(el: &Element, stack: &[Element], lead: &mut AdfLead, vehicle: &mut Option<AdfVehicle>) {
    let parent = stack.last().map_or("", |p| p.name.as_str());
    let in_ = |name: &str| stack.iter().any(|e| e.name == name);
    let text = el.text.trim();
    if el.name == "vehicle" {
        if let Some(v) = vehicle.take() {
            lead.vehicles.push(v);
        }
        return;
    }
    if in_("vehicle") {
        if let Some(v) = vehicle.as_mut() {
            close_vehicle(el, text, v);
        }
        return;
    }
    if in_("vendor") {
        return;
    }
    if in_("provider") {
        if el.name == "name" && parent == "provider" {
            set_once(&mut lead.provider, text);
        }
        return;
    }
    if el.name == "channel" && (in_("optin") || in_("consent")) {
        let slot = match el.attr("name").to_ascii_lowercase().as_str() {
            "email" | "e-mail" | "mail" => &mut lead.opt_in_email,
            "sms" | "text" => &mut lead.opt_in_sms,
            _ => return,
        };
        if let Some(v) = yes(text) {
            slot.get_or_insert(v);
        }
        return;
    }
    if matches!(
        el.name.as_str(),
        "optin" | "consent" | "marketingoptin" | "opt_in"
    ) {
        if let Some(v) = yes(text) {
            lead.opt_in.get_or_insert(v);
        }
        return;
    }
    if in_("customer") || in_("contact") {
        match el.name.as_str() {
            "name" if el.attr("type").eq_ignore_ascii_case("business") => {
                set_once(&mut lead.company, text)
            }
            "name" => match el.attr("part").to_ascii_lowercase().as_str() {
                "first" => set_once(&mut lead.first_name, text),
                "last" => set_once(&mut lead.last_name, text),
                "middle" => {}
                _ => set_once(&mut lead.full_name, text),
            },
            "email" => set_once(&mut lead.email, text),
            "phone" if !text.is_empty() && lead.phones.len() < 8 => lead
                .phones
                .push((el.attr("type").to_ascii_lowercase(), text.to_string())),
            "postalcode" => set_once(&mut lead.postal_code, text),
            "city" => set_once(&mut lead.city, text),
            "street" if !text.is_empty() && lead.street.len() < 4 => {
                lead.street.push(text.to_string())
            }
            "country" => set_once(&mut lead.country, text),
            "comments" if parent == "customer" || parent == "contact" => {
                set_once(&mut lead.comments, text)
            }
            _ => {}
        }
        return;
    }
    match el.name.as_str() {
        "id" if parent == "prospect" && !text.is_empty() && lead.ids.len() < 8 => lead
            .ids
            .push((el.attr("source").trim().to_string(), text.to_string())),
        "comments" if parent == "prospect" => set_once(&mut lead.comments, text),
        _ => {}
    }
}

fn close_vehicle(el: &Element, text: &str, v: &mut AdfVehicle) {
    match el.name.as_str() {
        "year" => set_once(&mut v.year, text),
        "make" => set_once(&mut v.make, text),
        "model" => set_once(&mut v.model, text),
        "trim" => set_once(&mut v.trim, text),
        "vin" => set_once(&mut v.vin, text),
        "stock" => set_once(&mut v.stock, text),
        "transmission" => set_once(&mut v.transmission, text),
        "fuel" | "fueltype" | "energy" => set_once(&mut v.fuel, text),
        "price" if !text.is_empty() && v.prices.len() < 8 => v.prices.push((
            el.attr("type").to_ascii_lowercase(),
            el.attr("currency").to_ascii_uppercase(),
            text.to_string(),
        )),
        "odometer" if v.odometer.is_none() && !text.is_empty() => {
            let units = el.attr("units").to_ascii_lowercase();
            let miles = units.starts_with("mi");
            v.odometer = Some((text.to_string(), if miles { "mi" } else { "km" }.into()));
        }
        "exteriorcolor" => {
            if let Some((exterior, _)) = v.combination.as_mut() {
                set_once(exterior, text);
            }
        }
        "preference" => {
            if let Some((_, preference)) = v.combination.as_mut() {
                set_once(preference, text);
            }
        }
        "colorcombination" => {
            if let Some((Some(exterior), preference)) = v.combination.take() {
                let rank = preference
                    .and_then(|p| p.trim().parse().ok())
                    .unwrap_or(u32::MAX - 1);
                if v.best_preference.is_none_or(|best| rank < best) {
                    v.best_preference = Some(rank);
                    v.colour = Some(exterior);
                }
            }
        }
        "comments" => set_once(&mut v.comments, text),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_adf_with_trade_in() {
        let xml = r#"<?xml version="1.0"?><?adf version="1.0"?><adf><prospect><id source="X">A-1</id>
            <vehicle interest="buy" status="new"><make>Peugeot</make><model>208</model><price currency="EUR">21990</price></vehicle>
            <vehicle interest="trade-in" status="used"><make>Renault</make><model>Clio</model><year>2012</year></vehicle>
            <customer><contact><name part="full">Jean DUPONT</name><email>j@d.fr</email><phone type="cellphone">06 11 22 33 44</phone></contact>
            <comments>Bonjour &amp; merci &#233;</comments></customer></prospect></adf>"#;
        let lead = parse(xml).unwrap();
        assert_eq!(lead.external_ref(), Some("A-1"));
        assert_eq!(lead.vehicles.len(), 2);
        assert_eq!(lead.vehicles[1].interest, "trade-in");
        assert_eq!(lead.full_name.as_deref(), Some("Jean DUPONT"));
        assert_eq!(lead.comments.as_deref(), Some("Bonjour & merci é"));
    }

    #[test]
    fn entity_bomb_is_not_expanded() {
        let mut xml = String::from("<?xml version=\"1.0\"?><!DOCTYPE adf [<!ENTITY lol0 \"lol\">");
        for i in 1..10 {
            xml.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&lol{};", i - 1).repeat(10)
            ));
        }
        xml.push_str("]><adf><prospect><customer><contact><email>a@b.fr</email></contact><comments>&lol9;</comments></customer></prospect></adf>");
        let lead = parse(&xml).unwrap();
        assert!(lead.comments.is_none_or(|c| c.len() < 100));
    }
}
