//! Per-site layers: which site or channel a mail comes from (sender, Reply-To, forwarded sender,
//! subject, body), and what each one implies (source name, default kind, reference formats).

use super::fields::fold;
use crate::leads::lead::LeadKind;

/// A classified-ad site that sends leads by e-mail.
#[derive(Debug)]
pub(crate) struct Site {
    pub parser: &'static str,
    pub source: &'static str,
    /// Mail domains (a sub-domain matches too).
    pub domains: &'static [&'static str],
    /// Folded names as they appear in subjects and bodies.
    pub names: &'static [&'static str],
}

pub(crate) const SITES: &[Site] = &[
    Site {
        parser: "lacentrale",
        source: "La Centrale",
        domains: &["lacentrale.fr"],
        names: &["la centrale", "lacentrale"],
    },
    Site {
        parser: "leboncoin",
        source: "Leboncoin",
        domains: &["leboncoin.fr", "leboncoin.com"],
        names: &["leboncoin", "le bon coin"],
    },
    Site {
        parser: "autoscout24",
        source: "AutoScout24",
        domains: &[
            "autoscout24.fr",
            "autoscout24.com",
            "autoscout24.de",
            "autoscout24.be",
            "autoscout24.ch",
        ],
        names: &["autoscout24", "autoscout 24"],
    },
    Site {
        parser: "paruvendu",
        source: "ParuVendu",
        domains: &["paruvendu.fr"],
        names: &["paruvendu", "paru vendu"],
    },
    Site {
        parser: "largus",
        source: "L'argus",
        domains: &["largus.fr"],
        names: &["l argus", "largus"],
    },
    Site {
        parser: "caradisiac",
        source: "Caradisiac",
        domains: &["caradisiac.com"],
        names: &["caradisiac"],
    },
    Site {
        parser: "autohero",
        source: "Autohero",
        domains: &["autohero.com"],
        names: &["autohero"],
    },
];

/// Where a mail comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Route {
    Site(&'static Site),
    Manufacturer,
    Website,
    Generic,
}

impl Route {
    pub fn parser(self) -> &'static str {
        match self {
            Route::Site(s) => s.parser,
            Route::Manufacturer => "manufacturer",
            Route::Website => "website",
            Route::Generic => "generic",
        }
    }

    pub fn source(self) -> &'static str {
        match self {
            Route::Site(s) => s.source,
            Route::Manufacturer => "Constructeur",
            Route::Website => "Site web",
            Route::Generic => "E-mail",
        }
    }
}

/// What is known about a mail to route it.
pub(crate) struct RouteInput<'a> {
    /// Sender addresses: From, Sender, Reply-To, and the forwarded message's From.
    pub addresses: Vec<&'a str>,
    /// The dealer's own addresses (To).
    pub to: &'a [String],
    /// Subjects: the mail's and the forwarded message's.
    pub subjects: Vec<&'a str>,
    pub body: &'a str,
}

fn domain(address: &str) -> &str {
    address.rsplit('@').next().unwrap_or("")
}

fn domain_matches(address: &str, site_domain: &str) -> bool {
    let d = domain(address);
    d == site_domain || d.ends_with(&format!(".{site_domain}"))
}

fn contains_word(haystack: &str, needle: &str) -> bool {
    format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// The site a text names, if any.
pub(crate) fn site_named_in(text: &str) -> Option<&'static Site> {
    let folded = fold(text);
    SITES.iter().find(|s| {
        s.names.iter().any(|n| contains_word(&folded, n))
            || s.domains
                .iter()
                .any(|d| text.to_ascii_lowercase().contains(d))
    })
}

/// True when a name is a manufacturer's network ("Stellantis & You Leads", "Peugeot.fr",
/// "Porsche Car Configurator"): a make of the referential or a manufacturer word in it.
pub(crate) fn names_manufacturer(name: &str) -> bool {
    let folded = fold(name);
    MANUFACTURER_WORDS.iter().any(|w| contains_word(&folded, w))
        || folded
            .split(' ')
            .any(|w| w.len() >= 3 && crate::leads::referential::make(w).is_some())
}

const MANUFACTURER_WORDS: &[&str] = &[
    "constructeur",
    "manufacturer",
    "stellantis",
    "renault",
    "dacia",
    "peugeot",
    "citroen",
    "toyota",
    "volkswagen",
    "nissan",
    "hyundai",
    "kia",
    "ford",
    "opel",
    "fiat",
    "bmw",
    "mercedes",
    "audi",
    "skoda",
    "seat",
    "cupra",
    "mg",
    "byd",
    "tesla",
    "volvo",
    "mazda",
    "honda",
    "suzuki",
    "jeep",
    "alpine",
    "ds",
    "lexus",
    "mini",
    "porsche",
    "leapmotor",
];
const WEBSITE_LOCALS: &[&str] = &[
    "formulaire",
    "form",
    "forms",
    "website",
    "site",
    "siteweb",
    "web",
    "contact-form",
    "wordpress",
    "webform",
    "no-reply",
    "noreply",
    "ne-pas-repondre",
];

pub(crate) fn route(input: &RouteInput) -> Route {
    // 1. A known site's domain among the senders.
    for a in &input.addresses {
        if let Some(site) = SITES
            .iter()
            .find(|s| s.domains.iter().any(|d| domain_matches(a, d)))
        {
            return Route::Site(site);
        }
    }
    // 2. A site named in a subject.
    for s in &input.subjects {
        if let Some(site) = site_named_in(s) {
            return Route::Site(site);
        }
    }
    let subjects = fold(&input.subjects.join(" "));
    // 3. The dealer's own website form.
    let own_domain = input
        .addresses
        .first()
        .is_some_and(|a| input.to.iter().any(|t| domain(t) == domain(a)));
    let form_sender = input.addresses.first().is_some_and(|a| {
        let local = a.split('@').next().unwrap_or("");
        WEBSITE_LOCALS.contains(&local)
    });
    if contains_word(&subjects, "site web")
        || contains_word(&subjects, "site internet")
        || contains_word(&subjects, "formulaire")
        || (own_domain && form_sender)
    {
        return Route::Website;
    }
    // 4. A manufacturer's lead platform.
    let manufacturer_sender = input.addresses.iter().any(|a| {
        let d = fold(domain(a));
        MANUFACTURER_WORDS.iter().any(|w| contains_word(&d, w))
    });
    if manufacturer_sender
        || contains_word(&subjects, "lead constructeur")
        || contains_word(&subjects, "constructeur")
    {
        return Route::Manufacturer;
    }
    // 5. A site named in the body ("L'équipe La Centrale", a forwarded notice).
    if let Some(site) = site_named_in(input.body) {
        return Route::Site(site);
    }
    if own_domain {
        return Route::Website;
    }
    Route::Generic
}

regex!(
    SUBJECT_REF,
    r"(?i)(?:\bannonce|\br[ée]f(?:[ée]rence)?\.?|\bn°|\bno\.|\bid\b)\s*:?\s*#?\s*([A-Z0-9][A-Z0-9\-_]*\d[A-Z0-9\-_]*)"
);
regex!(LEAD_ID, r"\b([A-Z]{2,5}(?:-[A-Z]{2,5})*-\d{3,})\b");
regex!(
    REF_TOKEN,
    r"([A-Za-z0-9][A-Za-z0-9\-_/.]*\d[A-Za-z0-9\-_]*)"
);

/// A listing or lead reference from a labelled value ("89343270", "Réf. AB-123 (voir)").
pub(crate) fn clean_reference(value: &str) -> Option<String> {
    let re = REF_TOKEN.as_ref()?;
    re.find(value)
        .map(|m| m.as_str().trim_end_matches(['.', '/']).to_string())
        .filter(|s| s.len() <= 64)
}

/// A reference from a subject: "(annonce 92518497)", "réf. 75085546", "lead LD-516615".
pub(crate) fn reference_in_subject(subject: &str) -> Option<String> {
    if let Some(m) = SUBJECT_REF
        .as_ref()
        .and_then(|re| re.captures(subject))
        .and_then(|c| c.get(1))
    {
        return Some(m.as_str().to_string());
    }
    LEAD_ID
        .as_ref()
        .and_then(|re| re.captures(subject))
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
}

const RH: &[&str] = &[
    "candidature",
    "offre d emploi",
    "emploi",
    "recrutement",
    "cv",
    "alternance",
    "stage",
    "job",
];
const APV: &[&str] = &[
    "atelier",
    "apres vente",
    "apv",
    "revision",
    "entretien",
    "reparation",
    "carrosserie",
    "pneus",
    "pneumatiques",
    "vidange",
    "controle technique",
    "sav",
    "diagnostic",
    "rdv atelier",
    "rendez vous atelier",
    "service",
    "maintenance",
];
const REPRISE: &[&str] = &[
    "rachat",
    "reprise",
    "estimation",
    "vendre mon vehicule",
    "vendre ma voiture",
    "vendre votre vehicule",
    "cote argus",
    "trade in",
];
const VO: &[&str] = &["vo", "occasion", "occasions", "vehicule d occasion", "used"];
const VN: &[&str] = &[
    "vn",
    "neuf",
    "neuve",
    "vehicule neuf",
    "configurateur",
    "configuration",
];

fn any_word(text: &str, words: &[&str]) -> bool {
    words.iter().any(|w| contains_word(text, w))
}

/// The kind of request from its type and subject; None when they say nothing.
pub(crate) fn kind_from_request(request: &str) -> Option<LeadKind> {
    let t = fold(request);
    if any_word(&t, RH) {
        Some(LeadKind::Rh)
    } else if any_word(&t, APV) {
        Some(LeadKind::Apv)
    } else if any_word(&t, REPRISE) {
        Some(LeadKind::Reprise)
    } else if any_word(&t, VO) {
        Some(LeadKind::Vo)
    } else if any_word(&t, VN) {
        Some(LeadKind::Vn)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_subjects() {
        assert_eq!(
            reference_in_subject("Demande de contact : Peugeot 3008 (annonce 92518497)").as_deref(),
            Some("92518497")
        );
        assert_eq!(
            reference_in_subject("ParuVendu - Nouveau message pour l'annonce réf. 75085546")
                .as_deref(),
            Some("75085546")
        );
        assert_eq!(
            reference_in_subject("Nouveau lead constructeur LD-516615").as_deref(),
            Some("LD-516615")
        );
        assert_eq!(
            reference_in_subject("Nouveau contact pour votre annonce VOLKSWAGEN GOLF 8"),
            None
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(
            kind_from_request("Prise de rendez-vous atelier"),
            Some(LeadKind::Apv)
        );
        assert_eq!(
            kind_from_request("Demande d'information VO"),
            Some(LeadKind::Vo)
        );
        assert_eq!(
            kind_from_request("Estimation / rachat de votre véhicule"),
            Some(LeadKind::Reprise)
        );
        assert_eq!(
            kind_from_request("Candidature spontanée"),
            Some(LeadKind::Rh)
        );
        assert_eq!(kind_from_request("Demande de devis"), None);
    }
}
