//! The roster as a spreadsheet workbook: .xlsx and .ods (and the older
//! .xls) read by calamine, the roster written as .xlsx by rust_xlsxwriter.
//!
//! Reading gives the same rows of text as the CSV reader, labelled as the
//! spreadsheet shows them ("sheet Members, row 14"), and the one checking
//! path in `table.rs` does the rest. A cell becomes the text a person would
//! have typed: a date cell its ISO date, a whole number without ".0", a
//! formula its value as last calculated. The first visible sheet is read
//! unless another is named; hidden sheets are never read by default. A
//! title above the table is passed over: the header is the first row (of
//! the top ten) that names the full_name column.
//!
//! Writing makes formula-looking text inert exactly as the CSV does
//! ([`neutralise`]), so a cell copied into another sheet or saved as CSV
//! stays inert too.

use super::table::{self, neutralise, Cell, ImportOptions, ImportReport, Source, Table, TableRow};
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::Vault;
use calamine::{Data, Reader, SheetType, SheetVisible};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::io::Cursor;

/// Whether `bytes` look like a workbook rather than text: a zip (xlsx,
/// ods) or an OLE compound file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// One sheet of a workbook, as its tabs show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetName {
    pub name: String,
    /// Hidden in the spreadsheet: never read unless named.
    pub hidden: bool,
}

type Workbook = calamine::Sheets<Cursor<Vec<u8>>>;

/// How far down a title above the table may push the header row.
const TITLE_ROWS: usize = 10;

fn open(bytes: &[u8]) -> Result<Workbook> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| {
        Error::rejected(vec![Problem::new(
            "file",
            format!("not readable as a spreadsheet (.xlsx or .ods): {e}."),
        )])
    })
}

/// The worksheets of a workbook, in tab order (chart sheets left out).
pub fn sheets(bytes: &[u8]) -> Result<Vec<SheetName>> {
    Ok(names(&open(bytes)?))
}

fn names(book: &Workbook) -> Vec<SheetName> {
    book.sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| SheetName {
            name: s.name.clone(),
            hidden: s.visible != SheetVisible::Visible,
        })
        .collect()
}

/// Reads one sheet into rows of text: `sheet` by name (any case), or the
/// first visible one.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    let mut book = open(bytes)?;
    let all = names(&book);
    let list = || {
        all.iter()
            .map(|s| {
                if s.hidden {
                    format!("{} (hidden)", s.name)
                } else {
                    s.name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let name = match sheet {
        Some(wanted) => all
            .iter()
            .find(|s| s.name == wanted)
            .or_else(|| {
                all.iter()
                    .find(|s| s.name.eq_ignore_ascii_case(wanted.trim()))
            })
            .map(|s| s.name.clone())
            .ok_or_else(|| {
                Error::rejected(vec![Problem::new(
                    "sheet",
                    format!(
                        "there is no sheet called \"{wanted}\"; the sheets are: {}.",
                        list()
                    ),
                )])
            })?,
        None => all
            .iter()
            .find(|s| !s.hidden)
            .map(|s| s.name.clone())
            .ok_or_else(|| {
                Error::rejected(vec![Problem::new(
                    "sheet",
                    "the workbook has no visible sheet; name the one to read.",
                )])
            })?,
    };
    // Formula cells come as the value the spreadsheet last calculated and
    // saved with the file: calamine never evaluates a formula, and neither
    // does IAG Desk.
    let range = book.worksheet_range(&name).map_err(|e| {
        Error::rejected(vec![Problem::new(
            format!("sheet {name}"),
            format!("not readable: {e}."),
        )])
    })?;
    let Some((first_row, first_column)) = range.start() else {
        return Err(Error::rejected(vec![Problem::new(
            format!("sheet {name}"),
            "the sheet is empty; its first row must name the columns (full_name, email, …).",
        )]));
    };
    let label = |i: usize| format!("sheet {name}, row {}", first_row as usize + i + 1);
    // The range starts at the first cell with anything in it. Its first row
    // is the header, unless a title sits above the table: then the header
    // is the first of the top rows that names the full_name column.
    let skip = range
        .rows()
        .take(TITLE_ROWS)
        .position(|cells| {
            cells.iter().any(|c| {
                matches!(c, Data::String(t) if table::column_for_header(t) == Some("full_name"))
            })
        })
        .unwrap_or(0);
    let mut rows = range
        .rows()
        .enumerate()
        .skip(skip)
        .map(|(i, cells)| TableRow {
            label: label(i),
            cells: cells.iter().map(text).collect(),
        });
    let header = rows.next().unwrap_or(TableRow {
        label: label(0),
        cells: Vec::new(),
    });
    Ok(Table {
        source: Source::Sheet {
            name: name.clone(),
            first_column,
        },
        header,
        rows: rows.collect(),
        problems: Vec::new(),
    })
}

/// A cell as the text a person would have typed for it.
fn text(cell: &Data) -> Cell {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers, such as a phone number typed as a number, without
        // the ".0" a float would print.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_duration() => d.as_f64().to_string(),
        // A date cell: its date as the checks read it (a time of day, if
        // any, dropped: every date on the roster is a day).
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => dt.date().format("%Y-%m-%d").to_string(),
            None => return Err("holds a date the spreadsheet itself cannot show.".into()),
        },
        // OpenDocument keeps dates as ISO text ("2025-02-01" or with a time).
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or_default().to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => {
            return Err(format!(
                "shows the error {e} in the spreadsheet; correct the cell or its formula."
            ))
        }
    })
}

/// Reads a workbook's sheet and checks it; with `dry_run` false and no
/// problem, adds every row. Groups the file names must exist already.
pub fn import(
    vault: &mut Vault,
    bytes: &[u8],
    sheet: Option<&str>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<ImportReport> {
    let options = ImportOptions {
        dry_run,
        ..Default::default()
    };
    table::import(vault, &read(bytes, sheet)?, &options, today)
}

/// The columns that hold dates, written as date cells.
fn is_date_column(column: &str) -> bool {
    column.ends_with("_on")
}

/// The roster (or one group's current members) as an .xlsx workbook: one
/// sheet, "Roster", the columns of the CSV, dates as date cells, the header
/// frozen with a filter, formula-looking text made inert. Its properties
/// hold a title and the day it was made, nothing else.
pub fn export(vault: &Vault, group: Option<GroupId>, today: NaiveDate) -> Result<Vec<u8>> {
    let rows = table::rows(vault, group, today)?;
    xlsx_bytes("Roster", table::COLUMNS, &rows, today)
}

/// Any table as an .xlsx workbook of one sheet.
pub fn xlsx_bytes(
    sheet: &str,
    header: &[&str],
    rows: &[Vec<String>],
    today: NaiveDate,
) -> Result<Vec<u8>> {
    let fail =
        |e: rust_xlsxwriter::XlsxError| Error::Internal(format!("writing the workbook: {e}"));
    let day = |d: NaiveDate| {
        rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    // The day it was made, from the caller's clock (the crate would read
    // the system's), and a title: no author, no company.
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title("IAG Desk roster")
            .set_creation_datetime(&day(today).map_err(fail)?),
    );
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(fail)?;
    for (c, name) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &bold)
            .map_err(fail)?;
        let widest = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|t| t.chars().count())
            .chain([name.len()])
            .max()
            .unwrap_or(10);
        ws.set_column_width(c as u16, (widest.clamp(8, 50) + 2) as f64)
            .map_err(fail)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c16 = c as u16;
            let as_date = header
                .get(c)
                .filter(|h| is_date_column(h))
                .and_then(|_| NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok());
            match as_date {
                Some(d) => {
                    ws.write_datetime_with_format(r, c16, day(d).map_err(fail)?, &date)
                        .map_err(fail)?;
                }
                None if cell.is_empty() => {}
                None => {
                    ws.write_string(r, c16, neutralise(cell)).map_err(fail)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    let last_column = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_column)
        .map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_become_the_text_a_person_would_type() {
        assert_eq!(text(&Data::Float(7700900123.0)).unwrap(), "7700900123");
        assert_eq!(text(&Data::Float(2.5)).unwrap(), "2.5");
        assert_eq!(text(&Data::Int(42)).unwrap(), "42");
        assert_eq!(
            text(&Data::DateTimeIso("2025-02-01T00:00:00".into())).unwrap(),
            "2025-02-01"
        );
        assert!(text(&Data::Error(calamine::CellErrorType::NA))
            .unwrap_err()
            .contains("#N/A"));
    }

    #[test]
    fn a_written_workbook_reads_back_with_inert_formulas_and_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let bytes = xlsx_bytes(
            "Roster",
            &["full_name", "phone", "joined_on"],
            &[vec![
                "=1+1".into(),
                "+44 7700 900123".into(),
                "2025-02-01".into(),
            ]],
            today,
        )
        .unwrap();
        assert!(is_workbook(&bytes));
        let t = read(&bytes, None).unwrap();
        assert_eq!(t.rows.len(), 1);
        let cells: Vec<String> = t.rows[0].cells.iter().map(|c| c.clone().unwrap()).collect();
        assert_eq!(cells, ["'=1+1", "'+44 7700 900123", "2025-02-01"]);
        assert_eq!(t.rows[0].label, "sheet Roster, row 2");
    }
}
