//! Fuzzing on stable Rust (cargo-fuzz needs a nightly toolchain and libFuzzer, which a fresh
//! machine cannot fetch offline): a mutation fuzzer over the committed seed corpus, for the four
//! parsers hostile input reaches — MIME mails, ADF/XML, lead CSV files, webhook JSON. Each target
//! runs `FUZZ_SECONDS` (default 8; the README's longer run sets more), every input must return
//! without a panic and within `MAX_INPUT_SECONDS`. A failing input is written to
//! `target/fuzz-failures/` and the test fails; copied into `tests/fixtures/fuzz/regressions/`, it
//! is replayed by every later run.

use carnet_core::intake::csv_import::CsvOptions;
use carnet_core::intake::parse::parse_mail;
use carnet_core::intake::webhook::parse_body;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const MAX_INPUT_SECONDS: f64 = 5.0;
/// Mutated inputs are cut to this size (the parsers bound larger ones before any work).
const MAX_INPUT: usize = 256 * 1024;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn files(dir: &Path, ext: &str) -> Vec<Vec<u8>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("seed corpus {} unreadable: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

/// Pieces that lead parsers astray: markup, entities, encodings, separators, numbers.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</adf>",
    b"<prospect>",
    b"<![CDATA[",
    b"]]>",
    b"&#",
    b"&amp;",
    b"&#xFFFF;",
    b"=?utf-8?B?",
    b"=?iso-8859-1?Q?",
    b"?=",
    b"\r\n\r\n",
    b"--boundary\r\n",
    b"Content-Transfer-Encoding: base64\r\n",
    b"Content-Type: multipart/mixed; boundary=\"b\"\r\n",
    b";",
    b"\"",
    b"\t",
    b"\\u0000",
    b"{\"",
    b"\":",
    b"99999999999999999999",
    b"-1",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"T\xc3\xa9l\xc3\xa9phone : ",
    b"Nom : ",
    b"+33 (0)6 12 34 56 78",
    b"\xf0\x9f\x9a\x97",
    b"%",
    b"\0",
];

fn mutate(rng: &mut fastrand::Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seeds[rng.usize(..seeds.len())].clone();
    for _ in 0..rng.usize(1..8) {
        let at = if data.is_empty() {
            0
        } else {
            rng.usize(..data.len())
        };
        match rng.u8(..6) {
            0 if !data.is_empty() => data[at] ^= 1 << rng.u8(..8),
            1 => {
                let token = TOKENS[rng.usize(..TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            2 if !data.is_empty() => {
                let end = (at + rng.usize(1..64)).min(data.len());
                data.drain(at..end);
            }
            3 if !data.is_empty() => {
                // A run repeated: deep nesting, long lines, many fields.
                let end = (at + rng.usize(1..32)).min(data.len());
                let chunk = data[at..end].to_vec();
                for _ in 0..rng.usize(1..50) {
                    data.splice(at..at, chunk.iter().copied());
                }
            }
            4 => {
                // Spliced with another seed.
                let other = &seeds[rng.usize(..seeds.len())];
                if !other.is_empty() {
                    let from = rng.usize(..other.len());
                    let end = (from + rng.usize(1..256)).min(other.len());
                    data.splice(at..at, other[from..end].iter().copied());
                }
            }
            _ if !data.is_empty() => data[at] = rng.u8(..),
            _ => {}
        }
    }
    data.truncate(MAX_INPUT);
    data
}

/// Runs `target` on every regression input, then on mutations of `seeds` for the time budget.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, target: &dyn Fn(&[u8])) {
    assert!(!seeds.is_empty(), "{name}: empty seed corpus");
    let budget = Duration::from_secs_f64(
        std::env::var("FUZZ_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(8.0),
    );
    let regressions = files(&fixtures().join("fuzz/regressions"), name);
    let mut rng = fastrand::Rng::with_seed(
        std::env::var("FUZZ_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| fastrand::u64(..)),
    );
    let seed_used = rng.get_seed();
    let started = Instant::now();
    let mut runs = 0u64;
    let mut slowest = 0f64;
    let mut inputs = regressions.into_iter().chain(seeds.clone());
    loop {
        let input = match inputs.next() {
            Some(i) => i,
            None if started.elapsed() < budget => mutate(&mut rng, &seeds),
            None => break,
        };
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| target(&input)));
        let seconds = t.elapsed().as_secs_f64();
        slowest = slowest.max(seconds);
        runs += 1;
        if outcome.is_err() || seconds > MAX_INPUT_SECONDS {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("{name}-{runs}.{name}"));
            std::fs::write(&file, &input).unwrap();
            panic!(
                "{name}: {} on an input saved to {} (FUZZ_SEED={seed_used}); copy it into tests/fixtures/fuzz/regressions/",
                if outcome.is_err() { "panic" } else { "too slow" },
                file.display()
            );
        }
    }
    println!(
        "fuzz {name}: {runs} inputs in {:.1} s ({:.0}/s), slowest {:.0} ms, 0 failures (FUZZ_SEED={seed_used})",
        started.elapsed().as_secs_f64(),
        runs as f64 / started.elapsed().as_secs_f64(),
        slowest * 1000.0
    );
}

#[test]
fn fuzz_mime() {
    let mut seeds = files(&fixtures().join("mail-variants"), "eml");
    seeds.push(
        b"From: a@b.fr\r\nSubject: x\r\n\r\nNom : Test\r\nT\xc3\xa9l : 0612345678\r\n".to_vec(),
    );
    fuzz("eml", seeds, &|input| {
        parse_mail(input);
    });
}

#[test]
fn fuzz_adf() {
    let seeds: Vec<Vec<u8>> = files(&fixtures().join("adf"), "xml")
        .into_iter()
        .filter(|x| x.len() < 20_000)
        .collect();
    fuzz("xml", seeds, &|xml| {
        // In the body, the way most providers send it.
        let mut mail = b"From: leads@provider.example\r\nSubject: Lead\r\nContent-Type: text/xml; charset=utf-8\r\n\r\n".to_vec();
        mail.extend_from_slice(xml);
        parse_mail(&mail);
    });
}

#[test]
fn fuzz_webhook_json() {
    fuzz(
        "json",
        files(&fixtures().join("fuzz/webhook"), "json"),
        &|body| {
            parse_body(body);
        },
    );
}

#[test]
fn fuzz_lead_csv() {
    let dir = tempfile::tempdir().unwrap();
    let app = carnet_core::App::open(&dir.path().join("fuzz.db")).unwrap();
    let options = CsvOptions {
        source: "Salon".into(),
        renames: Vec::new(),
        dry_run: true,
    };
    fuzz(
        "csv",
        files(&fixtures().join("fuzz/csv"), "csv"),
        &|bytes| {
            // A refusal (French message) is an answer; only a panic or a hang is a failure.
            let _ = app.import_leads_csv("fuzz.csv", bytes, &options);
        },
    );
}
