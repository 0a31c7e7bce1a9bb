//! The roster as a spreadsheet: CSV in and out, as Excel reads and writes it
//! (UTF-8 with a byte-order mark, CRLF line ends, quoted fields).
//!
//! Import checks every row before it changes anything, reports every problem
//! as "row N, column X: what is wrong", and then imports everything or
//! nothing. Export makes formula-looking cells inert and never carries
//! representation data, which does not even have a column here.

use super::compliance::Vetting;
use super::members::PersonDetail;
use super::rules::{self, check_person, PersonForm, ValidPerson};
use crate::dates::parse_date;
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::{people as db, roster as roster_db, Vault};
use crate::vocabulary::{AgreementKind, PersonKind, Role};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// The columns, in export order. Only `full_name` is required on import.
pub const COLUMNS: &[&str] = &[
    "full_name",
    "kind",
    "police_rank",
    "email",
    "phone",
    "status",
    "joined_on",
    "connection",
    "connection_place",
    "skills",
    "communities",
    "notes",
    "groups",
    "vetting_level",
    "vetting_granted_on",
    "vetting_expires_on",
    "confidentiality_signed_on",
    "information_sharing_signed_on",
    "code_of_conduct_signed_on",
    "official_secrets_signed_on",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A row that passed every check, ready to insert.
struct PlannedRow {
    person: ValidPerson,
    roles: Vec<(GroupId, Role)>,
    vetting: Option<Vetting>,
    agreements: Vec<(AgreementKind, NaiveDate)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Data rows read (not counting the header or empty rows).
    pub rows: u32,
    pub empty_rows_skipped: u32,
    pub people_added: u32,
    pub roles_added: u32,
}

fn at(row: impl std::fmt::Display, column: &str) -> String {
    format!("{row}, column {column}")
}

/// "row 7", as a spreadsheet numbers its rows, with the line of the file
/// when they differ (a line break inside a quoted cell).
fn row_label(place: Place) -> String {
    if place.line == place.row {
        format!("row {}", place.row)
    } else {
        format!("row {} (line {} of the file)", place.row, place.line)
    }
}

/// Where a record is, as a person looking at the file sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    /// The row a spreadsheet shows it on: a blank line is a row of its own,
    /// a quoted cell with line breaks stays in one row.
    row: u64,
    /// The line of the file it starts on, counting from 1.
    line: u64,
}

/// Finds each record's line and row from the bytes themselves: the csv
/// crate's own line count is off for CRLF files (the first data row of a
/// file Excel writes is "line 1") and misses blank lines, and the byte
/// offset it gives can point at the end of the previous line's terminator
/// or at the blank lines before a record.
struct Places<'a> {
    bytes: &'a [u8],
    /// Everything before this offset is counted in `line`.
    scanned: usize,
    line: u64,
    /// Lines so far that continue a quoted cell, so are no row of their own.
    continued: u64,
}

impl<'a> Places<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Places {
            bytes,
            scanned: 0,
            line: 1,
            continued: 0,
        }
    }

    /// The place of `record`, which the reader says starts at `offset`.
    /// Records come in order, so the file is scanned once.
    fn of(&mut self, offset: u64, record: &::csv::ByteRecord) -> Place {
        let mut start = (offset as usize).clamp(self.scanned, self.bytes.len());
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        self.line += newlines(&self.bytes[self.scanned..start]);
        self.scanned = start;
        let place = Place {
            row: self.line - self.continued,
            line: self.line,
        };
        // Line breaks inside its quoted cells: later lines, not later rows.
        let inside: u64 = record.iter().map(newlines).sum();
        self.continued += inside;
        place
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// Reads and checks a CSV file's bytes; with `dry_run` false and no problem
/// found, adds every row in one transaction. Any problem: nothing changes.
pub fn import(
    vault: &mut Vault,
    bytes: &[u8],
    dry_run: bool,
    today: NaiveDate,
) -> Result<ImportReport> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let mut places = Places::new(bytes);
    let mut problems = Vec::new();

    let header = match records.next() {
        None => {
            return Err(Error::rejected(vec![Problem::new(
                "row 1",
                "the file is empty; the first row must name the columns (full_name, email, …).",
            )]))
        }
        Some(Err(e)) => {
            return Err(Error::rejected(vec![Problem::new(
                "row 1",
                format!("not readable as CSV: {e}."),
            )]))
        }
        Some(Ok(h)) => {
            places.of(0, &h);
            h
        }
    };
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(raw)
            .trim()
            .to_lowercase()
            .replace([' ', '-'], "_");
        match COLUMNS.iter().find(|c| **c == name) {
            Some(c) if columns.contains(&Some(*c)) => {
                problems.push(Problem::new(
                    at("row 1", &name),
                    "appears twice in the header.",
                ));
                columns.push(None);
            }
            Some(c) => columns.push(Some(*c)),
            None if name.is_empty() => {
                problems.push(Problem::new(
                    format!("row 1, column {}", i + 1),
                    "has no name; every column needs one.",
                ));
                columns.push(None);
            }
            None => {
                problems.push(Problem::new(
                    at("row 1", &name),
                    format!(
                        "is not a column IAG Desk knows. The columns are: {}.",
                        COLUMNS.join(", ")
                    ),
                ));
                columns.push(None);
            }
        }
    }
    if !columns.contains(&Some("full_name")) {
        problems.push(Problem::new(
            "row 1",
            "there is no full_name column; it is the one column every file needs.",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }

    let groups: HashMap<String, GroupId> = roster_db::list_groups(vault.conn(), today)?
        .into_iter()
        .map(|g| (g.name.to_lowercase(), g.id))
        .collect();
    let mut planned: Vec<PlannedRow> = Vec::new();
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    let mut rows = 0;
    let mut empty = 0;
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                // Past a malformed record the count cannot be trusted: say
                // where it starts by the reader's own reckoning.
                let at = e
                    .position()
                    .map(|p| format!("line {} of the file", p.line()))
                    .unwrap_or_else(|| "after the last good row".into());
                problems.push(Problem::new(at, format!("not readable as CSV: {e}.")));
                continue;
            }
        };
        let row = row_label(places.of(record.position().map_or(0, |p| p.byte()), &record));
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            empty += 1;
            continue;
        }
        rows += 1;
        if record.len() != columns.len() {
            problems.push(Problem::new(
                row.clone(),
                format!(
                    "has {} fields, but the header has {} columns.",
                    record.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let mut cells: HashMap<&str, String> = HashMap::new();
        let mut readable = true;
        for (raw, column) in record.iter().zip(&columns) {
            let Some(column) = column else { continue };
            match std::str::from_utf8(raw) {
                // No spreadsheet writes a NUL, and SQLite's length() stops at
                // one: a name of NULs would pass the checks here, then fail
                // the vault's own non-empty-name check when the rows go in.
                Ok(text) if text.contains('\0') => {
                    readable = false;
                    problems.push(Problem::new(
                        at(&row, column),
                        "contains a NUL character (a zero byte), which no spreadsheet writes: the file is damaged or not CSV text. In Excel, use Save As → \"CSV UTF-8 (Comma delimited)\".",
                    ));
                }
                Ok(text) => {
                    cells.insert(column, unneutralise(text).to_string());
                }
                Err(_) => {
                    readable = false;
                    problems.push(Problem::new(
                        at(&row, column),
                        "is not UTF-8 text (the file looks like Latin-1 or Windows-1252). In Excel, use Save As → \"CSV UTF-8 (Comma delimited)\".",
                    ));
                }
            }
        }
        if !readable {
            continue;
        }
        match plan_row(&row, &cells, &groups, today) {
            Ok(p) => {
                let key = (
                    p.person.full_name.to_lowercase(),
                    p.person.email.to_lowercase(),
                );
                if let Some(first) = seen.get(&key) {
                    problems.push(Problem::new(
                        row.clone(),
                        format!("repeats {first} (same name and email); remove one of them."),
                    ));
                } else if db::person_exists_with(
                    vault.conn(),
                    &p.person.full_name,
                    &p.person.email,
                )?
                .is_some()
                {
                    problems.push(Problem::new(
                        row.clone(),
                        format!("{} is already on the roster with this email; remove the row or change the existing record.", p.person.full_name),
                    ));
                } else {
                    seen.insert(key, row.clone());
                    planned.push(p);
                }
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let roles_added = planned.iter().map(|p| p.roles.len() as u32).sum();
    let report = ImportReport {
        dry_run,
        rows,
        empty_rows_skipped: empty,
        people_added: planned.len() as u32,
        roles_added,
    };
    if dry_run {
        return Ok(report);
    }
    let tx = vault.conn_mut().transaction()?;
    for p in &planned {
        let id = roster_db::insert_person(&tx, &p.person, &p.person.search_text(), None)?;
        db::record_status(
            &tx,
            id,
            p.person.status,
            p.person.joined_on.unwrap_or(today),
            "Imported from CSV",
            None,
        )?;
        for (group, role) in &p.roles {
            roster_db::insert_membership(
                &tx,
                &roster_db::NewMembership {
                    person: id,
                    group: *group,
                    role: *role,
                    started_on: p.person.joined_on.unwrap_or(today),
                    ended_on: None,
                },
                None,
            )?;
        }
        if let Some(v) = &p.vetting {
            db::set_vetting(&tx, id, v)?;
        }
        for (kind, on) in &p.agreements {
            db::set_agreement(&tx, id, *kind, Some(*on))?;
        }
    }
    tx.commit()?;
    Ok(report)
}

fn plan_row(
    row: &str,
    cells: &HashMap<&str, String>,
    groups: &HashMap<String, GroupId>,
    today: NaiveDate,
) -> std::result::Result<PlannedRow, Vec<Problem>> {
    let get = |c: &str| cells.get(c).cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let form = PersonForm {
        full_name: get("full_name"),
        kind: get("kind"),
        police_rank: get("police_rank"),
        email: get("email"),
        phone: get("phone"),
        status: get("status"),
        joined_on: get("joined_on"),
        connection: get("connection"),
        connection_place: get("connection_place"),
        skills: get("skills"),
        communities: get("communities"),
        notes: get("notes"),
    };
    let person = check_person(&form, today).map_err(|p| {
        p.into_iter()
            .map(|p| Problem::new(at(row, &p.field), p.message))
            .collect::<Vec<_>>()
    });
    let person = match person {
        Ok(p) => Some(p),
        Err(mut p) => {
            problems.append(&mut p);
            None
        }
    };

    let mut roles = Vec::new();
    for entry in get("groups")
        .split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let (name, role_text) = match entry.rsplit_once('(') {
            Some((name, rest)) if rest.ends_with(')') => {
                (name.trim(), rest.trim_end_matches(')').trim())
            }
            _ => (entry, "member"),
        };
        let role = Role::from_code(role_text).or_else(|| {
            Role::ALL
                .iter()
                .copied()
                .find(|r| r.label().eq_ignore_ascii_case(role_text))
        });
        let group = groups.get(&name.to_lowercase());
        match (group, role) {
            (None, _) => problems.push(Problem::new(at(row, "groups"), format!("there is no group called \"{name}\"."))),
            (_, None) => problems.push(Problem::new(at(row, "groups"), format!("\"{role_text}\" is not a role; use chair, vice_chair, secretary, member, nominee, police_lead or police_spoc."))),
            (Some(g), Some(r)) => {
                let police = person.as_ref().is_some_and(|p| p.kind == PersonKind::Police);
                if r.is_police() != police {
                    problems.push(Problem::new(at(row, "groups"), format!("{} is {} role.", r.label(), if r.is_police() { "a police" } else { "a members'" })));
                } else {
                    roles.push((*g, r));
                }
            }
        }
    }

    let (level, granted, expires) = (
        get("vetting_level"),
        get("vetting_granted_on"),
        get("vetting_expires_on"),
    );
    let vetting = if [&level, &granted, &expires]
        .iter()
        .all(|v| v.trim().is_empty())
    {
        None
    } else {
        match rules::check_vetting(&level, &granted, &expires, today) {
            Ok(v) => Some(v),
            Err(p) => {
                problems
                    .extend(p.into_iter().map(|p| {
                        Problem::new(at(row, &format!("vetting_{}", p.field)), p.message)
                    }));
                None
            }
        }
    };

    let mut agreements = Vec::new();
    for kind in AgreementKind::ALL {
        let column = format!("{}_signed_on", kind.code());
        match parse_date(&get(&column)) {
            Ok(Some(d)) if d > today => problems.push(Problem::new(
                at(row, &column),
                "an agreement cannot be signed in the future.",
            )),
            Ok(Some(d)) => agreements.push((*kind, d)),
            Ok(None) => {}
            Err(m) => problems.push(Problem::new(at(row, &column), m)),
        }
    }

    match person {
        Some(person) if problems.is_empty() => Ok(PlannedRow {
            person,
            roles,
            vetting,
            agreements,
        }),
        _ => Err(problems),
    }
}

/// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage
/// return) as a formula. An apostrophe in front makes it plain text.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Undoes `neutralise`, so an exported file imports back unchanged.
fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.chars().next(),
                Some('=' | '+' | '-' | '@' | '\t' | '\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Any table as CSV bytes Excel opens correctly (BOM, CRLF, every cell
/// quoted, formula-looking cells made inert). The registers use this too.
pub fn table_bytes(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Always)
            .from_writer(&mut out);
        w.write_record(header)
            .map_err(|e| Error::Internal(e.to_string()))?;
        for row in rows {
            w.write_record(row.iter().map(|c| neutralise(c)))
                .map_err(|e| Error::Internal(e.to_string()))?;
        }
        w.flush().map_err(|e| Error::io("write", "the CSV", e))?;
    }
    Ok(out)
}

/// The roster (or one group's current members) as CSV bytes for Excel.
pub fn export(vault: &Vault, group: Option<GroupId>, today: NaiveDate) -> Result<Vec<u8>> {
    let conn = vault.conn();

    let mut out = BOM.to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .quote_style(::csv::QuoteStyle::Always)
            .from_writer(&mut out);
        w.write_record(COLUMNS)
            .map_err(|e| Error::Internal(e.to_string()))?;
        for kind in [PersonKind::Member, PersonKind::Police] {
            let filter = crate::storage::people::PeopleFilter {
                kind: Some(kind),
                group,
                ..Default::default()
            };
            for p in roster_db::list_people_matching(conn, &filter, today)? {
                let d: PersonDetail = super::members::person(vault, p.id, today)?;
                let f = &d.form;
                let groups: Vec<String> = d
                    .memberships
                    .iter()
                    .filter(|m| m.current)
                    .map(|m| format!("{} ({})", m.group_name, m.role.code()))
                    .collect();
                let vet = |pick: fn(&super::members::VettingView) -> String| {
                    d.vetting.as_ref().map(pick).unwrap_or_default()
                };
                let signed = |k: AgreementKind| {
                    d.agreements
                        .iter()
                        .find(|a| a.kind == k)
                        .and_then(|a| a.signed_iso.clone())
                        .unwrap_or_default()
                };
                let record = [
                    f.full_name.clone(),
                    f.kind.clone(),
                    f.police_rank.clone(),
                    f.email.clone(),
                    f.phone.clone(),
                    f.status.clone(),
                    f.joined_on.clone(),
                    f.connection.clone(),
                    f.connection_place.clone(),
                    f.skills.clone(),
                    f.communities.clone(),
                    f.notes.clone(),
                    groups.join("; "),
                    vet(|v| v.level.code().to_string()),
                    vet(|v| v.granted_iso.clone()),
                    vet(|v| v.expires_iso.clone()),
                    signed(AgreementKind::Confidentiality),
                    signed(AgreementKind::InformationSharing),
                    signed(AgreementKind::CodeOfConduct),
                    signed(AgreementKind::OfficialSecrets),
                ];
                w.write_record(record.iter().map(|c| neutralise(c)))
                    .map_err(|e| Error::Internal(e.to_string()))?;
            }
        }
        w.flush().map_err(|e| Error::io("write", "the CSV", e))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_made_inert_and_come_back_unchanged() {
        for cell in [
            "=HYPERLINK(\"x\")",
            "+44 7700 900123",
            "-1",
            "@SUM(A1)",
            "\tx",
        ] {
            let safe = neutralise(cell);
            assert!(safe.starts_with('\''), "{cell:?} must be neutralised");
            assert_eq!(unneutralise(&safe), cell, "round trip");
        }
        assert_eq!(neutralise("Zofia"), "Zofia");
        assert_eq!(unneutralise("'tis"), "'tis", "an ordinary apostrophe stays");
    }

    /// Found by the `csv_import` fuzz target: the dry run passed a name of
    /// NULs, then adding the row failed inside the vault.
    #[test]
    fn a_nul_character_is_a_problem_in_its_cell_not_a_vault_failure() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::create_unencrypted_for_tests(&dir.path().join("v")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for bytes in [&b"full_name\n\0"[..], b"full_name,notes\nAnn,x\0y\n"] {
            for dry_run in [true, false] {
                let err = import(&mut vault, bytes, dry_run, today).unwrap_err();
                let problems = err.problems();
                assert_eq!(problems.len(), 1, "{err:?}");
                assert!(problems[0].field.starts_with("row 2, column "), "{err}");
                assert!(problems[0].message.contains("NUL"), "{err}");
            }
        }
    }

    /// Every record's place in `bytes`, header first.
    fn places(bytes: &[u8]) -> Vec<(u64, u64)> {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut places = Places::new(bytes);
        reader
            .byte_records()
            .map(|r| {
                let r = r.unwrap();
                let p = places.of(r.position().unwrap().byte(), &r);
                (p.row, p.line)
            })
            .collect()
    }

    /// Issue 16: the first data row of a CRLF file (as Excel and our own
    /// export write it) was "row 2 (line 1 of the file)", and after a blank
    /// line an LF file's line was one too low.
    #[test]
    fn r16_csv_rows_and_lines_are_those_a_spreadsheet_and_an_editor_show() {
        assert_eq!(
            places(b"a,b\r\n1,2\r\n3,4\r\n"),
            [(1, 1), (2, 2), (3, 3)],
            "CRLF: each row on its own line"
        );
        assert_eq!(places(b"a,b\n1,2\n3,4"), [(1, 1), (2, 2), (3, 3)], "LF");
        assert_eq!(
            places(b"a,b\n1,2\n\n3,4\n"),
            [(1, 1), (2, 2), (4, 4)],
            "a blank line is a row of its own in a spreadsheet, and a line in the file"
        );
        assert_eq!(
            places(b"a,b\r\n1,2\r\n\r\n\r\n3,4\r\n"),
            [(1, 1), (2, 2), (5, 5)],
            "CRLF with blank lines"
        );
        assert_eq!(
            places(b"a,b\r\n\"two\r\nlines\",2\r\n3,4\r\n\"x\ny\nz\",5\n6,7\n"),
            [(1, 1), (2, 2), (3, 4), (4, 5), (5, 8)],
            "a quoted cell with line breaks is one row over several lines"
        );
        assert_eq!(
            places(b"\n\na,b\n1,2\n"),
            [(3, 3), (4, 4)],
            "blank lines before the header"
        );
    }

    #[test]
    fn r16_csv_problems_name_the_real_row_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = Vault::create_unencrypted_for_tests(&dir.path().join("v")).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut field = |bytes: &[u8]| {
            let err = import(&mut vault, bytes, true, today).unwrap_err();
            err.problems()[0].field.clone()
        };
        assert_eq!(
            field(b"full_name,status\r\nAnn,sleeping\r\n"),
            "row 2, column status",
            "the first data row of a CRLF file is row 2 and line 2"
        );
        assert_eq!(
            field(b"full_name,status\nAnn,active\n\nBea,sleeping\n"),
            "row 4, column status",
            "after a blank line"
        );
        assert_eq!(
            field(b"full_name,notes,status\r\nAnn,\"two\r\nlines\",active\r\nBea,,sleeping\r\n"),
            "row 3 (line 4 of the file), column status",
            "after a quoted cell over two lines, the row and the line differ"
        );
    }

    #[test]
    fn there_is_no_column_for_representation_data() {
        for c in COLUMNS {
            for word in [
                "religion",
                "race",
                "sex",
                "orientation",
                "disability",
                "age",
            ] {
                assert!(!c.contains(word), "{c} would carry special category data");
            }
        }
    }
}
