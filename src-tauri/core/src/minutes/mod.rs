//! The record of a meeting: what the secretary writes under each agenda
//! item (notes, decisions, advice to the police, actions, votes and
//! declarations of interest), approval at a later meeting, and amendments.
//!
//! Invariants:
//! - An entry's level is never below its item's level: it inherits the
//!   item's level when saved and may only be raised. The level is stored
//!   with the entry, so making an item open later cannot expose what was
//!   written while it was confidential.
//! - Nothing typed for a not-recorded item or entry is stored: the text is
//!   dropped by [`check_entry`], before any storage call, and the vault
//!   refuses it too.
//! - Approved minutes are locked; the only change is an amendment with a
//!   reason and a date, and the approved original is kept as it was.
//! - Documents are built only from an audience's view ([`audience`]); see
//!   there for what each audience may read.

pub mod actions;
pub mod advice;
mod approval;
pub mod audience;
pub mod document;
mod drafts;
pub mod record;
mod taking;
pub mod votes;
mod writing;

pub(crate) use approval::approve_in;
pub use approval::{amend, approve};
pub use drafts::{check_entry, BallotDraft, EntryDraft, ValidBallot, ValidEntry};
pub use taking::{taking, AwaitingApproval, EntryView, MinuteTaking};
pub(crate) use writing::insert_checked;
pub use writing::{declare_vote, delete_entry, save_entry, SavedEntry};
