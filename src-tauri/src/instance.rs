//! One window per vault. The first window for a data folder listens on a
//! local socket; a second start for the same folder (a double-clicked
//! hand-over file, or `iag-desk FILE` typed while the window is open) hands
//! its file to that window and exits, so two windows never hold one vault.
//!
//! Why not tauri-plugin-single-instance: on Linux it claims one D-Bus name
//! per application, so it cannot tell two vaults apart (a second data
//! folder, or a test's, would be swallowed by the first window), and it
//! needs a session bus, which a machine without a desktop session (CI under
//! Xvfb) does not have. A Unix socket named after the data folder needs
//! neither; it lives in the user's runtime folder (`$XDG_RUNTIME_DIR`,
//! private to the user, emptied at logout), else the user's cache folder.
//!
//! The message is one line of JSON, `{"file": "/abs/path" | null}`, answered
//! with `ok`. Anything the socket receives only ever becomes a file waiting
//! for the user's check and confirmation, never an import.

use std::path::{Path, PathBuf};

/// What the window's start found.
pub enum Claim {
    /// No window has this vault open: this one is the window, and listens
    /// here (None: the socket could not be made; the window still opens).
    First(Option<Listener>),
    /// The window already open took the file (if any) and came forward.
    Running,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Message {
    file: Option<PathBuf>,
}

/// Where the socket for this data folder lives: named by a digest of the
/// folder's full path, so each vault has its own and the name stays short
/// (a socket path is limited to about 100 bytes).
pub fn socket_path(data_dir: &Path) -> Option<PathBuf> {
    use sha2::{Digest, Sha256};
    // The same folder however it was named (relative, through a link);
    // one not made yet by its full name.
    let folder = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .ok()?;
    let digest = Sha256::digest(folder.as_os_str().as_encoded_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let base = dirs::runtime_dir().or_else(dirs::cache_dir)?;
    Some(base.join("iag-desk").join(format!("window-{name}.socket")))
}

#[cfg(unix)]
pub use unix::{claim, Closing, Listener};

#[cfg(unix)]
mod unix {
    use super::{socket_path, Claim, Message};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    /// The first window's socket.
    pub struct Listener {
        socket: UnixListener,
        closing: Closing,
    }

    /// Ends the listening when the window closes: a start in the moments
    /// while the window goes is not answered (so it opens the window
    /// itself), and the socket file goes unless a new window already made
    /// its own in its place.
    #[derive(Clone)]
    pub struct Closing {
        closed: Arc<AtomicBool>,
        path: PathBuf,
        inode: u64,
    }

    impl Closing {
        pub fn close(&self) {
            self.closed.store(true, Ordering::SeqCst);
            if std::fs::metadata(&self.path).is_ok_and(|m| m.ino() == self.inode) {
                let _ = std::fs::remove_file(&self.path);
            }
        }
    }

    impl Listener {
        /// Calls `arrived` with each file a later start hands over (None:
        /// started again without a file), on a thread of its own; the
        /// handle stops it.
        pub fn serve(self, arrived: impl Fn(Option<PathBuf>) + Send + 'static) -> Closing {
            let closing = self.closing.clone();
            std::thread::spawn(move || {
                for stream in self.socket.incoming().flatten() {
                    if self.closing.closed.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Some(message) = receive(stream) {
                        arrived(message.file);
                    }
                }
            });
            closing
        }
    }

    fn receive(stream: UnixStream) -> Option<Message> {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut line = String::new();
        // A path is short: a longer line is not ours.
        BufReader::new(&stream)
            .take(64 * 1024)
            .read_line(&mut line)
            .ok()?;
        let message: Message = serde_json::from_str(&line).ok()?;
        let _ = (&stream).write_all(b"ok\n");
        Some(message)
    }

    /// Hands `file` to the window already open on this data folder, or
    /// makes this start the window.
    pub fn claim(data_dir: &Path, file: Option<&Path>) -> Claim {
        let Some(path) = socket_path(data_dir) else {
            return Claim::First(None);
        };
        for _ in 0..2 {
            if hand_over(&path, file) {
                return Claim::Running;
            }
            match listen(&path) {
                Ok(listener) => return Claim::First(Some(listener)),
                // Another start bound it between our two steps: hand over.
                Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
                Err(e) => {
                    eprintln!(
                        "iag-desk: cannot listen at {} ({e}); a second start will open \
                         a second window",
                        path.display()
                    );
                    return Claim::First(None);
                }
            }
        }
        Claim::First(None)
    }

    /// True when a window answered and took the file.
    fn hand_over(path: &Path, file: Option<&Path>) -> bool {
        let Ok(mut stream) = UnixStream::connect(path) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let message = Message {
            file: file.map(Path::to_path_buf),
        };
        let Ok(mut line) = serde_json::to_string(&message) else {
            return false;
        };
        line.push('\n');
        if stream.write_all(line.as_bytes()).is_err() {
            return false;
        }
        let mut answer = String::new();
        BufReader::new(&stream).read_line(&mut answer).is_ok() && answer.trim() == "ok"
    }

    fn listen(path: &Path) -> std::io::Result<Listener> {
        if let Some(folder) = path.parent() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(folder)?;
        }
        // Nobody answered on it (checked just before): left by a window
        // that did not close cleanly.
        if path.exists() {
            std::fs::remove_file(path)?;
        }
        let socket = UnixListener::bind(path)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        Ok(Listener {
            socket,
            closing: Closing {
                closed: Arc::new(AtomicBool::new(false)),
                path: path.to_path_buf(),
                inode: std::fs::metadata(path)?.ino(),
            },
        })
    }
}

/// Elsewhere every start opens a window (the packages are Linux ones).
#[cfg(not(unix))]
pub struct Listener;

#[cfg(not(unix))]
#[derive(Clone)]
pub struct Closing;

#[cfg(not(unix))]
impl Closing {
    pub fn close(&self) {}
}

#[cfg(not(unix))]
impl Listener {
    pub fn serve(self, _arrived: impl Fn(Option<PathBuf>) + Send + 'static) -> Closing {
        Closing
    }
}

#[cfg(not(unix))]
pub fn claim(_data_dir: &Path, _file: Option<&Path>) -> Claim {
    Claim::First(None)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_start_hands_its_file_to_the_first_and_other_vaults_are_apart() {
        let first_vault = tempfile::tempdir().unwrap();
        let other_vault = tempfile::tempdir().unwrap();
        let Claim::First(Some(listener)) = claim(first_vault.path(), None) else {
            panic!("the first start is the window");
        };
        let socket = socket_path(first_vault.path()).unwrap();
        assert!(socket.exists());
        assert_ne!(Some(&socket), socket_path(other_vault.path()).as_ref());
        let (tx, rx) = std::sync::mpsc::channel();
        let closing = listener.serve(move |file| tx.send(file).unwrap());

        let file = Path::new("/tmp/meeting-2026-12-09-members.iagmeeting");
        assert!(matches!(
            claim(first_vault.path(), Some(file)),
            Claim::Running
        ));
        assert_eq!(rx.recv().unwrap().as_deref(), Some(file));
        assert!(matches!(claim(first_vault.path(), None), Claim::Running));
        assert_eq!(rx.recv().unwrap(), None);

        // Another vault gets a window of its own.
        let Claim::First(Some(other)) = claim(other_vault.path(), None) else {
            panic!("another vault opens its own window");
        };
        other.serve(|_| {}).close();
        assert!(!socket_path(other_vault.path()).unwrap().exists());

        // A window closing answers no more: the next start is the window.
        closing.close();
        assert!(!socket.exists());
        let Claim::First(Some(next)) = claim(first_vault.path(), None) else {
            panic!("after the window closed, the next start is the window");
        };
        // The old window's late clean-up leaves the new socket alone.
        closing.close();
        assert!(socket.exists());
        next.serve(|_| {}).close();
    }

    #[test]
    fn a_socket_left_by_a_crashed_window_is_taken_over() {
        let vault = tempfile::tempdir().unwrap();
        let path = socket_path(vault.path()).unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Bound and closed without removing the file: nobody answers on it.
        drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
        assert!(path.exists());
        assert!(matches!(claim(vault.path(), None), Claim::First(Some(_))));
    }
}
