//! The roster from a spreadsheet and to one, on the command line (issue
//! 20): `roster import` of an .xlsx written by openpyxl, `--sheet`,
//! `--create-groups` with tiers from the file or `--tier`, and `roster
//! export` to .xlsx read back by openpyxl.

use super::{
    assert_fails_with, demo_dir, iag_desk, status_json, stderr, stdout, succeeds, PASSPHRASE,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The test virtual environment's Python, with python-docx, openpyxl and
/// odfpy.
pub(crate) fn python() -> PathBuf {
    let venv = std::env::var_os("IAG_DESK_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME")).join(".cache/iag-desk-venv")
        });
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `bash .ci/install-deps --test`, which installs openpyxl and odfpy there",
        python.display()
    );
    python
}

/// Writes `spec` as a workbook at `out` with the independent writer.
fn workbook(spec: &Value, out: &Path) {
    let spec_path = out.with_extension("json");
    std::fs::write(&spec_path, spec.to_string()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/write_sheet.py");
    let run = std::process::Command::new(python())
        .arg(&script)
        .arg(&spec_path)
        .arg(out)
        .output()
        .expect("run the spreadsheet writer");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// A workbook with the roster on its second sheet, behind a hidden one,
/// naming two groups the demo force does not have.
fn roster_book(dir: &Path) -> PathBuf {
    let path = dir.join("roster.xlsx");
    workbook(
        &json!({"sheets": [
            {"name": "Read me", "hidden": true, "rows": [["Full name"], ["Not A Member"]]},
            {"name": "Members", "rows": [
                ["Full name", "E-mail address", "Mobile", "Date joined", "Groups"],
                ["Orla Byrne", "orla@example.org", {"n": 447700900111_i64}, {"d": "2025-05-06"}, "Corby IAG [local] (chair)"],
                [],
                ["Priya Nair", "priya@example.org", null, "06/05/2025", "Corby IAG; Youth Voices"],
            ]},
            {"name": "Police", "rows": [
                ["full_name", "kind", "police_rank", "groups"],
                ["Insp Sam Cole", "police", "Inspector", "LGBT+ Subgroup (police_spoc)"],
            ]},
        ]}),
        &path,
    );
    path
}

#[test]
fn roster_import_of_an_xlsx_refuses_unknown_groups_in_one_line() {
    let dir = demo_dir();
    let book = roster_book(dir.path());
    let before = status_json(dir.path());
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "import", book.to_str().unwrap()],
    );
    assert_fails_with(
        &o,
        1,
        "sheet Members, column E (groups): 2 groups are not in IAG Desk yet: Corby IAG, Youth Voices.",
    );
    assert_eq!(
        stderr(&o).matches("not in IAG Desk yet").count(),
        1,
        "one line, not one per row: {}",
        stderr(&o)
    );
    assert_eq!(status_json(dir.path()), before, "nothing changed");
}

#[test]
fn roster_import_create_groups_with_tiers_from_the_file_or_the_default() {
    let dir = demo_dir();
    let book = roster_book(dir.path());
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "roster",
            "import",
            book.to_str().unwrap(),
            "--create-groups",
        ],
    );
    assert_fails_with(&o, 1, "no tier for the new group Youth Voices");

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "roster",
            "import",
            book.to_str().unwrap(),
            "--create-groups",
            "--tier",
            "sub-group",
        ],
    );
    assert_fails_with(
        &o,
        1,
        "\"sub-group\" is not a tier; use one of: strategic, local, subgroup, critical.",
    );

    let before = status_json(dir.path())["counts"]["members_total"]
        .as_u64()
        .unwrap();
    let o = succeeds(
        dir.path(),
        &[
            "roster",
            "import",
            book.to_str().unwrap(),
            "--create-groups",
            "--tier",
            "subgroup",
            "--parent",
            "fenwold strategic iag",
        ],
    );
    assert_eq!(
        stdout(&o).trim(),
        format!(
            "Added 2 people and 3 roles from 2 rows of {} (1 empty rows skipped). Created 2 groups: Corby IAG (Local IAG), Youth Voices (Subgroup).",
            book.display()
        )
    );
    assert_eq!(
        status_json(dir.path())["counts"]["members_total"],
        before + 2
    );
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &["roster", "list", "--group", "Corby IAG"],
    );
    let text = stdout(&o);
    assert!(text.contains("Orla Byrne"), "{text}");
    assert!(text.contains("Chair, Corby IAG"), "{text}");
    assert!(
        !text.contains("Not A Member"),
        "the hidden sheet is not read"
    );
}

#[test]
fn roster_import_sheet_reads_the_sheet_named() {
    let dir = demo_dir();
    let book = roster_book(dir.path());
    let o = succeeds(
        dir.path(),
        &[
            "roster",
            "import",
            book.to_str().unwrap(),
            "--sheet",
            "police",
            "--dry-run",
            "--json",
        ],
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["people_added"], 1);
    assert_eq!(report["roles_added"], 1);
    assert_eq!(report["dry_run"], true);

    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "roster",
            "import",
            book.to_str().unwrap(),
            "--sheet",
            "Guests",
        ],
    );
    assert_fails_with(
        &o,
        1,
        "there is no sheet called \"Guests\"; the sheets are: Read me (hidden), Members, Police.",
    );
    let o = iag_desk(
        dir.path(),
        Some(PASSPHRASE),
        &[
            "roster",
            "import",
            book.to_str().unwrap(),
            "--tier",
            "local",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "--tier needs --create-groups");
}

#[test]
fn roster_export_xlsx_reads_back_in_openpyxl() {
    let dir = demo_dir();
    let out = dir.path().join("lgbt.xlsx");
    let o = succeeds(
        dir.path(),
        &[
            "roster",
            "export",
            out.to_str().unwrap(),
            "--group",
            "LGBT+ Subgroup",
            "--json",
        ],
    );
    let written: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(written["format"], "xlsx");
    let read = std::process::Command::new(python())
        .args([
            "-c",
            "import json, sys, openpyxl\n\
             wb = openpyxl.load_workbook(sys.argv[1])\n\
             ws = wb['Roster']\n\
             print(json.dumps([[('' if c is None else str(c)) for c in r] for r in ws.iter_rows(values_only=True)]))",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(rows.len(), 1 + 6, "header, five members and the SPOC");
    assert_eq!(rows[0][0], "full_name");
    assert!(
        rows.iter()
            .any(|r| r[0] == "David Chen" && r[1] == "police"),
        "{rows:?}"
    );
    // The CSV's name when the ending is not .xlsx.
    let csv = dir.path().join("all.csv");
    succeeds(dir.path(), &["roster", "export", csv.to_str().unwrap()]);
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBF"));
}
