//! Logging with `tracing`: to stderr and, for the window, to a daily-rotated file in the log dir,
//! pruned after 14 days (`CARNET_LOG_DAYS` changes it). No personal data at info level (commands
//! log their name and error code, not their arguments; secrets have a masking `Debug`).

use tracing_subscriber::{fmt, prelude::*, EnvFilter};

pub fn init(to_file: bool) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let filter = || {
        EnvFilter::try_from_env("CARNET_LOG")
            .unwrap_or_else(|_| EnvFilter::new("warn,carnet=info,carnet_core=info"))
    };
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    let days = std::env::var("CARNET_LOG_DAYS")
        .ok()
        .and_then(|d| d.parse::<usize>().ok())
        .filter(|d| *d > 0)
        .unwrap_or(14);
    let appender = crate::paths::log_dir()
        .filter(|_| to_file)
        .filter(|d| std::fs::create_dir_all(d).is_ok())
        .and_then(|dir| {
            tracing_appender::rolling::Builder::new()
                .rotation(tracing_appender::rolling::Rotation::DAILY)
                .filename_prefix("carnet")
                .filename_suffix("log")
                .max_log_files(days)
                .build(&dir)
                .ok()
        });
    let (file, guard) = match appender {
        Some(appender) => {
            let (writer, guard) = tracing_appender::non_blocking(appender);
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
