//! The roster as a spreadsheet: CSV in and out, as Excel reads and writes it
//! (UTF-8 with a byte-order mark, CRLF line ends, quoted fields).
//!
//! Reading gives rows of text labelled "row N" as a spreadsheet numbers
//! them; the checks and the all-or-nothing import are `table.rs`'s, shared
//! with spreadsheets. Export makes formula-looking cells inert and never
//! carries representation data, which does not even have a column.

use super::table::{self, Cell, ImportOptions, Source, Table, TableRow};
use crate::error::{Error, Problem, Result};
use crate::ids::GroupId;
use crate::storage::Vault;
use chrono::NaiveDate;

pub use super::table::{neutralise, ImportReport, COLUMNS};

const BOM: &[u8] = b"\xEF\xBB\xBF";

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
/// Groups the file names must exist already.
pub fn import(
    vault: &mut Vault,
    bytes: &[u8],
    dry_run: bool,
    today: NaiveDate,
) -> Result<ImportReport> {
    let options = ImportOptions {
        dry_run,
        ..Default::default()
    };
    table::import(vault, &read(bytes)?, &options, today)
}

/// A CSV file's bytes as rows of text, each labelled with the row a
/// spreadsheet shows it on (and the line of the file where that differs).
/// A cell that is not UTF-8 text, or holds a NUL, is kept as its problem.
pub fn read(bytes: &[u8]) -> Result<Table> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let mut places = Places::new(bytes);

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
        Some(Ok(h)) => TableRow {
            label: row_label(places.of(0, &h)),
            cells: h.iter().map(cell).collect(),
        },
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
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
        let label = row_label(places.of(record.position().map_or(0, |p| p.byte()), &record));
        rows.push(TableRow {
            label,
            cells: record.iter().map(cell).collect(),
        });
    }
    Ok(Table {
        source: Source::Csv,
        header,
        rows,
        problems,
    })
}

/// One field as text, or why it cannot be.
fn cell(raw: &[u8]) -> Cell {
    match std::str::from_utf8(raw) {
        // No spreadsheet writes a NUL, and SQLite's length() stops at
        // one: a name of NULs would pass the checks, then fail the
        // vault's own non-empty-name check when the rows go in.
        Ok(text) if text.contains('\0') => Err("contains a NUL character (a zero byte), which no spreadsheet writes: the file is damaged or not CSV text. In Excel, use Save As → \"CSV UTF-8 (Comma delimited)\".".into()),
        Ok(text) => Ok(text.to_string()),
        Err(_) => Err("is not UTF-8 text (the file looks like Latin-1 or Windows-1252). In Excel, use Save As → \"CSV UTF-8 (Comma delimited)\".".into()),
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
    table_bytes(COLUMNS, &table::rows(vault, group, today)?)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
