//! Logging with `tracing`: to stderr and, for the window, to a daily-rotated file in the log dir.
//! No personal data at info level (commands log their name and error code, not their arguments).

use tracing_subscriber::{fmt, prelude::*, EnvFilter};

pub fn init(to_file: bool) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let filter = || {
        EnvFilter::try_from_env("CARNET_LOG")
            .unwrap_or_else(|_| EnvFilter::new("warn,carnet=info,carnet_core=info"))
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    let (file, guard) = match crate::paths::log_dir()
        .filter(|_| to_file)
        .filter(|d| std::fs::create_dir_all(d).is_ok())
    {
        Some(dir) => {
            let (writer, guard) =
                tracing_appender::non_blocking(tracing_appender::rolling::daily(dir, "carnet.log"));
            (
                Some(
                    fmt::layer()
                        .with_ansi(false)
                        .with_writer(writer)
                        .with_filter(filter()),
                ),
                Some(guard),
            )
        }
        None => (None, None),
    };
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
    guard
}
