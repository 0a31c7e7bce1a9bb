//! What the fuzz targets share: a fixed clock, a private scratch folder per
//! process, vaults copied from a template, and the seed files each target
//! generates from real exports (see `.ci/fuzz`).
//!
//! Every input must meet the same vault, or a crash found once would not
//! reproduce: imports that change the vault are followed by a fresh copy of
//! the template (an import that fails changes nothing, by design).

use chrono::{NaiveDate, NaiveDateTime};
use iag_desk_core::confidentiality::Audience;
use iag_desk_core::meetings::handover::{self, HandOver};
use iag_desk_core::{Passphrase, Vault};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Set to a folder, a target writes its generated seeds there and exits
/// instead of fuzzing (`.ci/fuzz` does this before each run).
pub const WRITE_SEEDS: &str = "IAG_DESK_FUZZ_WRITE_SEEDS";

/// Where the per-process scratch folders go (default: /dev/shm when there
/// is one, so SQLite's fsyncs cost nothing, else the temp folder).
pub const SCRATCH: &str = "IAG_DESK_FUZZ_SCRATCH";

const SCRATCH_PREFIX: &str = "iag-desk-fuzz.";

/// The day the core is told it is: the demo data is laid out around it.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("fixed date")
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(20, 15, 0).expect("fixed time")
}

/// A folder of this process's own. libFuzzer ends the process with `exit`,
/// so no destructor ever removes it: folders of processes that have gone
/// are removed instead when the next one starts.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = std::env::var_os(SCRATCH)
            .map(PathBuf::from)
            .or_else(|| {
                let shm = Path::new("/dev/shm");
                shm.is_dir().then(|| shm.to_path_buf())
            })
            .unwrap_or_else(std::env::temp_dir);
        remove_orphans(&base);
        let dir = tempfile::Builder::new()
            .prefix(&format!("{SCRATCH_PREFIX}{}.", std::process::id()))
            .tempdir_in(&base)
            .expect("scratch folder for the fuzz target");
        dir.keep()
    })
}

fn remove_orphans(base: &Path) {
    // Without /proc there is no telling a live process's folder from a
    // dead one's, so nothing is removed.
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(SCRATCH_PREFIX)
            .and_then(|rest| rest.split('.').next())
        else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Removes a vault file and its SQLite companions.
pub fn remove_vault(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A raw SQLCipher key (the example of SQLCipher's documentation: 32 bytes
/// in hex). The vault is encrypted as in the app, but without the 256,000
/// rounds of key derivation a typed passphrase costs on every open (about a
/// tenth of a second, which would leave a handful of runs a second).
/// SQLCipher refuses an empty key, so there is no unencrypted shortcut.
pub const RAW_KEY: &str = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'";

pub fn raw_key() -> Passphrase {
    Passphrase::new(RAW_KEY)
}

/// A new vault, empty or with the demo force.
pub fn new_vault(path: &Path, demo: bool) -> Vault {
    remove_vault(path);
    let mut vault = Vault::create(path, &raw_key()).expect("create a vault");
    if demo {
        iag_desk_core::demo::load(&mut vault, today()).expect("load the demo force");
    }
    vault
}

pub fn demo_vault(path: &Path) -> Vault {
    new_vault(path, true)
}

/// Closes `vault` (which checkpoints its WAL into the file) and returns the
/// file's bytes, to copy for every input that needs a fresh vault.
pub fn snapshot(vault: Vault) -> Vec<u8> {
    let path = vault.path().to_path_buf();
    drop(vault);
    std::fs::read(&path).expect("read the template vault")
}

/// A vault at `path` holding exactly `template`.
pub fn vault_from(template: &[u8], path: &Path) -> Vault {
    remove_vault(path);
    std::fs::write(path, template).expect("write the vault copy");
    Vault::unlock(path, &raw_key()).expect("open the vault copy")
}

/// A working vault that can be put back to its template after an input
/// changed it.
pub struct TemplateVault {
    template: Vec<u8>,
    path: PathBuf,
    vault: Option<Vault>,
}

impl TemplateVault {
    pub fn new(template: Vec<u8>, path: PathBuf) -> Self {
        let vault = Some(vault_from(&template, &path));
        TemplateVault {
            template,
            path,
            vault,
        }
    }

    pub fn vault(&mut self) -> &mut Vault {
        self.vault.as_mut().expect("a vault is always open")
    }

    pub fn reset(&mut self) {
        // Closed before its file is replaced.
        self.vault = None;
        self.vault = Some(vault_from(&self.template, &self.path));
    }
}

/// Writes the generated seeds to the folder named by `WRITE_SEEDS` and ends
/// the process, when that variable is set; otherwise does nothing.
pub fn write_seeds_if_asked(generate: fn() -> Vec<(String, Vec<u8>)>) {
    let Some(dir) = std::env::var_os(WRITE_SEEDS) else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("seed folder");
    let seeds = generate();
    for (name, bytes) in &seeds {
        std::fs::write(dir.join(name), bytes).expect("write a seed");
    }
    eprintln!("wrote {} generated seeds to {}", seeds.len(), dir.display());
    std::process::exit(0);
}

/// Every demo meeting as hand-over files, for members and for the public.
/// `meeting.id` is random in a vault (set on first export), so it is
/// replaced by a fixed one: seeds and templates then agree in every process.
pub fn handover_files(vault: &mut Vault) -> Vec<(String, String)> {
    let meetings = iag_desk_core::meetings::list(vault, now()).expect("list meetings");
    let mut files = Vec::new();
    for (n, m) in meetings.iter().enumerate() {
        for (audience, label) in [(Audience::Members, "members"), (Audience::Public, "public")] {
            let json = handover::export(vault, m.id, audience).expect("export a meeting");
            let mut file: HandOver = serde_json::from_str(&json).expect("read our own export");
            file.meeting.id = fixed_meeting_id(n);
            let json = serde_json::to_string_pretty(&file).expect("write JSON");
            files.push((format!("meeting-{n:02}-{label}.json"), json));
        }
    }
    files
}

pub fn fixed_meeting_id(n: usize) -> String {
    format!("{n:032x}")
}
