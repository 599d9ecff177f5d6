//! Signed-in sessions, in memory: a window holds a random token; the user behind it is the one
//! every command of that window acts for. A session idle for longer than the garage's setting
//! locks (the user types their password again); closing Carnet ends every session.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    Active(i64),
    /// Idle too long: the same user unlocks it with their password or PIN.
    Locked(i64),
    Unknown,
}

#[derive(Debug, Clone)]
struct Session {
    user_id: i64,
    last_seen: DateTime<Utc>,
    locked: bool,
}

#[derive(Default)]
pub struct Sessions(Mutex<HashMap<String, Session>>);

/// Sessions kept at most (a showroom PC has a handful; a flood of sign-ins cannot grow memory).
const MAX_SESSIONS: usize = 200;

impl Sessions {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A panic while holding the lock leaves plain data: keep using it.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Opens a session for `user_id` and returns its token.
    pub fn open(&self, user_id: i64, now: DateTime<Utc>) -> String {
        let mut bytes = [0u8; 32];
        // Without OS randomness a weak token would be worse than none: a zero token is never
        // accepted (see `touch`), and sign-in then fails visibly.
        let token = if getrandom::fill(&mut bytes).is_ok() {
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        } else {
            String::new()
        };
        let mut map = self.map();
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.last_seen)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        if !token.is_empty() {
            map.insert(
                token.clone(),
                Session {
                    user_id,
                    last_seen: now,
                    locked: false,
                },
            );
        }
        token
    }

    /// The session's user, locking it first when it was idle longer than `idle_lock`
    /// (None: never locks). The user's `activity` marks an active session as seen now.
    pub fn touch(
        &self,
        token: &str,
        now: DateTime<Utc>,
        idle_lock: Option<Duration>,
        activity: bool,
    ) -> SessionState {
        let mut map = self.map();
        let Some(session) = map.get_mut(token).filter(|_| !token.is_empty()) else {
            return SessionState::Unknown;
        };
        if idle_lock.is_some_and(|d| now - session.last_seen > d) {
            session.locked = true;
        }
        if session.locked {
            return SessionState::Locked(session.user_id);
        }
        if activity {
            session.last_seen = now;
        }
        SessionState::Active(session.user_id)
    }

    pub fn state(&self, token: &str) -> SessionState {
        match self.map().get(token) {
            Some(s) if s.locked => SessionState::Locked(s.user_id),
            Some(s) => SessionState::Active(s.user_id),
            None => SessionState::Unknown,
        }
    }

    pub fn unlock(&self, token: &str, now: DateTime<Utc>) {
        if let Some(s) = self.map().get_mut(token) {
            s.locked = false;
            s.last_seen = now;
        }
    }

    /// Locks a session now (the user steps away from the shared PC).
    pub fn lock(&self, token: &str) {
        if let Some(s) = self.map().get_mut(token) {
            s.locked = true;
        }
    }

    pub fn close(&self, token: &str) {
        self.map().remove(token);
    }

    /// Ends every session of a user (deactivated, or password reset by an administrator).
    pub fn close_user(&self, user_id: i64) {
        self.map().retain(|_, s| s.user_id != user_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn an_idle_session_locks_and_unlocks() {
        let sessions = Sessions::default();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
        let at = |m| t0 + Duration::minutes(m);
        let token = sessions.open(7, t0);
        assert_eq!(token.len(), 64);
        let lock = Some(Duration::minutes(15));
        assert_eq!(
            sessions.touch(&token, at(10), lock, true),
            SessionState::Active(7)
        );
        // A timer's request (the notification bell) is not the user's activity.
        assert_eq!(
            sessions.touch(&token, at(24), lock, false),
            SessionState::Active(7)
        );
        assert_eq!(
            sessions.touch(&token, at(26), lock, true),
            SessionState::Locked(7)
        );
        sessions.unlock(&token, at(27));
        assert_eq!(
            sessions.touch(&token, at(30), lock, true),
            SessionState::Active(7)
        );
        sessions.lock(&token);
        assert_eq!(sessions.state(&token), SessionState::Locked(7));
        assert_eq!(
            sessions.touch("other", t0, lock, true),
            SessionState::Unknown
        );
        assert_eq!(sessions.touch("", t0, lock, true), SessionState::Unknown);
        sessions.close_user(7);
        assert_eq!(sessions.state(&token), SessionState::Unknown);
    }
}
