//! IAG Desk against today's tools: `cargo bench -p iag-desk-core --bench
//! libreoffice` (or `bash .ci/compare-libreoffice`, which installs
//! LibreOffice first).
//!
//! Today a secretary writes the minutes in a word processor and exports a
//! PDF. This takes the same 40-page public minutes as the minutes benchmark,
//! writes that very `Document` as a Flat ODT (benches/common/fodt.rs), and in
//! one run times IAG Desk rendering it against LibreOffice Writer converting
//! it (`soffice --headless --convert-to pdf`, a new process each time, as a
//! user converting one document starts it). It checks the comparison is fair
//! (the ODT is well-formed XML; both PDFs hold the same text, by pdftotext)
//! and prints median, min and max for each and the ratio of the medians.
//! Without `soffice` it says how to get it and exits successfully.

use compare::{compare_text, load_average, output, page_images, Samples};
use iag_desk_core::documents::render_pdf;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

// This bench prints its own table rather than common::report's lines.
#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
// Shared with the other comparison, which uses other parts of it.
#[allow(dead_code)]
#[path = "common/compare.rs"]
mod compare;
#[path = "common/fodt.rs"]
mod fodt;

const PAGES: usize = 40;
const IAG_DESK_RUNS: usize = 15;
/// Each LibreOffice run takes seconds; five give a stable median.
const LIBREOFFICE_RUNS: usize = 5;

fn main() {
    let Some(version) = output("soffice", &["--version"]) else {
        println!(
            "LibreOffice comparison skipped: `soffice` is not installed. \
             `bash .ci/compare-libreoffice` installs it (Debian: apt-get install \
             --no-install-recommends libreoffice-writer-nogui fonts-noto-core fonts-noto-cjk \
             poppler-utils) and runs this benchmark."
        );
        return;
    };
    println!("{}", version.trim());
    println!("load average before: {}", load_average());

    // Kept after the run so the files can be opened and compared by eye.
    let compare::Minutes {
        _dir,
        vault,
        meeting: id,
        entries,
        doc,
        out,
    } = compare::minutes(PAGES, "libreoffice-comparison");
    let fodt_path = out.join("minutes.fodt");
    fs::write(&fodt_path, fodt::fodt(&doc)).unwrap();
    println!(
        "Flat ODT: {} ({} KiB, {entries} entries), well-formed XML: {}",
        fodt_path.display(),
        fs::metadata(&fodt_path).unwrap().len() / 1024,
        well_formed(&fodt_path)
    );
    let iag_pdf = out.join("iag-desk.pdf");
    fs::write(&iag_pdf, render_pdf(&doc).unwrap()).unwrap();

    // IAG Desk first, then LibreOffice, so LibreOffice's processes do not
    // share the two cores with IAG Desk's runs.
    let render = Samples::take(IAG_DESK_RUNS, || {
        render_pdf(&doc).unwrap();
    });
    let whole = Samples::take(IAG_DESK_RUNS, || {
        common::public_minutes_pdf(&vault, id);
    });

    let lo_out = out.join("libreoffice");
    // A new profile for every run: nothing carried over from the run before.
    let fresh = Samples::take(LIBREOFFICE_RUNS, || {
        let profile = tempfile::Builder::new()
            .prefix("iag-desk-lo-profile-")
            .tempdir()
            .unwrap();
        convert(&fodt_path, &lo_out, profile.path());
    });
    // A user's LibreOffice already has its profile: the same conversion with
    // one made beforehand, to show what profile creation adds.
    let profile = tempfile::Builder::new()
        .prefix("iag-desk-lo-profile-")
        .tempdir()
        .unwrap();
    let kept = Samples::take(LIBREOFFICE_RUNS, || {
        convert(&fodt_path, &lo_out, profile.path());
    });
    let lo_pdf = lo_out.join("minutes.pdf");

    println!();
    println!(
        "{:<58} {:>9} {:>9} {:>9}  (ms)",
        "same public minutes to PDF", "median", "min", "max"
    );
    render.print("IAG Desk: render_pdf of the Document");
    whole.print("IAG Desk: from the vault (read + filter + PDF)");
    fresh.print("LibreOffice: soffice --convert-to pdf, new profile");
    kept.print("LibreOffice: soffice --convert-to pdf, existing profile");
    println!("load average after: {}", load_average());
    println!();
    println!(
        "LibreOffice takes {:.1}× as long as IAG Desk from the vault ({:.1}× with an existing \
         profile), {:.1}× as long as render_pdf alone ({:.1}×): ratios of the medians.",
        fresh.median() / whole.median(),
        kept.median() / whole.median(),
        fresh.median() / render.median(),
        kept.median() / render.median()
    );
    println!();
    compare_text(&doc, &iag_pdf, "LibreOffice", &lo_pdf);
    page_images(&out, &iag_pdf, &lo_pdf, "LibreOffice");
}

/// One LibreOffice conversion, as a user would run it: a fresh process that
/// starts, loads the document, lays it out, exports the PDF and exits.
fn convert(fodt: &Path, out_dir: &Path, profile: &Path) {
    let pdf = out_dir.join(fodt.with_extension("pdf").file_name().unwrap());
    let _ = fs::remove_file(&pdf);
    let result = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(out_dir)
        .arg(fodt)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        result.status.success() && pdf.exists(),
        "soffice did not convert {}: {}",
        fodt.display(),
        String::from_utf8_lossy(&result.stderr)
    );
}

/// Whether an XML parser (Python's) accepts the file; LibreOffice would
/// otherwise open a damaged file as best it can and the comparison would be
/// of something else.
fn well_formed(path: &Path) -> &'static str {
    let check = "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])";
    match Command::new("python3")
        .args(["-c", check])
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .status()
    {
        Ok(s) if s.success() => "yes",
        Ok(_) => "NO",
        Err(_) => "not checked (no python3)",
    }
}
