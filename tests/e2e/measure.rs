//! Measurements of the real window, not tests: how long a cold start takes
//! to paint the unlock screen and then the dashboard, and how much memory
//! the whole process tree (the app and WebKit's web and network processes)
//! holds when idle with the demo loaded and after writing every document.
//! Ignored in the test suite (timings on a shared machine are figures, not
//! verdicts); `.ci/bench` runs them on a release build:
//!
//! ```text
//! xvfb-run -a cargo test --release -p iag-desk --test e2e -- --ignored --nocapture measure_
//! ```

use crate::harness::{process_tree, App};
use crate::{cli, PASSPHRASE};
use std::time::{Duration, Instant};

const COLD_STARTS: usize = 5;

/// (PSS, RSS) of a set of processes, in MiB. PSS shares each library's
/// pages among the processes mapping it, so the sum is what the tree costs.
fn memory(pids: &[u32]) -> (f64, f64) {
    let (mut pss, mut rss) = (0u64, 0u64);
    for pid in pids {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else {
            continue;
        };
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        let own: u64 = text
            .lines()
            .find(|l| l.starts_with("Pss:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0);
        eprintln!("  {:<20} PSS {:>6.1} MiB", name.trim(), own as f64 / 1024.0);
        for line in text.lines() {
            let kb = |l: &str| -> u64 {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0)
            };
            if line.starts_with("Pss:") {
                pss += kb(line);
            } else if line.starts_with("Rss:") {
                rss += kb(line);
            }
        }
    }
    (pss as f64 / 1024.0, rss as f64 / 1024.0)
}

/// One line of the table; `budget` None for a figure the issue sets no
/// budget for.
fn row(label: &str, mut samples: Vec<f64>, budget: Option<f64>, unit: &str, note: &str) {
    samples.sort_by(f64::total_cmp);
    let median = samples[samples.len() / 2];
    let (budget, verdict) = match budget {
        Some(b) => (b.to_string(), if median <= b { "met   " } else { "MISSED" }),
        None => ("-".to_string(), "      "),
    };
    println!(
        "{label:<44} {median:>10.1} {:>10.1} {:>10.1} {budget:>10}  {verdict}  ({unit}, n={}; {note})",
        samples[0],
        samples[samples.len() - 1],
        samples.len(),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run by .ci/bench on a release build"]
async fn measure_cold_start_and_memory() {
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["init"]);
    cli(data.path(), &["demo"]);
    let saves = tempfile::tempdir().unwrap();
    let save_dir = saves.path().to_string_lossy().into_owned();

    let (mut to_gate, mut to_dashboard, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let (mut idle_pss, mut idle_rss) = (Vec::new(), Vec::new());
    let mut last = None;
    for run in 0..COLD_STARTS {
        let launched = Instant::now();
        let app = App::launch_with(data.path(), &["--save-dir", &save_dir]).await;
        app.wait_text("#gate-title", "Unlock").await;
        let gate = launched.elapsed();
        app.type_into("#passphrase", PASSPHRASE).await;
        let clicked = Instant::now();
        app.click("#unlock-vault").await;
        app.wait_text(".figures", "active members").await;
        let dashboard = clicked.elapsed();
        to_gate.push(gate.as_secs_f64() * 1e3);
        to_dashboard.push(dashboard.as_secs_f64() * 1e3);
        total.push((gate + dashboard).as_secs_f64() * 1e3);
        // Idle: nothing pending, the page settled.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (pss, rss) = memory(&process_tree(data.path()));
        idle_pss.push(pss);
        idle_rss.push(rss);
        if run + 1 == COLD_STARTS {
            last = Some(app);
        } else {
            app.quit().await;
            // The next start must be cold, and measured alone.
            let deadline = Instant::now() + Duration::from_secs(20);
            while !process_tree(data.path()).is_empty() && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
    let app = last.unwrap();

    // Every document, from the window.
    app.click("section[aria-labelledby=minutes-waiting] a")
        .await;
    app.wait_text("main h1", "Minutes:").await;
    app.click("#export-minutes").await;
    app.wait_text("#minutes-message", "Saved the public minutes")
        .await;
    app.click("#export-annex").await;
    app.wait_text("#minutes-message", "Saved the confidential annex")
        .await;
    // The meeting's own page, for its agenda and sign-in sheet.
    app.execute_script("location.hash = location.hash.replace('/minutes', '')")
        .await;
    app.wait_text("main h1", ":").await;
    for (button, done) in [
        ("#export-agenda", "Saved the agenda"),
        ("#export-signin", "Saved the sign-in sheet"),
    ] {
        app.click(button).await;
        app.wait_text("#export-message", done).await;
    }
    for kind in ["induction_pack", "terms_of_reference"] {
        app.execute_script(&format!("location.hash = '#/documents/{kind}'"))
            .await;
        app.wait_text("#preview-count", "pages, as they will print")
            .await;
        app.click("#export-publication").await;
        app.wait_text("#documents-message", "Saved").await;
    }
    app.execute_script("location.hash = '#/documents/feedback'")
        .await;
    app.click("#export-feedback").await;
    app.wait_text("main", "Saved").await;
    for section in ["advice", "actions"] {
        app.execute_script(&format!("location.hash = '#/records/{section}'"))
            .await;
        for format in ["pdf", "csv"] {
            app.click(&format!("#export-{section}-{format}")).await;
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let written = std::fs::read_dir(saves.path()).unwrap().count();
    let (busy_pss, busy_rss) = memory(&process_tree(data.path()));
    app.quit().await;

    println!(
        "{:<44} {:>10} {:>10} {:>10} {:>10}",
        if cfg!(debug_assertions) {
            "the window (DEBUG build, Xvfb)"
        } else {
            "the window (release build, Xvfb)"
        },
        "median",
        "min",
        "max",
        "budget"
    );
    row(
        "cold start: launch to unlock screen",
        to_gate,
        None,
        "ms",
        "includes starting WebKitWebDriver",
    );
    row(
        "unlock to dashboard painted",
        to_dashboard,
        None,
        "ms",
        "key derivation included",
    );
    row(
        "cold start to dashboard (sum)",
        total,
        Some(1500.0),
        "ms",
        "without the time to type",
    );
    row(
        "memory idle, demo loaded (PSS)",
        idle_pss,
        // Issue 22's budget; 200 MiB stays the goal.
        Some(250.0),
        "MiB",
        &format!(
            "app + WebKit processes; goal 200; RSS median {:.0} MiB",
            idle_rss[idle_rss.len() / 2]
        ),
    );
    row(
        "memory after writing every document (PSS)",
        vec![busy_pss],
        None,
        "MiB",
        &format!("{written} files written; RSS {busy_rss:.0} MiB"),
    );
}
