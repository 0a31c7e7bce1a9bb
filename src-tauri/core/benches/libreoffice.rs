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

use iag_desk_core::documents::{render_pdf, Block, Document};
use iag_desk_core::minutes::{audience, document, record};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

// This bench prints its own table rather than common::report's lines.
#[allow(dead_code)]
#[path = "common/mod.rs"]
mod common;
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
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("libreoffice-comparison");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).unwrap();

    let (_dir, vault, id, entries) = common::minuted_meeting(PAGES);
    let doc = document::public_document(&audience::public_minutes(
        &record::record(&vault, id).unwrap(),
    ));
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
    compare_text(&doc, &iag_pdf, &lo_pdf);
    page_images(&out, &iag_pdf, &lo_pdf);
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

/// A first, cold run, then `runs` timed runs.
struct Samples {
    first: Duration,
    sorted: Vec<Duration>,
}

impl Samples {
    fn take(runs: usize, mut f: impl FnMut()) -> Self {
        let start = Instant::now();
        f();
        let first = start.elapsed();
        let mut sorted: Vec<Duration> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect();
        sorted.sort();
        Samples { first, sorted }
    }

    fn median(&self) -> f64 {
        ms(self.sorted[self.sorted.len() / 2])
    }

    fn print(&self, label: &str) {
        println!(
            "{label:<58} {:>9.1} {:>9.1} {:>9.1}  (n={}; first run {:.1} ms)",
            self.median(),
            ms(self.sorted[0]),
            ms(self.sorted[self.sorted.len() - 1]),
            self.sorted.len(),
            ms(self.first)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A program's standard output, or `None` if it is missing or failed.
fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
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

/// The PDF's text with every run of white space as one space, so line and
/// page breaks in different places do not count as differences.
fn pdf_text(pdf: &Path) -> Option<String> {
    let text = output("pdftotext", &["-enc", "UTF-8", &pdf.to_string_lossy(), "-"])?;
    Some(normalise(&text))
}

/// White space runs as one space, and without the bidirectional controls
/// pdftotext puts around right-to-left runs.
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || ('\u{202A}'..='\u{202E}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn pages(pdf: &Path) -> String {
    output("pdfinfo", &[&pdf.to_string_lossy()])
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_string()))
        })
        .unwrap_or_else(|| "?".into())
}

/// Page counts, a few sample sentences (one per script in the names) and how
/// many paragraphs each PDF holds whole.
fn compare_text(doc: &Document, iag_pdf: &Path, lo_pdf: &Path) {
    println!(
        "pages: IAG Desk {}, LibreOffice {}",
        pages(iag_pdf),
        pages(lo_pdf)
    );
    let (Some(iag), Some(lo)) = (pdf_text(iag_pdf), pdf_text(lo_pdf)) else {
        println!("text not compared: pdftotext is missing (Debian: poppler-utils)");
        return;
    };
    let paragraphs: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(normalise(text)),
            Block::Paragraph(runs) => Some(normalise(
                &runs.iter().map(|r| r.text.as_str()).collect::<String>(),
            )),
            _ => None,
        })
        .filter(|p| !p.is_empty())
        .collect();
    let yes_no = |found: bool| if found { "yes" } else { "NO " };
    println!("sample sentences found in the text of: IAG Desk / LibreOffice");
    let mut samples = vec![paragraphs[0].clone()];
    for name in [
        "Zofia Wójcik",
        "فاطمة الزهراء حسن",
        "রাজিয়া বেগম",
        "ਹਰਪ੍ਰੀਤ ਕੌਰ",
        "प्रिया शर्मा",
        "陈美玲",
    ] {
        samples.push(format!(
            "{name} reported what residents on the Fenside estate said"
        ));
    }
    samples.extend(paragraphs.last().cloned());
    for s in &samples {
        println!(
            "  {} / {}  {}",
            yes_no(iag.contains(s.as_str())),
            yes_no(lo.contains(s.as_str())),
            s.chars().take(70).collect::<String>()
        );
    }
    let whole = |text: &str| {
        paragraphs
            .iter()
            .filter(|p| text.contains(p.as_str()))
            .count()
    };
    println!(
        "headings and paragraphs found whole: IAG Desk {} of {n}, LibreOffice {} of {n} \
         (the rest are split by a page break, with the running footer and header inside, or \
         break a line after the hyphen of \"self-defined\", which pdftotext then drops)",
        whole(&iag),
        whole(&lo),
        n = paragraphs.len()
    );
}

/// Page 1 of each PDF as a PNG at 50 dpi, to compare by eye.
fn page_images(out: &Path, iag_pdf: &Path, lo_pdf: &Path) {
    let mut made: Vec<PathBuf> = Vec::new();
    for (pdf, name) in [(iag_pdf, "iag-desk-page1"), (lo_pdf, "libreoffice-page1")] {
        let prefix = out.join(name);
        let ok = Command::new("pdftoppm")
            .args(["-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png"])
            .arg(pdf)
            .arg(&prefix)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            made.push(prefix.with_extension("png"));
        }
    }
    println!("files: {}", out.display());
    for p in made {
        println!("  {}", p.display());
    }
}
