//! Unlocking benchmark: `cargo bench -p iag-desk-core --bench vault`.
//!
//! Opening the demo vault with its passphrase: almost all of it is the key
//! derivation, PBKDF2-HMAC-SHA512 at SQLCipher's default 256,000
//! iterations, which is what makes a stolen vault slow to guess. The issue
//! sets no budget; one second is the most a person should wait to start.
//! Also the quarterly feedback report for the whole force, a document
//! built only from the public record.

use iag_desk_core::{Passphrase, Vault};

#[path = "common/mod.rs"]
mod common;

fn main() {
    let (dir, vault, _) = common::demo_meeting();
    let path = vault.path().to_path_buf();
    common::report(
        "feedback report PDF, whole force, a quarter",
        400.0,
        15,
        "",
        || {
            common::export(
                &vault,
                iag_desk_core::exports::Request::Feedback {
                    quarter: "2026-Q4".into(),
                    group: None,
                    format: iag_desk_core::exports::Format::Pdf,
                },
            )
        },
    );
    drop(vault);
    let passphrase = Passphrase::new("benchmark passphrase");
    common::report(
        "unlock the vault (key derivation + schema check)",
        1000.0,
        10,
        "PBKDF2-HMAC-SHA512, 256,000 iterations; ",
        || Vault::unlock(&path, &passphrase).unwrap(),
    );
    drop(dir);
}
