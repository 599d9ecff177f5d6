//! The deal documents of a lead: trade-ins with their inspection, test drives, offers and bons
//! de commande, their PDFs with the garage's identity, files attached to the lead, and the
//! e-mail that sends an offer or an order to the customer.

pub mod files;
pub use crate::kernel::format;
pub mod mailing;
pub mod money;
mod numbering;
pub mod offer;
pub mod order;
pub mod pdf;
pub mod testdrive;
pub mod tradein;
pub mod vehicle;

use crate::kernel::app::App;
use crate::kernel::error::Result;
use crate::leads::trash::LeadIdInput;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(PdfKind {
    Offer = "offer",
    Order = "order",
    Tradein = "tradein",
    Testdrive = "testdrive",
});

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PdfRef {
    pub kind: PdfKind,
    pub id: i64,
}

/// Everything the lead page shows about the deal, in one read.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadDeals {
    pub tradeins: Vec<tradein::TradeIn>,
    pub testdrives: Vec<testdrive::TestDrive>,
    pub offers: Vec<offer::Offer>,
    pub orders: Vec<order::Order>,
    pub files: Vec<files::LeadFile>,
    pub mails: Vec<mailing::SentMail>,
}

/// How many trade-ins, test drives and offers a lead has (the lead header's counters).
pub fn counters(conn: &Connection, lead_id: i64) -> Result<(u32, u32, u32)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM tradeins WHERE lead_id = ?1),
                (SELECT count(*) FROM testdrives WHERE lead_id = ?1 AND cancelled_at IS NULL),
                (SELECT count(DISTINCT number) FROM offers WHERE lead_id = ?1)",
        [lead_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// The lead a deal document belongs to (None: no such document).
pub fn lead_of(conn: &Connection, kind: PdfKind, id: i64) -> Result<Option<i64>> {
    match kind {
        PdfKind::Offer => offer::lead_of(conn, id),
        PdfKind::Order => Ok(conn
            .query_row("SELECT lead_id FROM orders WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?),
        PdfKind::Tradein => tradein::lead_of(conn, id),
        PdfKind::Testdrive => testdrive::lead_of(conn, id),
    }
}

/// What a document copies, as JSON (serialising our own types cannot fail).
pub(crate) fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

impl App {
    pub fn lead_deals(&self, input: LeadIdInput) -> Result<LeadDeals> {
        let conn = self.conn()?;
        let id = input.lead_id;
        Ok(LeadDeals {
            tradeins: tradein::for_lead(&conn, id)?,
            testdrives: testdrive::for_lead(&conn, id)?,
            offers: offer::list(&conn, Some(id))?,
            orders: order::list(&conn, Some(id))?,
            files: files::for_lead(&conn, id)?,
            mails: mailing::for_lead(&conn, id)?,
        })
    }

    /// A PDF of a trade-in, test drive, offer or order, as it would print now (not kept).
    pub fn pdf_bytes(&self, input: &PdfRef) -> Result<Vec<u8>> {
        let conn = self.conn()?;
        Ok(pdf::render(&conn, input.kind, input.id, self.now())?.0)
    }

    /// Renders the PDF of a trade-in, test drive, offer or order and keeps it in the lead's
    /// documents.
    pub fn pdf_generate(&self, input: PdfRef) -> Result<files::LeadFile> {
        let folder = self.documents_folder();
        self.write(|tx, ctx| {
            let (bytes, lead_id, title) = pdf::render(tx, input.kind, input.id, ctx.now)?;
            let sha = crate::kernel::blobs::store(&folder, &bytes)?;
            let file_name = format!("{}.pdf", title.replace([' ', '/'], "-"));
            files::insert(
                tx,
                ctx,
                lead_id,
                &title,
                &file_name,
                "application/pdf",
                bytes.len(),
                &sha,
                input.kind.into(),
                Some(input.id),
            )
        })
    }
}
