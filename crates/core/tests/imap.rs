//! The mailbox poller against a real IMAP server: a throwaway Dovecot on loopback (IMAPS with a
//! self-signed certificate, and plain IMAP), holding lead mails delivered with `doveadm save`.
//! Polled twice: the second poll creates nothing; messages are marked seen only once committed.

use carnet_core::api::Empty;
use carnet_core::intake::imap::{MailSecurity, MailboxConfig, MailboxSetup};
use carnet_core::kernel::secrets::Secrets;
use carnet_core::App;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

const USER: &str = "leads";
const PASSWORD: &str = "s3cret-imap";

struct Dovecot {
    dir: tempfile::TempDir,
    child: Child,
    plain_port: u16,
    tls_port: u16,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Dovecot {
    /// None (test skipped, said so) when Dovecot is not installed and this is not CI.
    fn start() -> Option<Dovecot> {
        if !Path::new("/usr/sbin/dovecot").exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "dovecot-imapd must be installed in CI (scripts/setup.sh --test)"
            );
            eprintln!("SKIPPED: /usr/sbin/dovecot not installed (apt-get install dovecot-imapd)");
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("carnet-imap")
            .tempdir()
            .unwrap();
        let d = dir.path();
        // Dovecot's auth process runs unprivileged: it must read the passwd file; mail belongs to nobody.
        std::fs::set_permissions(d, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        std::fs::create_dir_all(d.join("home")).unwrap();
        run(Command::new("chown")
            .arg("nobody:nogroup")
            .arg(d.join("home")));
        std::fs::write(d.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        run(Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=localhost",
            ])
            .args([
                "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-addext",
                "basicConstraints=critical,CA:FALSE",
            ])
            .args(["-addext", "extendedKeyUsage=serverAuth"])
            .arg("-keyout")
            .arg(d.join("key.pem"))
            .arg("-out")
            .arg(d.join("cert.pem")));
        let (plain_port, tls_port) = (free_port(), free_port());
        let conf = format!(
            r#"base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{d}/home/%u/Maildir
mail_uid = nobody
mail_gid = nogroup
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={d}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {plain_port}
  }}
  inet_listener imaps {{
    port = {tls_port}
    ssl = yes
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"#,
            d = d.display()
        );
        std::fs::write(d.join("dovecot.conf"), conf).unwrap();
        let child = Command::new("/usr/sbin/dovecot")
            .arg("-F")
            .arg("-c")
            .arg(d.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let server = Dovecot {
            dir,
            child,
            plain_port,
            tls_port,
        };
        server.wait_for_greeting();
        Some(server)
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("dovecot.conf")
    }

    fn wait_for_greeting(&self) {
        let start = Instant::now();
        loop {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", self.plain_port)) {
                let mut buf = [0u8; 64];
                s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
                if let Ok(n) = std::io::Read::read(&mut s, &mut buf) {
                    if buf[..n].starts_with(b"* OK") {
                        return;
                    }
                }
            }
            let log =
                std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default();
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "dovecot did not start: {log}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn deliver(&self, raw: &[u8]) {
        let mut child = Command::new("doveadm")
            .arg("-c")
            .arg(self.conf())
            .args(["save", "-u", USER])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(raw).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "doveadm save: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn unseen(&self) -> usize {
        let out = Command::new("doveadm")
            .arg("-c")
            .arg(self.conf())
            .args(["search", "-u", USER, "mailbox", "INBOX", "UNSEEN"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).lines().count()
    }
}

/// The password as the window's keyring would give it.
struct TestSecrets;
impl Secrets for TestSecrets {
    fn get(&self, _: &str) -> carnet_core::Result<Option<String>> {
        Ok(Some(PASSWORD.into()))
    }
    fn set(&self, _: &str, _: &str) -> carnet_core::Result<()> {
        Ok(())
    }
    fn backend(&self) -> &'static str {
        "test"
    }
}

fn mail(n: u32, name: &str, phone: &str) -> Vec<u8> {
    format!(
        "From: Leboncoin <noreply@leboncoin.fr>\r\nTo: leads@garage.fr\r\nSubject: Nouveau message pour votre annonce \"Peugeot 208\"\r\n\
         Date: Mon, 23 Nov 2026 10:0{n}:00 +0100\r\nMessage-ID: <imap-test-{n}@leboncoin.fr>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nVous avez reçu un message concernant votre annonce Peugeot 208 1.2 PureTech 100 Allure - 15 990 €\r\n\
         Référence de l'annonce : 2468{n}\r\n\r\nNom : {name}\r\nPrénom : Claire\r\nTéléphone : {phone}\r\nE-mail : claire.{n}@example.fr\r\n\
         Message : Bonjour, le véhicule est-il toujours disponible ?\r\n"
    )
    .into_bytes()
}

fn app(dir: &Path, config: MailboxConfig) -> App {
    let app = App::open(&dir.join("carnet.db"))
        .unwrap()
        .with_secrets(Arc::new(TestSecrets));
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    app.mailbox_configure(MailboxSetup {
        config,
        password: None,
    })
    .unwrap();
    app
}

fn config(host: &str, port: u16, security: MailSecurity, ca: Option<&Path>) -> MailboxConfig {
    MailboxConfig {
        host: host.into(),
        port,
        security,
        username: USER.into(),
        folder: "INBOX".into(),
        poll_seconds: 60,
        ca_file: ca.map(|p| p.display().to_string()),
    }
}

#[test]
fn imaps_poll_creates_leads_once_and_marks_them_seen() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    server.deliver(&mail(1, "Morel", "06 11 22 33 01"));
    server.deliver(&mail(2, "Blanc", "06 11 22 33 02"));
    assert_eq!(server.unseen(), 2);

    let dir = tempfile::tempdir().unwrap();
    let ca = server.dir.path().join("cert.pem");
    let app = app(
        dir.path(),
        config("localhost", server.tls_port, MailSecurity::Tls, Some(&ca)),
    );
    let first = app.mailbox_poll(Empty {}).unwrap();
    assert_eq!(
        (first.summary.files, first.summary.leads_created),
        (2, 2),
        "{first:?}"
    );
    assert_eq!(server.unseen(), 0, "committed messages are marked seen");

    // A new mail arrives; the old ones are not read again.
    server.deliver(&mail(3, "Roux", "06 11 22 33 03"));
    let second = app.mailbox_poll(Empty {}).unwrap();
    assert_eq!(
        (second.summary.files, second.summary.leads_created),
        (1, 1),
        "{second:?}"
    );
    let third = app.mailbox_poll(Empty {}).unwrap();
    assert_eq!(third.summary.files, 0);

    let status = app.mailbox_status(Empty {}).unwrap();
    assert!(status.state.last_poll_at.is_some());
    assert_eq!(status.state.last_error, None);
    let leads = app.leads_list(Default::default()).unwrap();
    assert_eq!(leads.total, 3);
    assert!(
        leads.leads.iter().all(|l| l.source == "Leboncoin"),
        "{:?}",
        leads.leads.iter().map(|l| &l.source).collect::<Vec<_>>()
    );
}

#[test]
fn an_untrusted_certificate_or_a_wrong_password_is_a_french_error_and_nothing_is_marked_seen() {
    let Some(server) = Dovecot::start() else {
        return;
    };
    server.deliver(&mail(4, "Petit", "06 11 22 33 04"));
    let dir = tempfile::tempdir().unwrap();
    // Without the garage's certificate the self-signed server is refused.
    let app = app(
        dir.path(),
        config("localhost", server.tls_port, MailSecurity::Tls, None),
    );
    let err = app.mailbox_poll(Empty {}).unwrap_err();
    assert_eq!(
        err.code(),
        "unavailable",
        "a server that cannot be trusted is unavailable, not a refusal"
    );
    assert!(err.user_message().contains("TLS"), "{}", err.user_message());
    assert_eq!(server.unseen(), 1);
    assert_eq!(
        app.mailbox_status(Empty {})
            .unwrap()
            .state
            .last_error
            .as_deref(),
        Some(err.user_message().as_str())
    );

    struct WrongPassword;
    impl Secrets for WrongPassword {
        fn get(&self, _: &str) -> carnet_core::Result<Option<String>> {
            Ok(Some("wrong".into()))
        }
        fn set(&self, _: &str, _: &str) -> carnet_core::Result<()> {
            Ok(())
        }
        fn backend(&self) -> &'static str {
            "test"
        }
    }
    let dir2 = tempfile::tempdir().unwrap();
    let app = App::open(&dir2.path().join("c.db"))
        .unwrap()
        .with_secrets(Arc::new(WrongPassword));
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    app.mailbox_configure(MailboxSetup {
        config: config("127.0.0.1", server.plain_port, MailSecurity::Plain, None),
        password: None,
    })
    .unwrap();
    let err = app.mailbox_poll(Empty {}).unwrap_err();
    assert!(
        err.user_message().contains("mot de passe refusé"),
        "{}",
        err.user_message()
    );
    assert_eq!(server.unseen(), 1);
}

#[test]
fn plain_imap_is_refused_for_a_remote_server() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    let err = app
        .mailbox_configure(MailboxSetup {
            config: config("imap.example.fr", 143, MailSecurity::Plain, None),
            password: None,
        })
        .unwrap_err();
    assert_eq!(err.to_api().field.as_deref(), Some("security"));
}
