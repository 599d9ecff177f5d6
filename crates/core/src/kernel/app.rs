//! The application handle: the database pool, the clock and the secret store. Each capability
//! adds its commands to `App` in its own folder; transports run them through `App::call`
//! (the command table in `api`).

use crate::kernel::clock::{self, Clock, SystemClock};
use crate::kernel::db::{self, Pool, PooledConnection};
use crate::kernel::error::Result;
use crate::kernel::secrets::{EnvSecrets, Secrets};
use crate::kernel::settings;
use chrono::{DateTime, Utc};
use rusqlite::{Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;
use ts_rs::TS;

pub struct App {
    pool: Pool,
    clock: Arc<dyn Clock>,
    secrets: Arc<dyn Secrets>,
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
        })
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

    pub fn db_path(&self) -> &Path {
        self.pool.path()
    }

    pub(crate) fn conn(&self) -> Result<PooledConnection> {
        self.pool.get()
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(crate) fn current_user_id(&self, conn: &rusqlite::Connection) -> Result<Option<i64>> {
        current_user(conn)
    }

    fn ctx(&self, conn: &rusqlite::Connection) -> Result<Ctx> {
        let now = self.clock.now();
        Ok(Ctx {
            now,
            now_text: clock::to_text(now),
            actor: current_user(conn)?,
        })
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is saved, or nothing.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction, &Ctx) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let ctx = self.ctx(&conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &ctx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// The user the window acts as (until sign-in gives each window its own session).
pub(crate) fn current_user(conn: &rusqlite::Connection) -> Result<Option<i64>> {
    settings::get(conn, &settings::CURRENT_USER)
}
