//! The roster as a table of text cells, whatever file it came from.
//!
//! A reader (CSV in `csv.rs`, a spreadsheet in `sheet.rs`) turns a file into
//! a [`Table`]: a header row and data rows of text cells, each row labelled
//! as the person looking at the file sees it. Everything after that happens
//! here, once for every format: matching the header (case, spaces and common
//! synonyms forgiven), checking every row, the groups a file names that IAG
//! Desk does not have yet, and the one transaction that adds everything or
//! nothing. Export goes out the same way: [`rows`] gives the roster as text
//! and each format writes it.
//!
//! Invariants: nothing changes unless every row passes; groups the file
//! names are created only when asked, in the same transaction as the people;
//! there is no column for representation data.

use super::compliance::Vetting;
use super::members::PersonDetail;
use super::rules::{self, check_person, PersonForm, ValidPerson};
use crate::dates::parse_date;
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::{people as db, roster as roster_db, Vault};
use crate::vocabulary::{AgreementKind, PersonKind, Role, Tier};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
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

/// Headers people write for our columns, the one table of them. Keys are
/// compared after [`header_key`]: lower case, letters and digits only, so
/// "E-mail address", "e mail address" and "EmailAddress" are one key.
const SYNONYMS: &[(&str, &str)] = &[
    ("name", "full_name"),
    ("fullname", "full_name"),
    ("membername", "full_name"),
    ("type", "kind"),
    ("rank", "police_rank"),
    ("rankandpost", "police_rank"),
    ("mail", "email"),
    ("emailaddress", "email"),
    ("mobile", "phone"),
    ("mobilenumber", "phone"),
    ("mobilephone", "phone"),
    ("telephone", "phone"),
    ("telephonenumber", "phone"),
    ("tel", "phone"),
    ("phonenumber", "phone"),
    ("joined", "joined_on"),
    ("datejoined", "joined_on"),
    ("joiningdate", "joined_on"),
    ("skill", "skills"),
    ("community", "communities"),
    ("note", "notes"),
    ("comments", "notes"),
    ("group", "groups"),
    ("groupsandroles", "groups"),
    ("vetting", "vetting_level"),
    ("vettinggranted", "vetting_granted_on"),
    ("vettingexpires", "vetting_expires_on"),
    ("vettingexpiry", "vetting_expires_on"),
];

/// A header as a key for matching: lower case, letters and digits only.
fn header_key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Our column a header names, if any.
pub fn column_for_header(text: &str) -> Option<&'static str> {
    let key = header_key(text);
    COLUMNS
        .iter()
        .copied()
        .find(|c| header_key(c) == key)
        .or_else(|| {
            SYNONYMS
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, column)| *column)
        })
}

/// Where the table came from, which says how a cell is named in a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// "row 7, column email".
    Csv,
    /// "sheet Members, row 14, column E (email)"; `first_column` is the
    /// spreadsheet's column of the table's first cell (0 for A).
    Sheet { name: String, first_column: u32 },
}

impl Source {
    /// A cell of a data row: the column by the name IAG Desk gives it (and
    /// in a spreadsheet by its letter too).
    fn cell(&self, row: &str, index: Option<usize>, column: &str) -> String {
        match (self, index) {
            (Source::Sheet { first_column, .. }, Some(i)) => format!(
                "{row}, column {} ({column})",
                column_letters(first_column + i as u32)
            ),
            _ => format!("{row}, column {column}"),
        }
    }

    /// A header cell with no name: its position.
    fn unnamed(&self, row: &str, index: usize) -> String {
        match self {
            Source::Sheet { first_column, .. } => {
                format!(
                    "{row}, column {}",
                    column_letters(first_column + index as u32)
                )
            }
            Source::Csv => format!("{row}, column {}", index + 1),
        }
    }

    /// A whole column, for a problem that is the file's rather than a row's.
    fn column(&self, index: Option<usize>, column: &str) -> String {
        match (self, index) {
            (Source::Sheet { name, first_column }, Some(i)) => format!(
                "sheet {name}, column {} ({column})",
                column_letters(first_column + i as u32)
            ),
            _ => format!("column {column}"),
        }
    }
}

/// A spreadsheet's name for its column `index` (0 is A, 26 is AA).
pub fn column_letters(index: u32) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// One cell's text, or why it cannot be read (the message for its problem).
pub type Cell = std::result::Result<String, String>;

/// One row as read: how the person finds it ("row 7", "sheet Members, row
/// 14") and its cells, in file order.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A file read into rows of text, not yet checked.
#[derive(Debug, Clone)]
pub struct Table {
    pub source: Source,
    pub header: TableRow,
    pub rows: Vec<TableRow>,
    /// What the reader itself could not read (a malformed CSV record), by
    /// its own reckoning of where.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Data rows read (not counting the header or empty rows).
    pub rows: u32,
    pub empty_rows_skipped: u32,
    pub people_added: u32,
    pub roles_added: u32,
    /// Groups created (or, in a dry run, to be created).
    pub groups_added: u32,
    /// Groups the file names that are not in IAG Desk yet, in the order the
    /// file first names them.
    pub new_groups: Vec<NewGroup>,
}

/// A group a file names that IAG Desk does not have yet.
#[derive(Debug, Clone, Serialize)]
pub struct NewGroup {
    /// As the file first writes it.
    pub name: String,
    /// The tier the file gives it (`Name [local]`) or the one chosen, if any.
    pub tier: Option<Tier>,
    /// The rows that name it.
    pub rows: u32,
}

/// What to do with groups the file names that are not in IAG Desk yet.
#[derive(Debug, Clone, Default)]
pub enum NewGroups {
    /// They are a problem, all of them said in one line; nothing changes.
    #[default]
    Refuse,
    /// Check as though they would be created and list them in the report
    /// (the window's check screen, which then asks for their tiers).
    List,
    /// Create them in the same transaction as the people: each with the
    /// tier the file gives it (`Name [local]`), else the one chosen for it
    /// by name, else `default_tier`.
    Create {
        chosen: Vec<GroupChoice>,
        default_tier: Option<Tier>,
        /// The group a new local group, subgroup or critical group with no
        /// choice of its own reports to: one in IAG Desk or a new strategic
        /// group of the same file, by name.
        default_parent: Option<String>,
    },
}

/// A tier (and the strategic group it reports to, if any) chosen for a new
/// group in the window.
#[derive(Debug, Clone, Deserialize)]
pub struct GroupChoice {
    pub name: String,
    pub tier: Tier,
    /// The strategic group it reports to, by name: one in IAG Desk, or a
    /// new strategic group of the same import.
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub dry_run: bool,
    pub new_groups: NewGroups,
}

/// A group named in a row: one already in the vault, or the n-th new one.
#[derive(Debug, Clone, Copy)]
enum GroupRef {
    Existing(GroupId),
    New(usize),
}

/// A row that passed every check, ready to insert.
struct PlannedRow {
    person: ValidPerson,
    roles: Vec<(GroupRef, Role)>,
    vetting: Option<Vetting>,
    agreements: Vec<(AgreementKind, NaiveDate)>,
}

/// Groups the rows name that are not in the vault, gathered across rows.
#[derive(Default)]
struct Missing {
    groups: Vec<NewGroup>,
    /// Lower-cased, spaces collapsed -> index into `groups`.
    index: HashMap<String, usize>,
}

/// How a group's name is matched: any case, runs of spaces as one.
fn group_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A tier as a file writes it: its code or its label, any case.
fn tier_of(text: &str) -> Option<Tier> {
    let key = header_key(text);
    Tier::ALL
        .iter()
        .copied()
        .find(|t| header_key(t.code()) == key || header_key(t.label()) == key)
}

/// One entry of the groups cell: "Name [tier] (role)", the tier and role
/// optional and in either order.
fn split_entry(entry: &str) -> (&str, Option<&str>, Option<&str>) {
    fn tier(text: &str) -> Option<(&str, &str)> {
        let (name, rest) = text.strip_suffix(']')?.rsplit_once('[')?;
        Some((name.trim(), rest.trim()))
    }
    fn role(text: &str) -> Option<(&str, &str)> {
        let (name, rest) = text.strip_suffix(')')?.rsplit_once('(')?;
        Some((name.trim(), rest.trim()))
    }
    let mut rest = entry.trim();
    let (mut t, mut r) = (None, None);
    for _ in 0..2 {
        if t.is_none() {
            if let Some((n, x)) = tier(rest) {
                rest = n;
                t = Some(x);
                continue;
            }
        }
        if r.is_none() {
            if let Some((n, x)) = role(rest) {
                rest = n;
                r = Some(x);
            }
        }
    }
    (rest, t, r)
}

/// Reads a roster file of any kind IAG Desk takes, by its content: a
/// workbook (.xlsx, .ods, .xls; `sheet` by name, else the first visible
/// sheet) or CSV text.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    if super::sheet::is_workbook(bytes) {
        return super::sheet::read(bytes, sheet);
    }
    if let Some(name) = sheet {
        return Err(Error::rejected(vec![Problem::new(
            "sheet",
            format!("a CSV file has no sheets; \"{name}\" applies only to a spreadsheet (.xlsx or .ods)."),
        )]));
    }
    super::csv::read(bytes)
}

/// What checking a file says before anything is imported: what it would
/// add (groups not in IAG Desk yet listed, not refused), or its problems;
/// and for a workbook its sheets and the one read, so another can be
/// chosen (a workbook's first sheet is often not the roster).
#[derive(Debug, Clone, Serialize)]
pub struct FileCheck {
    /// None when the file has problems.
    pub report: Option<ImportReport>,
    pub problems: Vec<Problem>,
    pub sheets: Vec<super::sheet::SheetName>,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
}

/// Checks a file as the window's import does before asking to go ahead:
/// a dry run in which new groups are listed. A file's problems are part of
/// the answer; only the vault's own failures are errors.
pub fn check_file(
    vault: &mut Vault,
    bytes: &[u8],
    sheet: Option<&str>,
    today: NaiveDate,
) -> Result<FileCheck> {
    let sheets = if super::sheet::is_workbook(bytes) {
        super::sheet::sheets(bytes).unwrap_or_default()
    } else {
        Vec::new()
    };
    let options = ImportOptions {
        dry_run: true,
        new_groups: NewGroups::List,
    };
    let (read, checked) = match read(bytes, sheet) {
        Ok(t) => {
            let name = match &t.source {
                Source::Sheet { name, .. } => Some(name.clone()),
                Source::Csv => None,
            };
            (name, import(vault, &t, &options, today))
        }
        Err(e) => (sheet.map(str::to_string), Err(e)),
    };
    match checked {
        Ok(report) => Ok(FileCheck {
            report: Some(report),
            problems: Vec::new(),
            sheets,
            sheet: read,
        }),
        Err(e) if !e.problems().is_empty() => Ok(FileCheck {
            report: None,
            problems: e.problems().to_vec(),
            sheets,
            sheet: read,
        }),
        Err(e) => Err(e),
    }
}

/// Checks a table; with `dry_run` false and no problem found, adds every
/// row (and any groups it may create) in one transaction. Any problem:
/// nothing changes.
pub fn import(
    vault: &mut Vault,
    table: &Table,
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportReport> {
    let source = &table.source;
    let mut problems = table.problems.clone();

    // The header: which of our columns each cell names.
    let mut columns: Vec<Option<&'static str>> = Vec::new();
    for (i, raw) in table.header.cells.iter().enumerate() {
        let text = match raw {
            Ok(t) => t.trim().to_string(),
            Err(m) => {
                problems.push(Problem::new(
                    source.unnamed(&table.header.label, i),
                    m.clone(),
                ));
                columns.push(None);
                continue;
            }
        };
        let here = |name: &str| match source {
            Source::Csv => format!("{}, column {name}", table.header.label),
            Source::Sheet { .. } => {
                format!("{} ({name})", source.unnamed(&table.header.label, i))
            }
        };
        match column_for_header(&text) {
            Some(c) if columns.contains(&Some(c)) => {
                problems.push(Problem::new(
                    here(&text),
                    format!("appears twice in the header (as {c})."),
                ));
                columns.push(None);
            }
            Some(c) => columns.push(Some(c)),
            None if text.is_empty() => {
                // A column with no name and nothing in it is no column: a
                // spreadsheet's formatted but empty cells, a trailing comma.
                let used = table.rows.iter().any(|r| {
                    r.cells
                        .get(i)
                        .is_some_and(|c| c.as_ref().map_or(true, |t| !t.trim().is_empty()))
                });
                if used {
                    problems.push(Problem::new(
                        source.unnamed(&table.header.label, i),
                        "has no name; every column needs one.",
                    ));
                }
                columns.push(None);
            }
            None => {
                problems.push(Problem::new(
                    here(&text),
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
            table.header.label.clone(),
            "there is no full_name column; it is the one column every file needs.",
        ));
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let index_of = |name: &str| columns.iter().position(|c| *c == Some(name));

    let existing = roster_db::group_tiers(vault.conn())?;
    let groups: HashMap<String, GroupId> = existing
        .iter()
        .map(|(id, name, _)| (group_key(name), *id))
        .collect();
    let mut missing = Missing::default();
    let mut planned: Vec<PlannedRow> = Vec::new();
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    let mut rows = 0;
    let mut empty = 0;
    for record in &table.rows {
        let row = &record.label;
        if record
            .cells
            .iter()
            .all(|c| c.as_ref().is_ok_and(|t| t.trim().is_empty()))
        {
            empty += 1;
            continue;
        }
        rows += 1;
        if record.cells.len() != columns.len() {
            problems.push(Problem::new(
                row.clone(),
                format!(
                    "has {} fields, but the header has {} columns.",
                    record.cells.len(),
                    columns.len()
                ),
            ));
            continue;
        }
        let mut cells: HashMap<&str, String> = HashMap::new();
        let mut readable = true;
        for (i, (cell, column)) in record.cells.iter().zip(&columns).enumerate() {
            let Some(column) = column else { continue };
            match cell {
                Ok(text) => {
                    cells.insert(column, unneutralise(text).to_string());
                }
                Err(m) => {
                    readable = false;
                    problems.push(Problem::new(source.cell(row, Some(i), column), m.clone()));
                }
            }
        }
        if !readable {
            continue;
        }
        let at = |column: &str| source.cell(row, index_of(column), column);
        match plan_row(&at, &cells, &groups, &mut missing, today) {
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

    // Groups not in IAG Desk yet: one line for all of them, or their checks.
    let groups_column = source.column(index_of("groups"), "groups");
    let mut new_groups = Vec::new();
    if !missing.groups.is_empty() {
        match &options.new_groups {
            NewGroups::Refuse => {
                let n = missing.groups.len();
                problems.push(Problem::new(
                    groups_column,
                    format!(
                        "{n} {} not in IAG Desk yet: {}. Add {} first, or choose to create {} with the import.",
                        if n == 1 { "group is" } else { "groups are" },
                        missing.groups.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join(", "),
                        if n == 1 { "it" } else { "them" },
                        if n == 1 { "it" } else { "them" },
                    ),
                ));
            }
            NewGroups::List => {}
            NewGroups::Create {
                chosen,
                default_tier,
                default_parent,
            } => {
                let choice_of = |name: &str| {
                    chosen
                        .iter()
                        .find(|c| group_key(&c.name) == group_key(name))
                };
                let mut unnamed = Vec::new();
                for g in &mut missing.groups {
                    // A choice made in the window wins over the file's
                    // bracket (the window showed it and it was changed).
                    match choice_of(&g.name)
                        .map(|c| c.tier)
                        .or(g.tier)
                        .or(*default_tier)
                    {
                        Some(tier) => g.tier = Some(tier),
                        None => unnamed.push(g.name.clone()),
                    }
                }
                // New strategic groups stand in the rules' list of groups
                // under placeholder ids (below zero, never a real one), so
                // a new local group may report to one created beside it.
                let placeholder = |i: usize| GroupId(-(i as i64) - 1);
                let mut neighbours = existing.clone();
                for (i, g) in missing.groups.iter().enumerate() {
                    if g.tier == Some(Tier::Strategic) {
                        neighbours.push((placeholder(i), g.name.clone(), Tier::Strategic));
                    }
                }
                for (i, g) in missing.groups.iter().enumerate() {
                    let Some(tier) = g.tier else { continue };
                    let parent = match choice_of(&g.name) {
                        Some(c) => c.parent.clone(),
                        None if tier != Tier::Strategic => default_parent.clone(),
                        None => None,
                    };
                    let parent_id = match parent.as_deref().map(str::trim) {
                        None | Some("") => String::new(),
                        Some(name) => match neighbours
                            .iter()
                            .find(|(_, n, _)| group_key(n) == group_key(name))
                        {
                            Some((id, _, _)) => id.0.to_string(),
                            None => {
                                problems.push(Problem::new(
                                    groups_column.clone(),
                                    format!(
                                        "the new group {}: there is no group called \"{name}\" to report to.",
                                        g.name
                                    ),
                                ));
                                continue;
                            }
                        },
                    };
                    let form = super::groups::GroupForm {
                        name: g.name.clone(),
                        tier: tier.code().into(),
                        parent_id,
                        ..Default::default()
                    };
                    match super::groups::check_group(
                        &form,
                        Some(placeholder(i)),
                        &neighbours,
                        today,
                    ) {
                        Ok(valid) => new_groups.push((i, valid)),
                        Err(p) => problems.extend(p.into_iter().map(|p| {
                            Problem::new(
                                groups_column.clone(),
                                format!("the new group {}: {}", g.name, p.message),
                            )
                        })),
                    }
                }
                if !unnamed.is_empty() {
                    problems.push(Problem::new(
                        groups_column.clone(),
                        format!(
                            "no tier for the new group{} {}: write it after the name, as \"{} [local]\", or choose a tier for new groups ({}).",
                            if unnamed.len() == 1 { "" } else { "s" },
                            unnamed.join(", "),
                            unnamed[0],
                            Tier::ALL.iter().map(|t| t.code()).collect::<Vec<_>>().join(", "),
                        ),
                    ));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::rejected(problems));
    }
    let roles_added = planned.iter().map(|p| p.roles.len() as u32).sum();
    let report = ImportReport {
        dry_run: options.dry_run,
        rows,
        empty_rows_skipped: empty,
        people_added: planned.len() as u32,
        roles_added,
        groups_added: new_groups.len() as u32,
        new_groups: missing.groups,
    };
    // Listing new groups is a check only: they are created only when asked.
    if options.dry_run
        || (matches!(options.new_groups, NewGroups::List) && !report.new_groups.is_empty())
    {
        return Ok(ImportReport {
            dry_run: true,
            ..report
        });
    }
    let tx = vault.conn_mut().transaction()?;
    // Strategic groups first: a new group may report to one of them.
    new_groups.sort_by_key(|(_, g)| g.tier != Tier::Strategic);
    let mut created: HashMap<usize, GroupId> = HashMap::new();
    for (i, g) in &mut new_groups {
        if let Some(p) = g.parent.filter(|p| p.0 < 0) {
            g.parent = Some(created[&((-p.0 - 1) as usize)]);
        }
        created.insert(*i, roster_db::save_group(&tx, None, g)?);
    }
    for p in &planned {
        let id = roster_db::insert_person(&tx, &p.person, &p.person.search_text(), None)?;
        db::record_status(
            &tx,
            id,
            p.person.status,
            p.person.joined_on.unwrap_or(today),
            "Imported from a file",
            None,
        )?;
        for (group, role) in &p.roles {
            let group = match group {
                GroupRef::Existing(g) => *g,
                GroupRef::New(i) => created[i],
            };
            roster_db::insert_membership(
                &tx,
                &roster_db::NewMembership {
                    person: id,
                    group,
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
    at: &dyn Fn(&str) -> String,
    cells: &HashMap<&str, String>,
    groups: &HashMap<String, GroupId>,
    missing: &mut Missing,
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
            .map(|p| Problem::new(at(&p.field), p.message))
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
    // New groups this row names, counted once per row.
    let mut named_here = Vec::new();
    for entry in get("groups")
        .split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let (name, tier_text, role_text) = split_entry(entry);
        let role_text = role_text.unwrap_or("member");
        let role = Role::from_code(role_text).or_else(|| {
            Role::ALL
                .iter()
                .copied()
                .find(|r| r.label().eq_ignore_ascii_case(role_text))
        });
        let tier = match tier_text.map(|t| (t, tier_of(t))) {
            Some((t, None)) => {
                problems.push(Problem::new(
                    at("groups"),
                    format!(
                        "\"[{t}]\" is not a tier; use {}.",
                        Tier::ALL
                            .iter()
                            .map(|t| t.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                None
            }
            Some((_, tier)) => tier,
            None => None,
        };
        if name.is_empty() {
            problems.push(Problem::new(
                at("groups"),
                format!("\"{entry}\" names no group."),
            ));
            continue;
        }
        // A tier written beside a group IAG Desk has is only a reminder of
        // it: it matters when the group is created.
        let group = match groups.get(&group_key(name)) {
            Some(g) => GroupRef::Existing(*g),
            None => {
                let key = group_key(name);
                let i = match missing.index.get(&key) {
                    Some(i) => *i,
                    None => {
                        missing.groups.push(NewGroup {
                            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
                            tier: None,
                            rows: 0,
                        });
                        missing.index.insert(key, missing.groups.len() - 1);
                        missing.groups.len() - 1
                    }
                };
                let g = &mut missing.groups[i];
                if !named_here.contains(&i) {
                    g.rows += 1;
                    named_here.push(i);
                }
                match (g.tier, tier) {
                    (Some(a), Some(b)) if a != b => problems.push(Problem::new(
                        at("groups"),
                        format!(
                            "{} is given as {} here but as {} in an earlier row.",
                            g.name,
                            b.code(),
                            a.code()
                        ),
                    )),
                    (None, Some(b)) => g.tier = Some(b),
                    _ => {}
                }
                GroupRef::New(i)
            }
        };
        match role {
            None => problems.push(Problem::new(at("groups"), format!("\"{role_text}\" is not a role; use chair, vice_chair, secretary, member, nominee, police_lead or police_spoc."))),
            Some(r) => {
                let police = person.as_ref().is_some_and(|p| p.kind == PersonKind::Police);
                if r.is_police() != police {
                    problems.push(Problem::new(at("groups"), format!("{} is {} role.", r.label(), if r.is_police() { "a police" } else { "a members'" })));
                } else {
                    roles.push((group, r));
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
                problems.extend(
                    p.into_iter()
                        .map(|p| Problem::new(at(&format!("vetting_{}", p.field)), p.message)),
                );
                None
            }
        }
    };

    let mut agreements = Vec::new();
    for kind in AgreementKind::ALL {
        let column = format!("{}_signed_on", kind.code());
        match parse_date(&get(&column)) {
            Ok(Some(d)) if d > today => problems.push(Problem::new(
                at(&column),
                "an agreement cannot be signed in the future.",
            )),
            Ok(Some(d)) => agreements.push((*kind, d)),
            Ok(None) => {}
            Err(m) => problems.push(Problem::new(at(&column), m)),
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
pub(crate) fn unneutralise(cell: &str) -> &str {
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

/// The roster (or one group's current members) as rows of text under
/// [`COLUMNS`], members first then police contacts, not yet made safe for
/// a spreadsheet (each format does that as it writes).
pub fn rows(vault: &Vault, group: Option<GroupId>, today: NaiveDate) -> Result<Vec<Vec<String>>> {
    let conn = vault.conn();
    let mut out = Vec::new();
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
            out.push(vec![
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
            ]);
        }
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

    #[test]
    fn headers_forgive_case_spaces_and_common_synonyms() {
        for (header, column) in [
            ("full_name", "full_name"),
            ("Full name", "full_name"),
            (" FULL NAME ", "full_name"),
            ("Name", "full_name"),
            ("E-mail", "email"),
            ("E-mail address", "email"),
            ("Email Address", "email"),
            ("Mobile", "phone"),
            ("Telephone", "phone"),
            ("Phone number", "phone"),
            ("Date joined", "joined_on"),
            ("Joined on", "joined_on"),
            ("Vetting level", "vetting_level"),
            ("Code of conduct signed on", "code_of_conduct_signed_on"),
        ] {
            assert_eq!(column_for_header(header), Some(column), "{header:?}");
        }
        assert_eq!(column_for_header("emial"), None);
        for (_, column) in SYNONYMS {
            assert!(COLUMNS.contains(column), "{column} must be one of ours");
        }
    }

    #[test]
    fn a_spreadsheet_names_its_columns_by_letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(4), "E");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn a_groups_entry_may_give_a_tier_and_a_role_in_either_order() {
        assert_eq!(split_entry("Marlow Fen"), ("Marlow Fen", None, None));
        assert_eq!(
            split_entry(" Marlow Fen [local] (chair) "),
            ("Marlow Fen", Some("local"), Some("chair"))
        );
        assert_eq!(
            split_entry("Marlow Fen (chair) [local]"),
            ("Marlow Fen", Some("local"), Some("chair"))
        );
        assert_eq!(
            split_entry("Marlow Fen (vice chair)"),
            ("Marlow Fen", None, Some("vice chair"))
        );
        assert_eq!(tier_of("Local IAG"), Some(Tier::Local));
        assert_eq!(tier_of("strategic"), Some(Tier::Strategic));
        assert_eq!(tier_of("Critical / ad-hoc group"), Some(Tier::Critical));
        assert_eq!(tier_of("regional"), None);
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
