//! A text search alone reads the full-text index once for its page and its count: it must give
//! exactly what the general query gives, deleted leads left out.

use carnet_core::api::*;
use carnet_core::leads::list::fts_query;
use carnet_core::App;

fn expected(app: &App, term: &str) -> (Vec<i64>, u32) {
    let conn = rusqlite::Connection::open(app.db_path()).unwrap();
    let matcher = fts_query(term).unwrap();
    let ids = conn
        .prepare(
            "SELECT l.id FROM lead_search JOIN leads l ON l.id = lead_search.rowid
             WHERE lead_search MATCH ?1 AND l.deleted_at IS NULL ORDER BY lead_search.rowid DESC LIMIT 50",
        )
        .unwrap()
        .query_map([&matcher], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let count = conn
        .query_row(
            "SELECT count(*) FROM lead_search JOIN leads l ON l.id = lead_search.rowid
             WHERE lead_search MATCH ?1 AND l.deleted_at IS NULL",
            [&matcher],
            |r| r.get(0),
        )
        .unwrap();
    (ids, count)
}

#[test]
fn a_search_alone_gives_the_same_page_and_count_as_the_general_query() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 3000, 5).unwrap();
    let first = app
        .leads_list(LeadQuery {
            search: Some("Martin".into()),
            ..Default::default()
        })
        .unwrap();
    app.lead_delete(LeadIdInput {
        lead_id: first.leads[0].id,
    })
    .unwrap();
    for term in ["Martin", "Jea Martin", "06 1", "Dup", "zzzz"] {
        let page = app
            .leads_list(LeadQuery {
                search: Some(term.into()),
                ..Default::default()
            })
            .unwrap();
        let (ids, count) = expected(&app, term);
        assert_eq!(
            page.leads.iter().map(|l| l.id).collect::<Vec<_>>(),
            ids,
            "{term}"
        );
        assert_eq!(page.total, count.min(1000), "{term}");
        assert_eq!(page.total_capped, count > 1000, "{term}");
    }
    // Past the counted matches, the general query takes over and agrees.
    let far = app
        .leads_list(LeadQuery {
            search: Some("Martin".into()),
            offset: Some(990),
            limit: Some(50),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(far.total, expected(&app, "Martin").1.min(1000));
}
