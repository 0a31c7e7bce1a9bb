//! Importing a roster straight from a spreadsheet: `cargo bench -p
//! iag-desk-core --bench sheet_import`.
//!
//! A 10,000-row .xlsx (with a date cell on every row) read by calamine,
//! checked and inserted, against issue 20's budget of 2 s; the reading
//! alone on its own row. Prints medians (with min and max); a benchmark,
//! not a test: it never fails on time, it reports.

use chrono::NaiveDate;
use iag_desk_core::demo::large::{NAMES, SKILLS};
use iag_desk_core::roster::sheet;
use iag_desk_core::{Passphrase, Vault};
use std::time::{Duration, Instant};

fn workbook(rows: usize, today: NaiveDate) -> Vec<u8> {
    let header = [
        "Full name",
        "E-mail address",
        "Skills",
        "Communities",
        "Mobile",
        "joined_on",
    ];
    let rows: Vec<Vec<String>> = (0..rows)
        .map(|i| {
            vec![
                format!("{} {i:05}", NAMES[i % NAMES.len()]),
                format!("member{i}@example.org"),
                SKILLS[i % SKILLS.len()].to_string(),
                format!("community {}", i % 40),
                format!("07700 9{:05}", i % 100_000),
                // Written as a date cell.
                format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            ]
        })
        .collect();
    sheet::xlsx_bytes("Members", &header, &rows, today).unwrap()
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[0],
        samples[samples.len() - 1],
    )
}

fn row(what: &str, samples: Vec<Duration>, budget: Option<Duration>) {
    let n = samples.len();
    let (median, min, max) = stats(samples);
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (budget, verdict) = match budget {
        Some(b) => (
            format!("{:>10.0}", ms(b)),
            if median <= b { "met   " } else { "MISSED" },
        ),
        None => (format!("{:>10}", "-"), "      "),
    };
    println!(
        "{what:<44} {:>10.2} {:>10.2} {:>10.2} {budget}  {verdict}  (n={n})",
        ms(median),
        ms(min),
        ms(max),
    );
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let bytes = workbook(10_000, today);
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10}",
        "benchmark (ms)", "median", "min", "max", "budget"
    );

    let mut reads = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let table = sheet::read(&bytes, None).unwrap();
        reads.push(start.elapsed());
        assert_eq!(table.rows.len(), 10_000);
    }
    row("read a 10,000-row .xlsx (calamine)", reads, None);

    let mut imports = Vec::new();
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::create(
            &dir.path().join("bench.vault"),
            &Passphrase::new("benchmark passphrase"),
        )
        .unwrap();
        let start = Instant::now();
        let report = sheet::import(&mut vault, &bytes, None, false, today).unwrap();
        imports.push(start.elapsed());
        assert_eq!(report.people_added, 10_000);
    }
    row(
        "import 10,000 .xlsx rows (check + insert)",
        imports,
        Some(Duration::from_secs(2)),
    );
    println!(
        "({} KiB workbook, {} KiB per 1,000 rows)",
        bytes.len() / 1024,
        bytes.len() / 10 / 1024
    );
}
