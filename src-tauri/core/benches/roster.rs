//! Roster benchmarks: `cargo bench -p iag-desk-core --bench roster`.
//!
//! Prints medians (with min and max) against the budgets in the roster
//! issue: search over 10,000 members under 20 ms, importing 10,000 CSV rows
//! under 2 s. A benchmark, not a test: it never fails on time, it reports.

use chrono::NaiveDate;
use iag_desk_core::roster::csv;
use iag_desk_core::roster::members::{self, MemberQuery};
use iag_desk_core::{Passphrase, Vault};
use std::time::{Duration, Instant};

use iag_desk_core::demo::large::{NAMES, SKILLS};

fn file(rows: usize) -> Vec<u8> {
    let mut out = String::from("full_name,email,skills,communities,phone\r\n");
    for i in 0..rows {
        out.push_str(&format!(
            "\"{} {i:05}\",member{i}@example.org,\"{}\",\"community {}\",07700 9{:05}\r\n",
            NAMES[i % NAMES.len()],
            SKILLS[i % SKILLS.len()],
            i % 40,
            i % 100_000
        ));
    }
    out.into_bytes()
}

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    (
        samples[samples.len() / 2],
        samples[0],
        samples[samples.len() - 1],
    )
}

fn row(what: &str, samples: Vec<Duration>, budget: Duration) {
    let n = samples.len();
    let (median, min, max) = stats(samples);
    println!(
        "{what:<44} {:>10.2} {:>10.2} {:>10.2} {:>10.0}  {}  (n={n})",
        median.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        budget.as_secs_f64() * 1e3,
        if median <= budget { "met   " } else { "MISSED" },
    );
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let bytes = file(10_000);
    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10}",
        "benchmark (ms)", "median", "min", "max", "budget"
    );

    let mut imports = Vec::new();
    let mut kept = None;
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::create(
            &dir.path().join("bench.vault"),
            &Passphrase::new("benchmark passphrase"),
        )
        .unwrap();
        let start = Instant::now();
        let report = csv::import(&mut vault, &bytes, false, today).unwrap();
        imports.push(start.elapsed());
        assert_eq!(report.people_added, 10_000);
        kept = Some((dir, vault));
    }
    row(
        "import 10,000 CSV rows (check + insert)",
        imports,
        Duration::from_secs(2),
    );

    let (_dir, vault) = kept.unwrap();
    for (label, text) in [
        ("search 10,000 members: Latin name", "wójcik 00420"),
        ("search 10,000 members: Gurmukhi", "ਹਰਪ੍ਰੀਤ"),
        ("search 10,000 members: skill, 1,667 hits", "youth"),
        ("search 10,000 members: no match", "nobody-at-all"),
    ] {
        let q = MemberQuery {
            text: text.into(),
            ..Default::default()
        };
        let mut samples = Vec::new();
        for _ in 0..30 {
            let start = Instant::now();
            let found = members::search(&vault, &q, today).unwrap();
            samples.push(start.elapsed());
            std::hint::black_box(found);
        }
        row(label, samples, Duration::from_millis(20));
    }
}
