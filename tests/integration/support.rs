//! Shared fixtures: a temporary data folder and a fixed clock.

use chrono::{NaiveDate, NaiveDateTime};
use iag_desk_core::{Passphrase, Vault};
use std::path::PathBuf;

pub const PASSPHRASE: &str = "kettle harbour violet";

pub struct TempVault {
    // Held so the folder lives as long as the test.
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempVault {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(iag_desk_core::VAULT_FILE);
        TempVault { dir, path }
    }

    pub fn create(&self) -> Vault {
        Vault::create(&self.path, &Passphrase::new(PASSPHRASE)).expect("create vault")
    }

    pub fn unlock(&self) -> Vault {
        Vault::unlock(&self.path, &Passphrase::new(PASSPHRASE)).expect("unlock vault")
    }

    /// Every file in the data folder with its bytes, to prove nothing changed.
    pub fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    /// The files that hold data: the vault and its WAL. The `-shm` file is
    /// SQLite's wal-index, rebuilt from the WAL by whoever opens it; it holds
    /// no records and may be rewritten by any reader.
    pub fn data_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.snapshot();
        files.retain(|(name, _)| !name.ends_with("-shm"));
        files
    }
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(12, 0, 0).unwrap()
}

/// The moment of an export, at [`now`].
pub fn export_now() -> iag_desk_core::exports::Now {
    iag_desk_core::exports::Now {
        local: now(),
        utc: now().and_utc(),
    }
}

/// A file as the window or the command line would get it, at [`now`].
pub fn export(
    vault: &iag_desk_core::Vault,
    request: iag_desk_core::exports::Request,
) -> iag_desk_core::exports::Export {
    iag_desk_core::exports::prepare(vault, &request, export_now())
        .and_then(iag_desk_core::exports::Prepared::render)
        .unwrap()
}

/// The agenda as a PDF, through the one way out.
pub fn agenda_pdf(vault: &iag_desk_core::Vault, meeting: iag_desk_core::ids::MeetingId) -> Vec<u8> {
    use iag_desk_core::exports::{Format, Request};
    export(
        vault,
        Request::Agenda {
            meeting,
            format: Format::Pdf,
        },
    )
    .bytes
}

/// The minutes (public) or the annex (members) as a PDF, through the one way out.
pub fn minutes_pdf(
    vault: &iag_desk_core::Vault,
    meeting: iag_desk_core::ids::MeetingId,
    audience: iag_desk_core::confidentiality::Audience,
) -> Vec<u8> {
    use iag_desk_core::exports::{Format, Request};
    export(
        vault,
        Request::Minutes {
            meeting,
            audience,
            format: Format::Pdf,
        },
    )
    .bytes
}

/// A group's induction pack as a PDF, through the one way out.
pub fn pack_pdf(
    vault: &iag_desk_core::Vault,
    group: iag_desk_core::ids::GroupId,
    member: Option<iag_desk_core::ids::PersonId>,
    large_print: bool,
) -> Vec<u8> {
    use iag_desk_core::exports::{Format, Request};
    use iag_desk_core::publications::Publication;
    export(
        vault,
        Request::Publication {
            group,
            publication: Publication::InductionPack,
            member,
            large_print,
            format: Format::Pdf,
        },
    )
    .bytes
}

/// A web page's text, as written.
pub fn page(export: iag_desk_core::exports::Export) -> String {
    String::from_utf8(export.bytes).expect("a web page is UTF-8")
}

/// A new vault with the demo force loaded.
pub fn demo_vault() -> (TempVault, Vault) {
    let t = TempVault::new();
    let mut vault = t.create();
    iag_desk_core::demo::load(&mut vault, today()).unwrap();
    (t, vault)
}

/// The member (or police contact's) id whose name is exactly `name`.
pub fn person_named(vault: &Vault, name: &str) -> iag_desk_core::ids::PersonId {
    iag_desk_core::roster::members::search(
        vault,
        &iag_desk_core::roster::members::MemberQuery {
            text: name.into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()
    .into_iter()
    .find(|p| p.full_name == name)
    .unwrap_or_else(|| panic!("no member {name}"))
    .id
}

/// Names of the members a search for `text` finds, in order.
pub fn member_names(vault: &Vault, text: &str) -> Vec<String> {
    iag_desk_core::roster::members::search(
        vault,
        &iag_desk_core::roster::members::MemberQuery {
            text: text.into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()
    .into_iter()
    .map(|p| p.full_name)
    .collect()
}

/// A group's id by its name on the demo roster.
pub fn group_named(vault: &Vault, name: &str) -> iag_desk_core::ids::GroupId {
    iag_desk_core::roster::groups(vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("no group called {name}"))
        .id
}

/// `IAG_DESK_KEEP_PDF=DIR` keeps a copy of a test's PDF, to look at.
pub fn keep_pdf(name: &str, pdf: &[u8]) {
    if let Ok(dir) = std::env::var("IAG_DESK_KEEP_PDF") {
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) must be installed: {e}"));
    assert!(out.status.success(), "{tool} failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// pdftotext's pages (split at form feeds), each with directional marks
/// removed and every run of white space folded to one space.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf)
        .split('\u{c}')
        .map(|page| {
            page.chars()
                .filter(|c| {
                    !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                })
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The whole text of a PDF, pages joined, white space folded.
pub fn pdf_text(pdf: &[u8]) -> String {
    pdf_pages(pdf).join(" ")
}

/// pdfinfo's report: the PDF's metadata.
pub fn pdf_info(pdf: &[u8]) -> String {
    poppler("pdfinfo", &[], pdf)
}

/// Every row of every table of a vault (but those in `skip`), decrypted,
/// as (table, cells as text), sorted: equal lists mean equal data.
pub fn decrypted_rows(
    path: &std::path::Path,
    passphrase: &str,
    skip: &[&str],
) -> Vec<(String, Vec<String>)> {
    let conn = iag_desk_core::storage::raw_connection_for_tests(path, &Passphrase::new(passphrase))
        .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables.into_iter().filter(|t| !skip.contains(&t.as_str())) {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells = (0..n)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                    other => format!("{other:?}"),
                })
                .collect();
            out.push((table.clone(), cells));
        }
    }
    out.sort();
    out
}

/// Holds an HTML export to the core's own checks (well-formed XML, one h1
/// first, no skipped heading level, full tables with column headers, no
/// script and nothing loaded from outside, a `lang` on every run of text in
/// another script); `IAG_DESK_KEEP_PDF=DIR` keeps a copy to look at.
pub fn checked_html(name: &str, html: &str) {
    keep_pdf(name, html.as_bytes());
    if let Err(problems) = iag_desk_core::documents::html::check_html(html) {
        panic!(
            "{name} fails the HTML checks:\n{}\n\n{html}",
            problems.join("\n")
        );
    }
}

/// `text` is in `html` inside a span whose `lang` names its script, so a
/// screen reader does not read it with English rules.
pub fn assert_tagged(html: &str, text: &str, lang: &str) {
    let dir = if lang == "und-Arab" {
        " dir=\"rtl\""
    } else {
        ""
    };
    let span = format!("<span lang=\"{lang}\"{dir}>{text}</span>");
    assert!(html.contains(&span), "{span} in the web page:\n{html}");
}

/// The test virtual environment's Python (`.ci/install-deps --test` makes
/// it), with the independent readers and writers of Word and spreadsheet
/// files: python-docx, openpyxl and odfpy.
pub fn python() -> std::path::PathBuf {
    let venv = std::env::var_os("IAG_DESK_VENV")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").expect("HOME"))
                .join(".cache/iag-desk-venv")
        });
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `bash .ci/install-deps --test`, which installs python-docx, \
         openpyxl and odfpy there",
        python.display()
    );
    python
}
