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
    pub interest: String,
    pub status: String,
    pub year: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub trim: Option<String>,
    pub vin: Option<String>,
    pub stock: Option<String>,
    pub price: Option<String>,
    pub comments: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct AdfLead {
    pub id: Option<String>,
    pub id_source: Option<String>,
    pub vehicles: Vec<AdfVehicle>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub phones: Vec<(String, String)>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub street: Option<String>,
    pub comments: Option<String>,
    pub provider: Option<String>,
}

/// True when the text looks like an ADF document.
pub(crate) fn looks_like_adf(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<adf")
        || head.contains("<?adf")
        || (head.contains("<?xml") && head.contains("<prospect"))
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

/// Parses an ADF document; None when it is not ADF or holds no customer.
pub(crate) fn parse(xml: &str) -> Option<AdfLead> {
    if xml.len() > MAX_XML_BYTES || !looks_like_adf(xml) {
        return None;
    }
    let mut reader = Reader::from_str(xml);
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
            Event::Start(e) | Event::Empty(e) if stack.len() >= MAX_DEPTH => {
                let _ = e;
                break;
            }
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
                        (key, value.to_ascii_lowercase())
                    })
                    .collect::<Vec<_>>();
                if name == "vehicle" {
                    let get = |k: &str| {
                        attrs
                            .iter()
                            .find(|(key, _)| key == k)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default()
                    };
                    vehicle = Some(AdfVehicle {
                        interest: get("interest"),
                        status: get("status"),
                        ..AdfVehicle::default()
                    });
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
            match el.name.as_str() {
                "year" => set_once(&mut v.year, text),
                "make" => set_once(&mut v.make, text),
                "model" => set_once(&mut v.model, text),
                "trim" => set_once(&mut v.trim, text),
                "vin" => set_once(&mut v.vin, text),
                "stock" => set_once(&mut v.stock, text),
                "price" => set_once(&mut v.price, text),
                "comments" => set_once(&mut v.comments, text),
                _ => {}
            }
        }
        return;
    }
    if in_("vendor") {
        return;
    }
    if in_("provider") {
        if el.name == "name" || el.name == "service" {
            set_once(&mut lead.provider, text);
        }
        return;
    }
    if in_("customer") || in_("contact") {
        match el.name.as_str() {
            "name" => match el.attr("part") {
                "first" => set_once(&mut lead.first_name, text),
                "last" => set_once(&mut lead.last_name, text),
                _ => set_once(&mut lead.full_name, text),
            },
            "email" => set_once(&mut lead.email, text),
            "phone" if !text.is_empty() && lead.phones.len() < 8 => lead
                .phones
                .push((el.attr("type").to_string(), text.to_string())),
            "postalcode" => set_once(&mut lead.postal_code, text),
            "city" => set_once(&mut lead.city, text),
            "street" => set_once(&mut lead.street, text),
            "comments" if parent == "customer" || parent == "contact" => {
                set_once(&mut lead.comments, text)
            }
            _ => {}
        }
        return;
    }
    match el.name.as_str() {
        "id" if parent == "prospect" => {
            set_once(&mut lead.id, text);
            if lead.id_source.is_none() {
                let source = el
                    .attrs
                    .iter()
                    .find(|(k, _)| k == "source")
                    .map(|(_, v)| v.clone());
                lead.id_source = source.filter(|s| !s.is_empty());
            }
        }
        "comments" if parent == "prospect" => set_once(&mut lead.comments, text),
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
        assert_eq!(lead.id.as_deref(), Some("A-1"));
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
