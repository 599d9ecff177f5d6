//! `Debug` for the structs that carry a secret (password, PIN, session token): the secret prints
//! as `[masqué]`, so that no log line, panic message or error report can ever show it.

/// Implements `Debug` for `$t`, printing its `$field`s and masking its `$secret`s.
macro_rules! debug_redacted {
    ($t:ident { $($field:ident),* ; $($secret:ident),+ }) => {
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($t))
                    $(.field(stringify!($field), &self.$field))*
                    $(.field(stringify!($secret), &"[masqué]"))+
                    .finish()
            }
        }
    };
}
pub(crate) use debug_redacted;

#[cfg(test)]
mod tests {
    use crate::org::auth::SignInInput;

    #[test]
    fn a_password_never_prints() {
        let input = SignInInput {
            login: "sandrine".into(),
            password: Some("Tr3s-Secret!".into()),
            pin: Some("4821".into()),
        };
        let shown = format!("{input:?} {input:#?}");
        assert!(shown.contains("sandrine") && shown.contains("[masqué]"));
        assert!(
            !shown.contains("Tr3s-Secret!") && !shown.contains("4821"),
            "{shown}"
        );
    }
}
