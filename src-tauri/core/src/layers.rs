//! The direction of the layers, checked: storage is the bottom layer. Its
//! files name only the shared words below it, never an area of the app, so
//! the areas can change (and sharing between laptops can sit on top of
//! storage) without an import circle.

use std::path::Path;

/// The modules storage may name: the shared words, and itself.
const BELOW: [&str; 8] = [
    "confidentiality",
    "dates",
    "error",
    "folding",
    "ids",
    "passphrase",
    "storage",
    "vocabulary",
];

/// Each `crate::…` path (or a way round the check) in `source` that
/// reaches above storage: (line number, what it names).
fn names_above(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let after = &code[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{…}` would hide the names from this check.
            if name.is_empty() || !BELOW.contains(&name.as_str()) {
                found.push((
                    n + 1,
                    format!("crate::{}", after.chars().take(30).collect::<String>()),
                ));
            }
        }
        for way_round in ["super::super", "iag_desk_core::"] {
            if code.contains(way_round) {
                found.push((n + 1, way_round.to_string()));
            }
        }
    }
    found
}

#[test]
fn the_check_finds_an_area_named_from_storage() {
    let source = "use crate::error::Result;\n\
                  use crate::roster::rules::ValidPerson;\n\
                  // crate::meetings in a comment is fine\n\
                  use crate::{dates, minutes};\n\
                  let x = super::super::audit::record;\n";
    let lines: Vec<usize> = names_above(source).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, [2, 4, 5]);
}

#[test]
fn no_file_under_storage_names_a_module_above_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/storage");
    let mut files = 0;
    let mut above = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("storage folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "rs") {
            files += 1;
            let source = std::fs::read_to_string(&path).expect("source");
            for (line, name) in names_above(&source) {
                above.push(format!("{}:{line}: {name}", path.display()));
            }
        }
    }
    assert!(
        files >= 10,
        "found only {files} storage files in {}",
        dir.display()
    );
    assert!(
        above.is_empty(),
        "storage names modules above it:\n{}",
        above.join("\n")
    );
}
