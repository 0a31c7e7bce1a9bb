//! Tauri's build step, with the page's grants made explicit.
//!
//! Every command registered in `src/lib.rs` gets an `allow-…` permission
//! (Tauri denies app commands that have none once an app manifest exists),
//! and `capabilities/desk.json` grants the main window exactly those and no
//! core or plugin permission. The build fails if the two lists drift apart,
//! so a new command cannot ship unreachable, nor a grant outlive its command.

use std::collections::BTreeSet;
use std::fs;

const HANDLERS: &str = "src/lib.rs";
const CAPABILITY: &str = "capabilities/desk.json";

fn main() {
    println!("cargo:rerun-if-changed={HANDLERS}");
    println!("cargo:rerun-if-changed={CAPABILITY}");

    let commands = registered_commands(&fs::read_to_string(HANDLERS).expect("read src/lib.rs"));
    let granted = granted_permissions(&fs::read_to_string(CAPABILITY).expect("read capability"));
    let wanted: BTreeSet<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    let missing: Vec<_> = wanted.difference(&granted).collect();
    let stray: Vec<_> = granted.difference(&wanted).collect();
    if !missing.is_empty() || !stray.is_empty() {
        panic!(
            "{CAPABILITY} must grant exactly the commands registered in {HANDLERS}.\n\
             Not granted: {missing:?}\nGranted but not a command (or not an app command): {stray:?}"
        );
    }

    // tauri-build wants 'static names; the build script ends right after.
    let commands: &'static [&'static str] = Vec::leak(
        commands
            .into_iter()
            .map(|c| &*String::leak(c))
            .collect::<Vec<_>>(),
    );
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri build step");
}

/// The command names inside `generate_handler![…]`, last path segment each.
fn registered_commands(lib: &str) -> Vec<String> {
    let block = lib
        .split_once("generate_handler![")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(block, _)| block)
        .expect("src/lib.rs registers its commands with tauri::generate_handler![…]");
    block
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

/// The permission identifiers a capability file grants. A scoped grant
/// would be an object; this app has none, so anything else is refused.
fn granted_permissions(capability: &str) -> BTreeSet<String> {
    let capability: serde_json::Value =
        serde_json::from_str(capability).expect("capabilities/desk.json is JSON");
    capability["permissions"]
        .as_array()
        .expect("the capability has a \"permissions\" list")
        .iter()
        .map(|p| {
            p.as_str()
                .expect("every grant is a plain permission name")
                .to_owned()
        })
        .collect()
}
