//! The window's transport runs each command in its signed-in session: the token names the
//! user (who must still be active), an idle session locks, public commands need no token.

use super::{access_of, Access};
use crate::kernel::app::App;
use crate::kernel::error::{ApiError, CoreError};
use crate::kernel::session::SessionState;
use serde_json::Value;

impl App {
    /// Runs `name` for the user signed in with `token` (public commands run without one).
    pub fn call_in_session(
        &self,
        token: Option<&str>,
        name: &str,
        args: Value,
    ) -> Result<Value, ApiError> {
        let user = match self.session_user(token, name) {
            Ok(user) => user,
            Err(e) => {
                e.log(name);
                return Err(e.to_api());
            }
        };
        self.acting_as(user).call(name, args)
    }

    /// This Carnet acting as the user signed in with `token`, once they may run `name`: for the
    /// window's work that the shell carries out itself (an export with its progress bar).
    pub fn in_session_for(&self, token: Option<&str>, name: &str) -> Result<App, ApiError> {
        let user = self.session_user(token, name).map_err(|e| {
            e.log(name);
            e.to_api()
        })?;
        let app = self.acting_as(user);
        app.check_access(name)?;
        Ok(app)
    }

    /// The session's user for `name`: None for a public command.
    fn session_user(&self, token: Option<&str>, name: &str) -> Result<Option<i64>, CoreError> {
        match access_of(name) {
            None => Err(CoreError::UnknownCommand(name.chars().take(64).collect())),
            Some(Access::Public) => Ok(None),
            Some(_) => {
                let token = token.unwrap_or_default();
                let idle = crate::org::auth::idle_lock(&*self.conn()?)?;
                let activity = !super::polled(name);
                match self.sessions().touch(token, self.now(), idle, activity) {
                    SessionState::Active(id) => Ok(Some(id)),
                    SessionState::Locked(_) => Err(CoreError::Locked),
                    SessionState::Unknown => Err(CoreError::Unauthenticated),
                }
            }
        }
    }
}
