//! A minimal pool: connections are opened on demand, handed out one per task and returned on drop.
//! (r2d2_sqlite pins an older rusqlite; this is all Carnet needs from a pool.)

use crate::kernel::error::Result;
use rusqlite::Connection;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Idle connections kept for reuse; more may be open at once under load.
const MAX_IDLE: usize = 4;

#[derive(Clone)]
pub struct Pool {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Pool {
    pub(crate) fn new(path: PathBuf, first: Connection) -> Self {
        Pool {
            inner: Arc::new(Inner {
                path,
                idle: Mutex::new(vec![first]),
            }),
        }
    }

    pub fn path(&self) -> &std::path::Path {
        &self.inner.path
    }

    pub fn get(&self) -> Result<PooledConnection> {
        let reused = self
            .inner
            .idle
            .lock()
            .map(|mut idle| idle.pop())
            .unwrap_or(None);
        let conn = match reused {
            Some(c) => c,
            None => super::connect(&self.inner.path)?,
        };
        Ok(PooledConnection {
            conn: Some(conn),
            pool: self.inner.clone(),
        })
    }
}

pub struct PooledConnection {
    conn: Option<Connection>,
    pool: Arc<Inner>,
}

impl Deref for PooledConnection {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        // Invariant: `conn` is Some until drop.
        self.conn
            .as_ref()
            .unwrap_or_else(|| unreachable!("connection used after drop"))
    }
}

impl DerefMut for PooledConnection {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn
            .as_mut()
            .unwrap_or_else(|| unreachable!("connection used after drop"))
    }
}

impl Drop for PooledConnection {
    fn drop(&mut self) {
        if let (Some(conn), Ok(mut idle)) = (self.conn.take(), self.pool.idle.lock()) {
            // A connection left inside a transaction (a panic mid-way) is not reused.
            if conn.is_autocommit() && idle.len() < MAX_IDLE {
                idle.push(conn);
            }
        }
    }
}
