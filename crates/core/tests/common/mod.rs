//! What the integration tests share: a real database file with the demo's sites and users
//! (no leads), at a fixed time that the test moves, acting as the sales manager (Sandrine Morel).

use carnet_core::api::{Empty, Meta};
use carnet_core::kernel::clock::FixedClock;
use carnet_core::App;
use chrono::{TimeZone, Utc};
use std::sync::Arc;

// Each test crate uses the parts it needs.
#[allow(dead_code)]
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub app: App,
    pub clock: Arc<FixedClock>,
    pub meta: Meta,
    /// The database file, for the checks that read it directly.
    pub db: std::path::PathBuf,
}

/// Tuesday 24 November 2026, 10:00 in Paris.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap(),
    ));
    let db = dir.path().join("carnet.db");
    let app = App::open_with_clock(&db, clock.clone()).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    let users = app.meta(Empty {}).unwrap().users;
    let manager = users
        .iter()
        .find(|u| u.name == "Sandrine Morel")
        .unwrap()
        .id;
    let app = app.acting_as(Some(manager));
    let meta = app.meta(Empty {}).unwrap();
    Fixture {
        _dir: dir,
        app,
        clock,
        meta,
        db,
    }
}

/// A VO lead typed at the showroom for a new contact (e-mail consent as given).
#[allow(dead_code)]
pub fn lead_for(
    f: &Fixture,
    first: &str,
    last: &str,
    phone: &str,
    email: &str,
    consent_email: bool,
) -> carnet_core::leads::lead::Lead {
    f.app
        .lead_create(carnet_core::leads::lead::NewLead {
            contact_id: None,
            contact: carnet_core::leads::contact::ContactInput {
                first_name: first.into(),
                last_name: last.into(),
                phone: Some(phone.into()),
                email: Some(email.into()),
                consent_email,
                ..Default::default()
            },
            kind: carnet_core::leads::lead::LeadKind::Vo,
            source: "Showroom".into(),
            interest: None,
            site_id: f.meta.sites[0].id,
            owner_id: None,
            vehicle: None,
            owned_vehicle: None,
            message: None,
            external_ref: None,
        })
        .unwrap()
}
