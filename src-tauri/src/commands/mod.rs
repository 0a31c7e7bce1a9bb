//! Tauri commands, one file per area, named `<area>_<verb>`. Each is a few
//! lines: arguments in, one core call, errors mapped. Vault work runs off the
//! main thread (`async` on a plain function) so the window never stalls.

pub mod data_protection;
pub mod demo;
pub mod desk;
pub mod incidents;
pub mod meetings;
pub mod minutes;
pub mod publications;
pub mod roster;
pub mod vault;

use chrono::{Local, NaiveDate, NaiveDateTime};

/// The user's wall clock, read here at the edge and passed into the core.
pub(crate) fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

pub(crate) fn today() -> NaiveDate {
    now().date()
}
