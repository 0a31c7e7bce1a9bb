//! Data-protection duties under UK GDPR: a copy of everything held about
//! one person (subject access), erasing a person, and a prompt to review
//! people who left long ago.
//!
//! Rules:
//! - Subject access copies everything held about the person, their own
//!   representation answers included (it is their data). Confidential
//!   records that mention them are listed — which meeting, which item's
//!   public title — but their text is withheld for the data-protection
//!   officer to review against the exemptions; the confidentiality promise
//!   holds even here.
//! - Erasure deletes the person's contact details, roles, vetting,
//!   agreements and representation answers, and replaces their name in
//!   every record that outlives them (minutes, registers, votes, the audit
//!   trail) with the role they held at the time: "the chair", "a member".
//!   Counts and decisions stand; the person cannot be picked out.

mod erasure;
mod names;
mod retention;
mod subject_access;

pub use erasure::{erase, Erased};
pub use names::{capitalise, replace_name};
pub use retention::{
    retention_due, retention_months, set_retention_months, RetentionDue, DEFAULT_RETENTION_MONTHS,
};
pub use subject_access::{
    subject_access, subject_access_audit_detail, subject_access_document, subject_access_json,
    PersonHeld, RecordHeld, Representation, SubjectAccess,
};
