//! The application handle: the database pool, the clock, the secret store, the signed-in
//! sessions and the user a command acts for. Each capability adds its commands to `App` in its
//! own folder; transports run them through the command table in `api`.

use crate::kernel::clock::{self, Clock, SystemClock};
use crate::kernel::db::{self, Pool, PooledConnection};
use crate::kernel::error::Result;
use crate::kernel::secrets::{EnvSecrets, Secrets};
use crate::kernel::session::Sessions;
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;
use ts_rs::TS;

/// Cheap to clone: every clone shares the database, the clock, the secrets and the sessions;
/// `acting_as` gives a handle whose commands are recorded as one user's.
#[derive(Clone)]
pub struct App {
    pool: Pool,
    clock: Arc<dyn Clock>,
    secrets: Arc<dyn Secrets>,
    sessions: Arc<Sessions>,
    /// The user the commands act for; None is the system (CLI without `--as`, background
    /// worker, webhook), which may do everything.
    actor: Option<i64>,
    /// Where the window's exports are written (the user's Downloads folder); None: exports go
    /// only to the paths the CLI names.
    exports: Option<Arc<std::path::PathBuf>>,
}

/// Who acts and when, for one command.
pub(crate) struct Ctx {
    pub now: DateTime<Utc>,
    pub now_text: String,
    pub actor: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Empty {}

impl App {
    pub fn open(path: &Path) -> Result<App> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    pub fn open_with_clock(path: &Path, clock: Arc<dyn Clock>) -> Result<App> {
        Ok(App {
            pool: db::open(path)?,
            clock,
            secrets: Arc::new(EnvSecrets),
            sessions: Arc::new(Sessions::default()),
            actor: None,
            exports: None,
        })
    }

    /// The same Carnet, acting for `user` (None: the system account).
    pub fn acting_as(&self, user: Option<i64>) -> App {
        App {
            actor: user,
            ..self.clone()
        }
    }

    /// The user the commands act for (None: the system account).
    pub fn actor(&self) -> Option<i64> {
        self.actor
    }

    pub(crate) fn sessions(&self) -> &Sessions {
        &self.sessions
    }

    /// Where passwords are kept (the window passes the OS keyring).
    pub fn with_secrets(mut self, secrets: Arc<dyn Secrets>) -> Self {
        self.secrets = secrets;
        self
    }

    pub(crate) fn secrets(&self) -> &dyn Secrets {
        self.secrets.as_ref()
    }

    /// The secret store, for transports that hold their own secrets (the webhook token).
    pub fn secrets_store(&self) -> Arc<dyn Secrets> {
        self.secrets.clone()
    }

    /// Sets the folder the window's exports are written to.
    pub fn with_exports_dir(mut self, dir: std::path::PathBuf) -> Self {
        self.exports = Some(Arc::new(dir));
        self
    }

    pub fn exports_dir(&self) -> Option<&Path> {
        self.exports.as_deref().map(|p| p.as_path())
    }

    pub fn db_path(&self) -> &Path {
        self.pool.path()
    }

    pub(crate) fn conn(&self) -> Result<PooledConnection> {
        self.pool.get()
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    fn ctx(&self) -> Ctx {
        let now = self.clock.now();
        Ctx {
            now,
            now_text: clock::to_text(now),
            actor: self.actor,
        }
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is saved, or nothing.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction, &Ctx) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let ctx = self.ctx();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &ctx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Like `write`, but rolls back a successful run when `commit` is false (a dry run whose
    /// counts are those a real run would give).
    pub(crate) fn write_or_roll_back<T>(
        &self,
        commit: bool,
        f: impl FnOnce(&Transaction, &Ctx) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.conn()?;
        let ctx = self.ctx();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &ctx)?;
        if commit {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }
}
