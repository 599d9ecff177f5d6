//! The exports as commands: the lead list (Excel or CSV) and the KPI workbook, written by the
//! CLI to the path it names, by the window to the user's Downloads folder under a dated name.

use super::ReportFilter;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

crate::kernel::text_enum!(ExportKind {
    LeadsXlsx = "leads_xlsx",
    LeadsCsv = "leads_csv",
    KpiXlsx = "kpi_xlsx",
});

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportInput {
    pub what: ExportKind,
    #[serde(default)]
    pub filter: ReportFilter,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ExportDone {
    pub path: String,
    /// Leads written (lead exports) or leads counted (KPI workbook).
    pub rows: u64,
}

impl App {
    /// Writes an export to `target`; `progress(done, total)` returns false to cancel.
    pub fn export_to(
        &self,
        input: &ExportInput,
        target: &Path,
        progress: impl FnMut(u64, u64) -> bool,
    ) -> Result<ExportDone> {
        let now = self.now();
        let conn = self.conn()?;
        let rows = match input.what {
            ExportKind::LeadsXlsx => {
                super::xlsx::leads(self, &input.filter, now, target, progress)?
            }
            ExportKind::LeadsCsv => {
                super::csv_export::leads(&conn, &input.filter, now, target, progress)?
            }
            ExportKind::KpiXlsx => {
                let period = input.filter.period(now)?;
                let leads = super::kpi::facts(&conn, &input.filter, &period)?;
                let kpi = super::kpi::report(&leads, &period);
                let sales = super::sales::report(&conn, &input.filter, &period)?;
                let contacts = super::contacts::rows(&conn, &input.filter, &period)?;
                super::xlsx::kpi(&kpi, &sales, &contacts, target)?;
                u64::from(kpi.total.leads)
            }
        };
        tracing::info!(what = input.what.as_str(), rows, "export written");
        Ok(ExportDone {
            path: target.display().to_string(),
            rows,
        })
    }

    /// The window's export: into the exports folder, named after what and when.
    pub fn export_file(&self, input: ExportInput) -> Result<ExportDone> {
        let target = self.export_target(input.what)?;
        self.export_to(&input, &target, |_, _| true)
    }

    /// Where the window writes an export: the exports folder, a name saying what and when.
    pub fn export_target(&self, what: ExportKind) -> Result<PathBuf> {
        let dir = self.exports_dir().ok_or_else(|| CoreError::Unavailable {
            component: "Dossier Téléchargements",
            message: "Aucun dossier d'export sur ce poste : utilisez la commande carnet export."
                .into(),
        })?;
        let stamp = self
            .now()
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m-%d-%Hh%M");
        let name = match what {
            ExportKind::LeadsXlsx => format!("leads-{stamp}.xlsx"),
            ExportKind::LeadsCsv => format!("leads-{stamp}.csv"),
            ExportKind::KpiXlsx => format!("indicateurs-{stamp}.xlsx"),
        };
        Ok(dir.join(name))
    }
}
