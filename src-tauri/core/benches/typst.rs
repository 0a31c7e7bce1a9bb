//! IAG Desk against Typst, the best document engine in the field (issue 22):
//! `bash .ci/compare-typst` (which installs Typst's Python package in a
//! virtual environment and runs this with `IAG_DESK_TYPST_PYTHON` set).
//!
//! Takes the same 40-page public minutes as the minutes benchmark, writes
//! that very `Document` as Typst markup (benches/common/typst.rs), and in one
//! run times:
//! - a fresh compile: Typst in a new process each time (a new `Compiler`,
//!   which finds the fonts, then the PDF), against IAG Desk's `render_pdf`
//!   of the Document and its whole path from the vault;
//! - a recompile after a one-word change in one paragraph: one Typst
//!   `Compiler` compiling the two versions in turn (its memoisation keeps
//!   what did not change), against IAG Desk laying the changed Document out
//!   again with the previous layout kept (`Relayout`), then writing the PDF.
//!
//! It checks the comparison is fair (page counts, sample sentences in every
//! script, paragraphs found whole, by pdftotext) and prints median, min and
//! max for each and the ratios of the medians. Without Typst it says how to
//! get it and exits successfully.

use compare::{compare_text, load_average, page_images, Samples};
use iag_desk_core::documents::{render_layout, render_pdf, Block, Document, Relayout};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

// This bench prints its own table rather than common::report's lines.
#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
// Shared with the other comparison, which uses other parts of it.
#[allow(dead_code)]
#[path = "common/compare.rs"]
mod compare;
#[path = "common/typst.rs"]
mod typst;

const PAGES: usize = 40;
const IAG_DESK_RUNS: usize = 15;
/// Each fresh Typst process loads the system's fonts: seven are enough.
const FRESH_RUNS: usize = 7;
const RECOMPILE_RUNS: usize = 15;

fn main() {
    let Some(python) = std::env::var_os("IAG_DESK_TYPST_PYTHON").map(PathBuf::from) else {
        println!(
            "Typst comparison skipped: IAG_DESK_TYPST_PYTHON is not set. `bash .ci/compare-typst` \
             installs Typst's Python package (PyPI `typst`) in a virtual environment and runs \
             this benchmark with it."
        );
        return;
    };
    let driver = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/common/typst_driver.py");
    let version = run(
        &python,
        &[
            "-c",
            "import importlib.metadata as m; print(m.version('typst'))",
        ],
    );
    println!("Typst (PyPI typst) {}", version.trim());
    println!("load average before: {}", load_average());

    // Kept after the run so the files can be opened and compared by eye.
    let compare::Minutes {
        _dir,
        vault,
        meeting: id,
        entries,
        doc,
        out,
    } = compare::minutes(PAGES, "typst-comparison");
    let (changed, word) = one_word_changed(&doc);
    let source = out.join("minutes.typ");
    let changed_source = out.join("minutes-changed.typ");
    fs::write(&source, typst::typst(&doc)).unwrap();
    fs::write(&changed_source, typst::typst(&changed)).unwrap();
    println!(
        "Typst source: {} ({} KiB, {entries} entries); the change: {word}",
        source.display(),
        fs::metadata(&source).unwrap().len() / 1024
    );
    let iag_pdf = out.join("iag-desk.pdf");
    fs::write(&iag_pdf, render_pdf(&doc).unwrap()).unwrap();

    // IAG Desk first, then Typst, so the two never share the cores.
    let render = Samples::take(IAG_DESK_RUNS, || {
        render_pdf(&doc).unwrap();
    });
    let whole = Samples::take(IAG_DESK_RUNS, || {
        common::public_minutes_pdf(&vault, id);
    });
    // As Typst keeps what did not change, IAG Desk keeps the previous
    // layout (documents::Relayout): laid out again from the changed
    // paragraph's page, then the whole PDF written.
    let mut turn = 0;
    let mut kept = Relayout::default();
    kept.layout(&doc).unwrap();
    let rerender = Samples::take(IAG_DESK_RUNS, || {
        turn += 1;
        let next = if turn % 2 == 1 { &changed } else { &doc };
        let laid = kept.layout(next).unwrap();
        render_layout(next, laid).unwrap();
    });

    let typst_pdf = out.join("typst.pdf");
    let fresh_ms: Vec<f64> = (0..=FRESH_RUNS)
        .map(|_| {
            run(
                &python,
                &[
                    &driver.to_string_lossy(),
                    "fresh",
                    &source.to_string_lossy(),
                    &typst_pdf.to_string_lossy(),
                ],
            )
            .trim()
            .parse()
            .unwrap()
        })
        .collect();
    let fresh = Samples::from_ms(fresh_ms[0], &fresh_ms[1..]);
    let recompile_ms: Vec<f64> = run(
        &python,
        &[
            &driver.to_string_lossy(),
            "recompile",
            &source.to_string_lossy(),
            &changed_source.to_string_lossy(),
            &(RECOMPILE_RUNS + 1).to_string(),
        ],
    )
    .split_whitespace()
    .map(|t| t.parse().unwrap())
    .collect();
    let recompile = Samples::from_ms(recompile_ms[0], &recompile_ms[1..]);

    println!();
    println!(
        "{:<58} {:>9} {:>9} {:>9}  (ms)",
        "same public minutes to PDF", "median", "min", "max"
    );
    render.print("IAG Desk: render_pdf of the Document");
    whole.print("IAG Desk: from the vault (read + filter + PDF)");
    rerender.print("IAG Desk: again after a one-word change, layout kept");
    fresh.print("Typst: fresh compile (new process, fonts found)");
    recompile.print("Typst: recompile after a one-word change");
    println!("load average after: {}", load_average());
    println!();
    println!(
        "Fresh: IAG Desk's render takes {:.2}× Typst's fresh compile ({:.2}× from the vault). \
         After a one-word change: IAG Desk's re-render takes {:.2}× Typst's recompile. \
         Ratios of the medians; above 1, Typst is faster.",
        render.median() / fresh.median(),
        whole.median() / fresh.median(),
        rerender.median() / recompile.median()
    );
    println!();
    compare_text(&doc, &iag_pdf, "Typst", &typst_pdf);
    page_images(&out, &iag_pdf, &typst_pdf, "Typst");
}

/// The document with one word of a paragraph in the middle changed, as a
/// secretary correcting one minute entry would; and what changed.
fn one_word_changed(doc: &Document) -> (Document, String) {
    let mut changed = doc.clone();
    let paragraphs: Vec<usize> = changed
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, Block::Paragraph(runs) if runs.iter().any(|r| !r.bold && r.text.contains(' '))))
        .map(|(i, _)| i)
        .collect();
    let at = paragraphs[paragraphs.len() / 2];
    let Block::Paragraph(runs) = &mut changed.blocks[at] else {
        unreachable!()
    };
    let run = runs
        .iter_mut()
        .find(|r| !r.bold && r.text.contains(' '))
        .unwrap();
    let word = run.text.split(' ').next().unwrap().to_string();
    run.text = run.text.replacen(&word, "Indeed", 1);
    (
        changed,
        format!("\"{word}\" became \"Indeed\" in block {at}"),
    )
}

/// A program's standard output; a failure stops the benchmark with its
/// message (a broken comparison must not print figures).
fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
