//! Integration tests of the core against real, temporary, encrypted vaults.
//! One test binary; one module per area.

mod support;

// The vault file: encryption at rest, wrong passphrases, schema versions.
mod vault;

// The demo force: idempotent loading, removal that spares real records.
mod demo;

// The roster as the screens read it: tiers, roles over time, any script.
mod roster;

// People on the roster: details, status, roles over time, vetting,
// agreements, representation, search, and upgrading older vaults.
mod members;

// The roster as CSV: nasty files in, Excel-safe files out.
mod csv;

// The roster straight from a spreadsheet (.xlsx, .ods) by independent
// writers: like their CSV twins; groups created on the way or said once.
mod sheets;

// Meetings and agendas: templates, numbering, timing, agreement, register.
mod meetings;

// The agenda pack: papers merged in order, contents, markings, supplements,
// the public pack's leak test, papers that cannot be merged.
mod agenda_pack;

// The email drafts of the papers, read by Python's email package: who they
// go to, what they carry, and the public draft's leak test.
mod papers_email;

// Word files of every document, read by python-docx: headings, tables,
// header and footer, properties, scripts and right-to-left runs.
mod word;

// Attendance over time against a hand-built register; the group's rules
// for its record and its draft minutes' marking.
mod attendance;

// Minutes: levels, not-recorded text, the leak suite over every output,
// approval and amendments, votes, actions, advice, hand-over, crash safety.
mod minutes;

// Printed documents: the induction pack, terms of reference, feedback.
mod publications;

// Critical incidents: suggestions, convening, call lists.
mod incidents;

// Subject access copies, erasure by role, the retention prompt.
mod data_protection;

// The dashboard and the vault-wide search.
mod desk;

// The search index: the same hits as the scan it replaced, kept in step by
// every write, kinder to accents, never holding unrecorded or erased text.
mod search;

// Documents: names in every script laid out, rendered to PDF and read back
// with poppler; headings, page numbers and markings on every page.
mod documents;

// Re-layout after an edit: the pack and the minutes laid out again from the
// edited block on are, page for page, the same as laid out afresh.
mod relayout;
