//! What the comparisons with other document tools share (LibreOffice,
//! Typst): timing samples, a program's output, and checks that both PDFs
//! hold the same pages and text.

use iag_desk_core::documents::{Block, Document};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The 40-page public minutes both comparisons use, from a real temporary
/// vault (kept alive by the returned folder), and the folder the compared
/// files are kept in (emptied first) under the bench's own name.
pub struct Minutes {
    pub _dir: tempfile::TempDir,
    pub vault: iag_desk_core::Vault,
    pub meeting: iag_desk_core::ids::MeetingId,
    pub entries: usize,
    pub doc: Document,
    pub out: PathBuf,
}

pub fn minutes(pages: usize, files: &str) -> Minutes {
    use iag_desk_core::minutes::{audience, document, record};
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(files);
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).unwrap();
    let (_dir, vault, meeting, entries) = super::common::minuted_meeting(pages);
    let doc = document::public_document(&audience::public_minutes(
        &record::record(&vault, meeting).unwrap(),
    ));
    Minutes {
        _dir,
        vault,
        meeting,
        entries,
        doc,
        out,
    }
}

/// A first, cold run, then `runs` timed runs.
pub struct Samples {
    first: Duration,
    sorted: Vec<Duration>,
}

impl Samples {
    pub fn take(runs: usize, mut f: impl FnMut()) -> Self {
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

    /// Samples timed elsewhere (by another program, in milliseconds): the
    /// first of them is the cold run.
    pub fn from_ms(first: f64, runs: &[f64]) -> Self {
        let d = |ms: f64| Duration::from_secs_f64(ms / 1e3);
        let mut sorted: Vec<Duration> = runs.iter().copied().map(d).collect();
        sorted.sort();
        Samples {
            first: d(first),
            sorted,
        }
    }

    pub fn median(&self) -> f64 {
        ms(self.sorted[self.sorted.len() / 2])
    }

    pub fn print(&self, label: &str) {
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

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A program's standard output, or `None` if it is missing or failed.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
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

pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// The PDF's text with every run of white space as one space, so line and
/// page breaks in different places do not count as differences.
pub fn pdf_text(pdf: &Path) -> Option<String> {
    let text = output("pdftotext", &["-enc", "UTF-8", &pdf.to_string_lossy(), "-"])?;
    Some(normalise(&text))
}

/// White space runs as one space, and without the bidirectional controls
/// pdftotext puts around right-to-left runs.
pub fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || ('\u{202A}'..='\u{202E}').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn pages(pdf: &Path) -> String {
    output("pdfinfo", &[&pdf.to_string_lossy()])
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().to_string()))
        })
        .unwrap_or_else(|| "?".into())
}

/// Page counts, a few sample sentences (one per script in the names) and how
/// many paragraphs each PDF holds whole.
pub fn compare_text(doc: &Document, iag_pdf: &Path, other: &str, other_pdf: &Path) {
    println!(
        "pages: IAG Desk {}, {other} {}",
        pages(iag_pdf),
        pages(other_pdf)
    );
    let (Some(iag), Some(lo)) = (pdf_text(iag_pdf), pdf_text(other_pdf)) else {
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
    println!("sample sentences found in the text of: IAG Desk / {other}");
    let mut samples = vec![paragraphs[0].clone()];
    for name in super::common::NAMES {
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
        "headings and paragraphs found whole: IAG Desk {} of {n}, {other} {} of {n} \
         (the rest are split by a page break, with the running footer and header inside, or \
         break a line after the hyphen of \"self-defined\", which pdftotext then drops)",
        whole(&iag),
        whole(&lo),
        n = paragraphs.len()
    );
}

/// Page 1 of each PDF as a PNG at 50 dpi, to compare by eye.
pub fn page_images(out: &Path, iag_pdf: &Path, other_pdf: &Path, other: &str) {
    let mut made: Vec<PathBuf> = Vec::new();
    let other_name = format!("{}-page1", other.to_lowercase());
    for (pdf, name) in [
        (iag_pdf, "iag-desk-page1"),
        (other_pdf, other_name.as_str()),
    ] {
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
