use crate::support::{demo_vault, member_names, now, today, TempVault};
use iag_desk_core::roster::csv::{export, import};
use iag_desk_core::roster::members::{self, MemberQuery};
use iag_desk_core::Error;

fn problems(err: Error) -> Vec<String> {
    err.problems()
        .iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect()
}

const GOOD: &str = "full_name,email,phone,groups,vetting_level,vetting_granted_on,vetting_expires_on,skills\r\n\
\"Nadia Rahman\",nadia@example.org,+44 7700 900555,\"Brackenford Local IAG (member); Race and Faith Subgroup\",nppv1,01/02/2025,01/02/2028,\"Housing, benefits\"\r\n\
\"أحمد الفارسي\",ahmed.farsi@example.org,,Marlow Fen Local IAG (vice chair),,,,\"Arabic\ninterpreting\"\r\n\
\r\n\
,,  ,,,,,\r\n\
Wiktoria Żak 🙂,,,,,,,\r\n";

#[test]
fn a_good_file_imports_everything_with_roles_and_vetting() {
    let (_t, mut vault) = demo_vault();
    let before = vault.status(now()).unwrap().counts.members_total;
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(GOOD.as_bytes());
    let report = import(&mut vault, &bytes, false, today()).unwrap();
    assert_eq!(
        (
            report.rows,
            report.people_added,
            report.roles_added,
            report.empty_rows_skipped
        ),
        (3, 3, 3, 1)
    );
    assert_eq!(
        vault.status(now()).unwrap().counts.members_total,
        before + 3
    );
    assert_eq!(
        member_names(&vault, "الفارسي"),
        ["أحمد الفارسي"],
        "right-to-left name, found by its own script"
    );
    assert_eq!(
        member_names(&vault, "Żak"),
        ["Wiktoria Żak 🙂"],
        "emoji survive"
    );
    let nadia = members::search(
        &vault,
        &MemberQuery {
            text: "Nadia".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    assert_eq!(nadia[0].roles.len(), 2);
    assert_eq!(nadia[0].phone, "+44 7700 900555");
}

#[test]
fn lf_line_ends_and_no_bom_work_the_same() {
    let (_t, mut vault) = demo_vault();
    let lf = GOOD.replace("\r\n", "\n");
    let report = import(&mut vault, lf.as_bytes(), false, today()).unwrap();
    assert_eq!(report.people_added, 3);
}

#[test]
fn a_dry_run_reports_and_changes_nothing() {
    let (t, vault) = demo_vault();
    drop(vault);
    let before = t.data_files();
    let mut vault = t.unlock();
    let report = import(&mut vault, GOOD.as_bytes(), true, today()).unwrap();
    assert!(report.dry_run);
    assert_eq!(report.people_added, 3, "says what would happen");
    assert!(member_names(&vault, "Nadia").is_empty(), "but adds no one");
    drop(vault);
    assert!(before == t.data_files(), "a dry run must not write");
}

#[test]
fn every_problem_is_reported_by_row_and_column_and_nothing_is_imported() {
    let (_t, mut vault) = demo_vault();
    let before = vault.status(now()).unwrap().counts;
    let file =
        "full_name,email,joined_on,groups,vetting_level,vetting_granted_on,vetting_expires_on\n\
                Good Person,good@example.org,,,,,\n\
                ,bad-email,31/02/2026,No Such Group,,,\n\
                Late Person,late@example.org,,,nppv9,2025-01-01,2024-01-01\n\
                Good Person,good@example.org,,,,,\n\
                Zofia Wójcik,zofia.wojcik@example.org,,,,,\n\
                Too,Many,Fields,,,,,,\n";
    let err = import(&mut vault, file.as_bytes(), false, today()).unwrap_err();
    let p = problems(err);
    let expect = [
        "row 3, column full_name: enter the person's name.",
        "row 3, column email: \"bad-email\" does not look like an email address",
        "row 3, column joined_on: \"31/02/2026\" is not a real date",
        "row 4, column vetting_level: \"nppv9\" is not a vetting level",
        "row 4, column vetting_expires_on: vetting must expire after it was granted.",
        "row 5: repeats row 2 (same name and email)",
        "row 6: Zofia Wójcik is already on the roster",
        "row 7: has 9 fields, but the header has 7 columns.",
        // Issue 20: missing groups are said once for the file, not per row.
        "column groups: 1 group is not in IAG Desk yet: No Such Group.",
    ];
    for e in expect {
        assert!(
            p.iter().any(|line| line.starts_with(e)),
            "missing {e:?} in:\n{}",
            p.join("\n")
        );
    }
    assert_eq!(
        p.len(),
        expect.len(),
        "exactly these problems:\n{}",
        p.join("\n")
    );
    assert_eq!(
        vault.status(now()).unwrap().counts,
        before,
        "all or nothing: the good row is not imported either"
    );
}

#[test]
fn missing_and_unknown_columns_are_named() {
    let (_t, mut vault) = demo_vault();
    let p = problems(
        import(
            &mut vault,
            b"nom,emial\nZofia,z@example.org\n",
            false,
            today(),
        )
        .unwrap_err(),
    );
    assert!(
        p.iter()
            .any(|l| l.starts_with("row 1, column nom: is not a column IAG Desk knows")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|l| l.starts_with("row 1, column emial:")),
        "{p:?}"
    );
    assert!(
        p.iter().any(|l| l.contains("there is no full_name column")),
        "{p:?}"
    );
    let p = problems(import(&mut vault, b"", false, today()).unwrap_err());
    assert!(p[0].contains("the file is empty"), "{p:?}");
}

#[test]
fn a_latin_1_file_is_refused_with_advice() {
    let (_t, mut vault) = demo_vault();
    let before = vault.status(now()).unwrap().counts;
    // "Siobhán" in Latin-1: á is the single byte 0xE1.
    let file = b"full_name,email\nSiobh\xE1n Murphy,s@example.org\n";
    let p = problems(import(&mut vault, file, false, today()).unwrap_err());
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("row 2, column full_name: is not UTF-8 text"),
        "{p:?}"
    );
    assert!(p[0].contains("CSV UTF-8"), "tells the user how to fix it");
    assert_eq!(vault.status(now()).unwrap().counts, before);
}

#[test]
fn ten_thousand_rows_import_in_one_go() {
    let t = TempVault::new();
    let mut vault = t.create();
    let mut file = String::from("full_name,email,skills\r\n");
    for i in 0..10_000 {
        file.push_str(&format!(
            "Member {i:05},member{i}@example.org,\"skill {}\"\r\n",
            i % 50
        ));
    }
    let report = import(&mut vault, file.as_bytes(), false, today()).unwrap();
    assert_eq!(report.people_added, 10_000);
    assert_eq!(vault.status(now()).unwrap().counts.members_total, 10_000);
    assert_eq!(member_names(&vault, "member 09999"), ["Member 09999"]);
}

#[test]
fn export_is_excel_ready_and_safe() {
    let (_t, vault) = demo_vault();
    let bytes = export(&vault, None, today()).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte-order mark for Excel"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("\"full_name\",\"kind\""), "quoted header");
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    assert!(text.contains("\"ਹਰਪ੍ਰੀਤ ਕੌਰ\""), "names in every script");
    assert!(
        text.contains("\"'+44") || !text.contains("\"+"),
        "no cell starts with a formula character"
    );
    assert!(text.contains("Marlow Fen Local IAG (chair)"));
    assert!(
        text.contains("\"Helen Marsh\",\"police\""),
        "police contacts are exported as police"
    );
    for special in [
        "jewish",
        "bisexual",
        "prefer_not_to_say",
        "christian",
        "muslim",
    ] {
        assert!(
            !text.to_lowercase().contains(special),
            "representation data must never be exported ({special})"
        );
    }
    let rows = text.matches("\r\n").count();
    assert_eq!(rows, 1 + 62 + 11, "header, members, police contacts");
}

#[test]
fn export_of_one_group_and_a_formula_in_a_name() {
    let (_t, mut vault) = demo_vault();
    let g = iag_desk_core::roster::groups(&vault, today())
        .unwrap()
        .into_iter()
        .find(|g| g.name == "LGBT+ Subgroup")
        .unwrap();
    let id = members::add_person(
        &mut vault,
        &iag_desk_core::roster::rules::PersonForm {
            full_name: "=HYPERLINK(\"http://evil\",\"x\")".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    members::assign_role(&mut vault, id, g.id, "member", "", today()).unwrap();
    let text = String::from_utf8(export(&vault, Some(g.id), today()).unwrap()).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "formula made inert:\n{text}"
    );
    assert_eq!(
        text.matches("\r\n").count(),
        1 + 6 + 1,
        "the header, the group's five members and its SPOC, and the new member"
    );
}

#[test]
fn an_exported_file_imports_back_as_duplicates_reported() {
    let (_t, mut vault) = demo_vault();
    let bytes = export(&vault, None, today()).unwrap();
    let p = problems(import(&mut vault, &bytes, true, today()).unwrap_err());
    assert_eq!(
        p.len(),
        62 + 11,
        "each person already on the roster is reported once"
    );
}
