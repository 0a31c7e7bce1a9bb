//! IAG Desk's core: the whole domain of an Independent Advisory Group's
//! desk, with no GUI dependency. The desktop shell and the command line both
//! call these functions, so the window and the CLI can never disagree.
//!
//! Time is always passed in (`today`, `now`), never read here, so every rule
//! is testable with a fixed clock.

pub mod audit;
pub mod backup;
pub mod choices;
pub mod confidentiality;
pub mod dashboard;
pub mod data_protection;
pub mod dates;
pub mod demo;
pub mod documents;
pub mod error;
pub mod escalations;
pub mod exports;
pub mod folding;
pub mod ids;
pub mod incidents;
#[cfg(test)]
mod layers;
pub mod locking;
pub mod lookup;
pub mod meetings;
pub mod minutes;
pub mod paging;
pub mod passphrase;
pub mod publications;
pub mod roster;
pub mod search;
pub mod storage;
pub mod vocabulary;

pub use error::{Error, ErrorKind, Result};
pub use passphrase::Passphrase;
pub use storage::{Vault, VaultCounts, VaultStatus, SCHEMA_VERSION, VAULT_FILE};
