//! Tauri commands, one file per area, named `<area>_<verb>`. Each is a few
//! lines: arguments in, one core call, errors mapped. Vault work runs off the
//! main thread (`async` on a plain function) so the window never stalls.

pub mod choices;
pub mod data_protection;
pub mod demo;
pub mod desk;
pub mod incidents;
pub mod meetings;
pub mod minutes;
pub mod publications;
pub mod roster;
pub mod vault;

/// The user's wall clock, read at the edge (`crate::clock`) and passed into
/// the core.
pub(crate) use crate::clock::{now, today};
