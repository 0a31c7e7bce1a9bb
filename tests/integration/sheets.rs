//! The roster straight from a spreadsheet (issue 20): .xlsx written by
//! openpyxl and .ods by odfpy (independent writers, from the test virtual
//! environment `.ci/install-deps --test` makes) import exactly like their
//! CSV twins; formula, merged, date and hidden-sheet cells; problems named
//! by sheet, row and column letter; groups the file names, refused in one
//! line or created on the way, all or nothing.

use crate::support::{demo_vault, member_names, python, today, TempVault};
use iag_desk_core::roster::members::{self, MemberQuery};
use iag_desk_core::roster::table::{self, GroupChoice, ImportOptions, ImportReport, NewGroups};
use iag_desk_core::roster::{csv, sheet};
use iag_desk_core::vocabulary::Tier;
use iag_desk_core::{Error, Vault};
use serde_json::{json, Value};
use std::path::PathBuf;

/// A workbook written by the independent writer (`tests/fixtures/write_sheet.py`).
fn workbook(spec: &Value, ending: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let spec_path = dir.path().join("spec.json");
    std::fs::write(&spec_path, spec.to_string()).unwrap();
    let out = dir.path().join(format!("book.{ending}"));
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/write_sheet.py");
    let run = std::process::Command::new(python())
        .arg(&script)
        .arg(&spec_path)
        .arg(&out)
        .output()
        .expect("run the spreadsheet writer");
    assert!(
        run.status.success(),
        "the writer failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read(&out).unwrap()
}

fn problems(err: Error) -> Vec<String> {
    err.problems()
        .iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect()
}

fn import_file(
    vault: &mut Vault,
    bytes: &[u8],
    sheet: Option<&str>,
    new_groups: NewGroups,
) -> iag_desk_core::Result<ImportReport> {
    let t = table::read(bytes, sheet)?;
    table::import(
        vault,
        &t,
        &ImportOptions {
            dry_run: false,
            new_groups,
        },
        today(),
    )
}

const TWIN_CSV: &str = "full_name,email,phone,joined_on,groups,vetting_level,vetting_granted_on,vetting_expires_on,skills\r\n\
Nadia Rahman,nadia@example.org,447700900555,01/02/2025,Brackenford Local IAG (member); Race and Faith Subgroup,nppv1,2025-02-01,01/02/2028,\"Housing, benefits\"\r\n\
أحمد الفارسي,ahmed.farsi@example.org,,,Marlow Fen Local IAG (vice chair),,,,Arabic\r\n\
,,,,,,,,\r\n\
Wiktoria Żak 🙂,,,22 November 2026,,,,,\r\n";

/// The same table as a person keeps it in a spreadsheet: the headers as
/// people write them, the phone typed as a number, dates as date cells
/// (one as text), an empty row.
fn twin_spec() -> Value {
    json!({"sheets": [{"name": "Members", "rows": [
        ["Full name", "E-mail address", "Mobile", "Date joined", "Groups", "Vetting level", "Vetting granted on", "Vetting expires on", "Skills"],
        ["Nadia Rahman", "nadia@example.org", {"n": 447700900555_i64}, {"d": "2025-02-01"},
         "Brackenford Local IAG (member); Race and Faith Subgroup", "nppv1", {"d": "2025-02-01"}, "01/02/2028", "Housing, benefits"],
        ["أحمد الفارسي", "ahmed.farsi@example.org", null, null, "Marlow Fen Local IAG (vice chair)", null, null, null, "Arabic"],
        [],
        ["Wiktoria Żak 🙂", null, null, {"d": "2026-11-22"}, null, null, null, null, null]
    ]}]})
}

#[test]
fn xlsx_and_ods_by_independent_writers_import_exactly_like_their_csv_twin() {
    let (_t, mut csv_vault) = demo_vault();
    let report = csv::import(&mut csv_vault, TWIN_CSV.as_bytes(), false, today()).unwrap();
    assert_eq!((report.people_added, report.roles_added), (3, 3));
    let expected = csv::export(&csv_vault, None, today()).unwrap();

    for ending in ["xlsx", "ods"] {
        let bytes = workbook(&twin_spec(), ending);
        assert!(sheet::is_workbook(&bytes), "{ending} is read as a workbook");
        let (_t, mut vault) = demo_vault();
        let got = import_file(&mut vault, &bytes, None, NewGroups::Refuse)
            .unwrap_or_else(|e| panic!("{ending}: {:?}", problems(e)));
        assert_eq!(
            (
                got.rows,
                got.people_added,
                got.roles_added,
                got.empty_rows_skipped
            ),
            (
                report.rows,
                report.people_added,
                report.roles_added,
                report.empty_rows_skipped
            ),
            "{ending}: the same rows as the CSV twin"
        );
        let exported = csv::export(&vault, None, today()).unwrap();
        assert!(
            exported == expected,
            "{ending}: the roster after importing it must be the CSV twin's, cell for cell:\n{}\n---\n{}",
            String::from_utf8_lossy(&exported),
            String::from_utf8_lossy(&expected)
        );
        let nadia = &members::search(
            &vault,
            &MemberQuery {
                text: "Nadia".into(),
                ..Default::default()
            },
            today(),
        )
        .unwrap()[0];
        assert_eq!(
            nadia.phone, "447700900555",
            "{ending}: a phone typed as a number comes without \".0\""
        );
    }
}

#[test]
fn formula_merged_date_and_empty_rows_and_a_hidden_sheet_left_alone() {
    let spec = json!({"sheets": [
        {"name": "Old list", "hidden": true, "rows": [["full_name"], ["Hidden Person"]]},
        {"name": "Members", "rows": [
            ["Full name", "E-mail address", "Date joined", "Notes", "Groups"],
            ["Ann Formula", {"f": "LOWER(\"ANN@EXAMPLE.ORG\")", "v": "ann@example.org"}, {"d": "2025-03-04"}, null, null],
            [],
            ["Bea Merged", "bea@example.org", null, "a note across two cells", null]
        ], "merge": ["D4:E4"]}
    ]});
    let bytes = workbook(&spec, "xlsx");
    assert_eq!(
        sheet::sheets(&bytes).unwrap(),
        [
            sheet::SheetName {
                name: "Old list".into(),
                hidden: true
            },
            sheet::SheetName {
                name: "Members".into(),
                hidden: false
            }
        ]
    );
    let (_t, mut vault) = demo_vault();
    let report = import_file(&mut vault, &bytes, None, NewGroups::Refuse).unwrap();
    assert_eq!(
        (report.rows, report.people_added, report.empty_rows_skipped),
        (2, 2, 1),
        "the first visible sheet, its empty row skipped"
    );
    assert!(
        member_names(&vault, "Hidden Person").is_empty(),
        "a hidden sheet is not read unless named"
    );
    let found = |text: &str| {
        members::search(
            &vault,
            &MemberQuery {
                text: text.into(),
                ..Default::default()
            },
            today(),
        )
        .unwrap()
        .remove(0)
    };
    let ann = found("Ann Formula");
    assert_eq!(
        ann.email, "ann@example.org",
        "a formula cell gives the value saved with it, never evaluated"
    );
    let ann = members::person(&vault, ann.id, today()).unwrap();
    assert_eq!(
        ann.form.joined_on, "2025-03-04",
        "a date cell is the date it shows"
    );
    // A merged cell: calamine gives its value in the first cell only, so
    // the note is the notes column's and the groups column (the merged
    // cell's second half) is empty: Bea is added with no role.
    let bea = found("Bea Merged");
    assert!(
        bea.roles.is_empty(),
        "the merged cell's second half is empty"
    );
    let bea = members::person(&vault, bea.id, today()).unwrap();
    assert_eq!(bea.form.notes, "a note across two cells");

    // The hidden sheet, named (any case).
    let (_t, mut vault) = demo_vault();
    let report = import_file(&mut vault, &bytes, Some("old LIST"), NewGroups::Refuse).unwrap();
    assert_eq!(report.people_added, 1);
    assert_eq!(member_names(&vault, "Hidden Person"), ["Hidden Person"]);
    let p =
        problems(import_file(&mut vault, &bytes, Some("Guests"), NewGroups::Refuse).unwrap_err());
    assert_eq!(
        p,
        ["sheet: there is no sheet called \"Guests\"; the sheets are: Old list (hidden), Members."]
    );
}

#[test]
fn a_bad_cell_is_named_by_sheet_row_and_column_letter() {
    // The table starts at B2, as sheets with a title margin do.
    let spec = json!({"sheets": [{"name": "Members", "at": "B2", "rows": [
        ["Name", "Email", "Joined"],
        ["Ann Example", "ann@example.org", {"d": "2025-01-01"}],
        ["Bea Example", "not-an-email", "31/02/2025"]
    ]}]});
    let bytes = workbook(&spec, "xlsx");
    let (_t, mut vault) = demo_vault();
    let before = vault.status(crate::support::now()).unwrap().counts;
    let p = problems(import_file(&mut vault, &bytes, None, NewGroups::Refuse).unwrap_err());
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        p[0].starts_with(
            "sheet Members, row 4, column C (email): \"not-an-email\" does not look like an email address"
        ),
        "{p:?}"
    );
    assert!(
        p[1].starts_with(
            "sheet Members, row 4, column D (joined_on): \"31/02/2025\" is not a real date"
        ),
        "{p:?}"
    );
    assert_eq!(
        vault.status(crate::support::now()).unwrap().counts,
        before,
        "one problem and nothing is imported"
    );
    let ods = workbook(
        &json!({"sheets": [{"name": "Roster", "rows": [
            ["full_name", "phone", "email"],
            ["Cai", {"n": 1}, "x"]
        ]}]}),
        "ods",
    );
    let (_t, mut vault) = demo_vault();
    let p = problems(import_file(&mut vault, &ods, None, NewGroups::Refuse).unwrap_err());
    assert!(
        p[0].starts_with("sheet Roster, row 2, column C (email):"),
        "{p:?}"
    );
}

/// Three rows name two groups IAG Desk does not have.
fn with_new_groups() -> String {
    "full_name,email,groups\n\
     Ann Example,ann@example.org,Corby IAG [local] (chair)\n\
     Bea Example,bea@example.org,Corby IAG; Youth Subgroup\n\
     Cai Example,cai@example.org,corby  iag (secretary)\n"
        .into()
}

#[test]
fn groups_not_in_iag_desk_are_said_once_and_nothing_changes() {
    let (_t, mut vault) = demo_vault();
    let before = vault.status(crate::support::now()).unwrap().counts;
    let groups_before = iag_desk_core::roster::groups(&vault, today())
        .unwrap()
        .len();
    let p = problems(
        import_file(
            &mut vault,
            with_new_groups().as_bytes(),
            None,
            NewGroups::Refuse,
        )
        .unwrap_err(),
    );
    assert_eq!(
        p,
        ["column groups: 2 groups are not in IAG Desk yet: Corby IAG, Youth Subgroup. Add them first, or choose to create them with the import."],
        "one line for the file, not one per row"
    );
    assert_eq!(vault.status(crate::support::now()).unwrap().counts, before);
    assert_eq!(
        iag_desk_core::roster::groups(&vault, today())
            .unwrap()
            .len(),
        groups_before
    );

    // In a workbook the line names the sheet and the column's letter.
    let spec = json!({"sheets": [{"name": "Members", "rows": [
        ["full_name", "email", "groups"],
        ["Ann Example", "ann@example.org", "Corby IAG"]
    ]}]});
    let p = problems(
        import_file(
            &mut vault,
            &workbook(&spec, "xlsx"),
            None,
            NewGroups::Refuse,
        )
        .unwrap_err(),
    );
    assert_eq!(
        p,
        ["sheet Members, column C (groups): 1 group is not in IAG Desk yet: Corby IAG. Add it first, or choose to create it with the import."]
    );
}

#[test]
fn groups_are_created_on_the_way_all_or_nothing() {
    let (_t, mut vault) = demo_vault();
    let groups_before = iag_desk_core::roster::groups(&vault, today())
        .unwrap()
        .len();

    // Youth Subgroup has no tier in the file and none is chosen: refused,
    // naming it, and nothing changes.
    let p = problems(
        import_file(
            &mut vault,
            with_new_groups().as_bytes(),
            None,
            NewGroups::Create {
                chosen: vec![],
                default_tier: None,
                default_parent: None,
            },
        )
        .unwrap_err(),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("column groups: no tier for the new group Youth Subgroup:"),
        "{p:?}"
    );

    // A bad row elsewhere: neither the groups nor anyone is added.
    let bad = format!(
        "{}Dee Example,not-an-email,Youth Subgroup\n",
        with_new_groups()
    );
    let err = import_file(
        &mut vault,
        bad.as_bytes(),
        None,
        NewGroups::Create {
            chosen: vec![],
            default_tier: Some(Tier::Subgroup),
            default_parent: None,
        },
    )
    .unwrap_err();
    assert_eq!(problems(err).len(), 1);
    assert_eq!(
        iag_desk_core::roster::groups(&vault, today())
            .unwrap()
            .len(),
        groups_before,
        "all or nothing: no group is created when a row fails"
    );
    assert!(
        !member_names(&vault, "Ann Example").contains(&"Ann Example".to_string()),
        "nobody is added"
    );

    // The window's choice: a tier and the strategic group it reports to.
    let strategic = iag_desk_core::roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.tier == Tier::Strategic)
        .unwrap();
    let report = import_file(
        &mut vault,
        with_new_groups().as_bytes(),
        None,
        NewGroups::Create {
            chosen: vec![GroupChoice {
                name: "youth subgroup".into(),
                tier: Tier::Subgroup,
                parent: Some(strategic.name.clone()),
            }],
            default_tier: None,
            default_parent: None,
        },
    )
    .unwrap();
    assert_eq!(
        (report.people_added, report.roles_added, report.groups_added),
        (3, 4, 2)
    );
    let names: Vec<(String, Option<Tier>, u32)> = report
        .new_groups
        .iter()
        .map(|g| (g.name.clone(), g.tier, g.rows))
        .collect();
    assert_eq!(
        names,
        [
            ("Corby IAG".to_string(), Some(Tier::Local), 3),
            ("Youth Subgroup".to_string(), Some(Tier::Subgroup), 1)
        ],
        "each once, as first written, with the rows that name it"
    );
    let groups = iag_desk_core::roster::groups(&vault, today()).unwrap();
    let corby = groups.iter().find(|g| g.name == "Corby IAG").unwrap();
    assert_eq!(corby.tier, Tier::Local, "the tier written in the file");
    assert_eq!(corby.chairs, ["Ann Example"]);
    let youth = groups.iter().find(|g| g.name == "Youth Subgroup").unwrap();
    assert_eq!(youth.parent.as_deref(), Some(strategic.name.as_str()));
}

#[test]
fn listing_new_groups_is_a_check_only() {
    let (_t, mut vault) = demo_vault();
    let t = table::read(with_new_groups().as_bytes(), None).unwrap();
    let report = table::import(
        &mut vault,
        &t,
        &ImportOptions {
            dry_run: false,
            new_groups: NewGroups::List,
        },
        today(),
    )
    .unwrap();
    assert!(report.dry_run, "listing them never imports");
    assert_eq!(report.new_groups.len(), 2);
    assert_eq!(report.new_groups[0].tier, Some(Tier::Local));
    assert_eq!(report.new_groups[1].tier, None);
    assert!(
        !member_names(&vault, "Ann Example").contains(&"Ann Example".to_string()),
        "nobody is added"
    );
}

#[test]
fn the_xlsx_export_reads_back_in_openpyxl_and_imports_back_as_duplicates() {
    let (_t, vault) = demo_vault();
    let bytes = sheet::export(&vault, None, today()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.xlsx");
    std::fs::write(&path, &bytes).unwrap();
    let read = std::process::Command::new(python())
        .args([
            "-c",
            "import json, sys, openpyxl\n\
             wb = openpyxl.load_workbook(sys.argv[1])\n\
             ws = wb.active\n\
             rows = [[('' if c is None else str(c)) for c in r] for r in ws.iter_rows(values_only=True)]\n\
             print(json.dumps({'sheets': wb.sheetnames, 'rows': rows, 'creator': wb.properties.creator, 'title': wb.properties.title}))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let got: Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(got["sheets"], json!(["Roster"]));
    assert_eq!(got["title"], "IAG Desk roster");
    assert!(
        got["creator"].as_str().unwrap_or("").is_empty() || got["creator"] == "",
        "no author in the properties: {}",
        got["creator"]
    );
    let rows = got["rows"].as_array().unwrap();
    assert_eq!(rows[0][0], "full_name");
    let csv_rows = csv::export(&vault, None, today()).unwrap();
    let csv_lines = String::from_utf8_lossy(&csv_rows).lines().count();
    assert_eq!(rows.len(), csv_lines, "the same rows as the CSV export");
    for row in rows {
        for cell in row.as_array().unwrap() {
            let cell = cell.as_str().unwrap();
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a formula-looking cell must be made inert: {cell:?}"
            );
        }
    }
    // Exported, then imported into the same roster: every row a duplicate.
    let (_t2, mut again) = demo_vault();
    let p = problems(import_file(&mut again, &bytes, None, NewGroups::Refuse).unwrap_err());
    assert!(
        !p.is_empty() && p.iter().all(|l| l.contains("already on the roster")),
        "{p:?}"
    );
}

#[test]
fn a_sheet_for_a_csv_file_and_a_damaged_workbook_are_said_plainly() {
    let t = TempVault::new();
    let mut vault = t.create();
    let p = problems(
        import_file(
            &mut vault,
            b"full_name\nAnn\n",
            Some("Members"),
            NewGroups::Refuse,
        )
        .unwrap_err(),
    );
    assert!(p[0].contains("a CSV file has no sheets"), "{p:?}");
    let p = problems(
        import_file(
            &mut vault,
            b"PK\x03\x04 not really a zip",
            None,
            NewGroups::Refuse,
        )
        .unwrap_err(),
    );
    assert!(
        p[0].starts_with("file: not readable as a spreadsheet"),
        "{p:?}"
    );
}

#[test]
fn a_new_group_may_report_to_a_new_strategic_group_of_the_same_file() {
    let t = TempVault::new();
    let mut vault = t.create();
    let file = "full_name,email,groups\n\
                Ann Example,ann@example.org,Kettering IAG (chair); Northants Strategic IAG [strategic] (nominee)\n\
                Bea Example,bea@example.org,Northants Strategic IAG (chair); Youth Voices\n";
    let report = import_file(
        &mut vault,
        file.as_bytes(),
        None,
        NewGroups::Create {
            chosen: vec![GroupChoice {
                name: "Kettering IAG".into(),
                tier: Tier::Local,
                parent: Some("northants strategic iag".into()),
            }],
            default_tier: Some(Tier::Subgroup),
            default_parent: Some("Northants Strategic IAG".into()),
        },
    )
    .unwrap();
    assert_eq!(report.groups_added, 3);
    let groups = iag_desk_core::roster::groups(&vault, today()).unwrap();
    let parent = |name: &str| {
        groups
            .iter()
            .find(|g| g.name == name)
            .unwrap()
            .parent
            .clone()
    };
    assert_eq!(
        parent("Kettering IAG").as_deref(),
        Some("Northants Strategic IAG")
    );
    assert_eq!(
        parent("Youth Voices").as_deref(),
        Some("Northants Strategic IAG"),
        "the default parent for a new group with no choice of its own"
    );
    assert_eq!(parent("Northants Strategic IAG"), None);

    // A parent that is neither in IAG Desk nor new and strategic.
    let t = TempVault::new();
    let mut vault = t.create();
    let p = problems(
        import_file(
            &mut vault,
            "full_name,groups\nCai,Corby IAG [local]; Youth [subgroup]\n".as_bytes(),
            None,
            NewGroups::Create {
                chosen: vec![],
                default_tier: None,
                default_parent: Some("Youth".into()),
            },
        )
        .unwrap_err(),
    );
    assert_eq!(
        p,
        [
            "column groups: the new group Corby IAG: there is no group called \"Youth\" to report to.",
            "column groups: the new group Youth: there is no group called \"Youth\" to report to."
        ],
        "a new subgroup is no strategic group to report to, not even for itself"
    );
}

#[test]
fn an_ods_hidden_sheet_formula_and_date_cells_read_as_in_an_xlsx() {
    let spec = json!({"sheets": [
        {"name": "Old list", "hidden": true, "rows": [["full_name"], ["Hidden Person"]]},
        {"name": "Members", "rows": [
            ["Full name", "E-mail address", "Date joined"],
            ["Ann Formula", {"f": "LOWER(\"ANN@EXAMPLE.ORG\")", "v": "ann@example.org"}, {"d": "2025-03-04"}],
        ]}
    ]});
    let bytes = workbook(&spec, "ods");
    assert_eq!(
        sheet::sheets(&bytes)
            .unwrap()
            .into_iter()
            .map(|s| (s.name, s.hidden))
            .collect::<Vec<_>>(),
        [
            ("Old list".to_string(), true),
            ("Members".to_string(), false)
        ]
    );
    let (_t, mut vault) = demo_vault();
    let report = import_file(&mut vault, &bytes, None, NewGroups::Refuse).unwrap();
    assert_eq!(report.people_added, 1, "the first visible sheet");
    let ann = members::search(
        &vault,
        &MemberQuery {
            text: "Ann Formula".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap()
    .remove(0);
    assert_eq!(ann.email, "ann@example.org", "the formula's saved value");
    let ann = members::person(&vault, ann.id, today()).unwrap();
    assert_eq!(ann.form.joined_on, "2025-03-04", "the date cell's date");
}

#[test]
fn a_title_above_the_table_is_passed_over() {
    let spec = json!({"sheets": [{"name": "Members", "rows": [
        ["Kettering IAG: members, March 2025"],
        [],
        ["Name", "Email"],
        ["Ann Example", "ann@example.org"],
        ["Bea Example", "not-an-email"]
    ]}]});
    let (_t, mut vault) = demo_vault();
    let p = problems(
        import_file(
            &mut vault,
            &workbook(&spec, "xlsx"),
            None,
            NewGroups::Refuse,
        )
        .unwrap_err(),
    );
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("sheet Members, row 5, column B (email):"),
        "the rows keep the numbers the spreadsheet shows: {p:?}"
    );
}

#[test]
fn the_check_answers_with_a_files_problems_and_its_sheets() {
    let spec = json!({"sheets": [
        {"name": "How to fill this in", "rows": [["Write one member a row on the next sheet."]]},
        {"name": "Members", "rows": [
            ["Full name", "Groups"],
            ["Ann Example", "Corby IAG [local] (chair)"]
        ]}
    ]});
    let bytes = workbook(&spec, "xlsx");
    let (_t, mut vault) = demo_vault();
    let first = table::check_file(&mut vault, &bytes, None, today()).unwrap();
    assert!(first.report.is_none());
    assert_eq!(first.sheet.as_deref(), Some("How to fill this in"));
    assert!(
        first
            .problems
            .iter()
            .any(|p| p.message.contains("no full_name column")),
        "{:?}",
        first.problems
    );
    assert_eq!(first.sheets.len(), 2, "so another sheet can be chosen");

    let second = table::check_file(&mut vault, &bytes, Some("Members"), today()).unwrap();
    let report = second.report.expect("the roster sheet checks");
    assert!(report.dry_run);
    assert_eq!(report.new_groups.len(), 1, "listed, not refused");
    assert_eq!(report.new_groups[0].tier, Some(Tier::Local));
    assert!(
        !member_names(&vault, "Ann Example").contains(&"Ann Example".to_string()),
        "a check changes nothing"
    );
}

/// A chair's whole force in one sheet: 10,000 rows written by openpyxl,
/// every one imported (the timing is the `sheet_import` benchmark's).
#[test]
fn a_sheet_of_10000_rows_imports_every_row() {
    let mut rows = vec![json!(["Name", "E-mail", "Date joined", "Skills"])];
    for n in 0..10_000 {
        rows.push(json!([
            format!("Member {n:05} Wójcik"),
            format!("member{n}@example.org"),
            {"d": format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1)},
            if n % 3 == 0 { "Polish" } else { "Housing" }
        ]));
    }
    let bytes = workbook(
        &json!({"sheets": [{"name": "Force", "rows": rows}]}),
        "xlsx",
    );
    let t = TempVault::new();
    let mut vault = t.create();
    let report = import_file(&mut vault, &bytes, None, NewGroups::Refuse)
        .unwrap_or_else(|e| panic!("{:?}", problems(e)));
    assert_eq!((report.rows, report.people_added), (10_000, 10_000));
    assert_eq!(member_names(&vault, "Member 09999").len(), 1);
}
