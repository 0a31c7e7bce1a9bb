//! Starting tauri-driver, opening the app through it, and small waits that
//! poll the page rather than sleeping for a guessed time.

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough for a cold WebKit start on a loaded 2-core machine.
const PATIENCE: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tauri-driver on its own ports, stopped with SIGTERM on drop: SIGKILL
/// would orphan WebKitWebDriver, which then holds the port and the pipes.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let port = free_port();
        let native = free_port();
        let child = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect(
                "tauri-driver must be on PATH: cargo install tauri-driver --version '^2' --locked",
            );
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The instant the window's clock starts at (the test build's `--clock`
/// hook), so the demo, the dashboard and every date typed into a form line
/// up the same way on whatever day the suite runs. With
/// `IAG_DESK_TEST_REAL_CLOCK` set (`.ci/any-day --e2e`) the window reads the
/// real clock instead.
pub const FIXED_CLOCK: &str = "2026-11-23T12:00";

/// The app's clock arguments, for the window and for the command line run
/// beside it (so both see the same day).
pub fn clock_args() -> &'static [&'static str] {
    if std::env::var_os("IAG_DESK_TEST_REAL_CLOCK").is_some() {
        &[]
    } else {
        &["--clock", FIXED_CLOCK]
    }
}

/// The real app window, opened by WebDriver with its own data folder.
pub struct App {
    client: Client,
    _driver: Driver,
    data_dir: PathBuf,
}

impl App {
    pub async fn launch(data_dir: &Path) -> App {
        Self::launch_with(data_dir, &[]).await
    }

    /// As `launch`, with extra arguments for the app (e.g. `--save-dir`,
    /// since WebDriver cannot see native file dialogs).
    pub async fn launch_with(data_dir: &Path, extra: &[&str]) -> App {
        let data = data_dir.to_string_lossy();
        let args: Vec<&str> = ["--data-dir", &data]
            .into_iter()
            .chain(clock_args().iter().copied())
            .chain(extra.iter().copied())
            .collect();
        Self::launch_program(env!("CARGO_BIN_EXE_iag-desk"), data_dir, &args).await
    }

    /// Another build of the app (the installed package's), with exactly
    /// these arguments.
    pub async fn launch_program(program: &str, data_dir: &Path, args: &[&str]) -> App {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "the end-to-end tests need a display: run them under xvfb-run"
        );
        // Creating the session is retried with a fresh driver: on a loaded
        // machine tauri-driver can accept the connection before its
        // WebKitWebDriver is ready and drop the first request
        // ("IncompleteMessage"), which has nothing to do with the app.
        let data_dir = data_dir.to_string_lossy();
        let mut last_error = None;
        for _attempt in 0..3 {
            let driver = Driver::start();
            let mut caps = serde_json::Map::new();
            caps.insert(
                "tauri:options".into(),
                serde_json::json!({
                    "application": program,
                    "args": args,
                }),
            );
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{}", driver.port))
                .await
            {
                Ok(client) => {
                    return App {
                        client,
                        _driver: driver,
                        data_dir: PathBuf::from(&*data_dir),
                    }
                }
                Err(e) => {
                    eprintln!("WebDriver session failed, retrying with a new driver: {e}");
                    last_error = Some(e);
                    drop(driver);
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
        }
        panic!("WebDriver session with the app: {last_error:?}");
    }

    /// Closes the window as a person would (the app then exits through its
    /// own shutdown: the vault closed, the one-window socket removed) and
    /// waits until the app and its WebKit processes are gone. Closing the
    /// WebDriver session alone left the app running, and a later window on
    /// the same data folder would hand itself to it rather than open.
    pub async fn quit(self) {
        let _ = self.client.close_window().await;
        let _ = self.client.close().await;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !process_tree(&self.data_dir).is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let left = process_tree(&self.data_dir);
        if !left.is_empty() {
            eprintln!("the app did not exit after its window closed: killing {left:?}");
            let _ = std::process::Command::new("kill")
                .arg("-KILL")
                .args(left.iter().map(u32::to_string))
                .status();
        }
    }

    async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"))
    }

    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.find(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    pub async fn clear(&self, css: &str) {
        self.find(css)
            .await
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
        // clear() fires no input event; the page listens for one.
        self.client
            .execute(
                "document.querySelector(arguments[0]).dispatchEvent(new Event('input'))",
                vec![css.into()],
            )
            .await
            .unwrap();
    }

    /// Scrolls an element into view, for a screenshot of it.
    pub async fn scroll_to(&self, css: &str) {
        self.find(css).await;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
                vec![css.into()],
            )
            .await
            .unwrap();
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap_or_default()
    }

    /// Texts of the matching elements a person can see.
    pub async fn visible_texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::Css(css)).await.unwrap() {
            if el.is_displayed().await.unwrap_or(false) {
                out.push(el.text().await.unwrap_or_default());
            }
        }
        out
    }

    /// Runs a line of script in the page (e.g. the Back button's history.back()).
    pub async fn execute_script(&self, script: &str) {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script {script}: {e}"));
    }

    /// Sets the window's outer size in pixels.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("resize to {width}×{height}: {e}"));
    }

    /// What a line of script returns, as text.
    pub async fn text_of_script(&self, script: &str) -> String {
        match self.client.execute(script, vec![]).await {
            Ok(serde_json::Value::String(s)) => s,
            other => panic!("script {script}: {other:?}"),
        }
    }

    /// Waits until the script expression `condition` is true in the page.
    pub async fn wait_until(&self, condition: &str, what: &str) {
        let deadline = Instant::now() + PATIENCE;
        let script = format!("return !!({condition});");
        loop {
            if let Ok(serde_json::Value::Bool(true)) = self.client.execute(&script, vec![]).await {
                return;
            }
            assert!(Instant::now() < deadline, "waited {PATIENCE:?} for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Goes to a screen by its address (`#/roster/members`) and waits until
    /// it has drawn: a heading in the content and no "Loading…".
    pub async fn visit(&self, hash: &str) {
        self.client
            .execute("location.hash = arguments[0];", vec![hash.into()])
            .await
            .unwrap();
        self.wait_until(
            &format!(
                "location.hash === {hash:?} && document.querySelector('#main h1') && !/^Loading/.test(document.querySelector('#main').textContent)"
            ),
            &format!("{hash} to draw"),
        )
        .await;
    }

    /// The address of the first link whose address starts with `prefix`.
    pub async fn first_link(&self, prefix: &str) -> String {
        self.wait_until(
            &format!("document.querySelector('#main a[href^=\"{prefix}\"]')"),
            &format!("a link to {prefix}…"),
        )
        .await;
        self.client
            .execute(
                "return document.querySelector(`#main a[href^=\"${arguments[0]}\"]`).getAttribute('href');",
                vec![prefix.into()],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Waits until the form control matching `css` holds `value`.
    pub async fn wait_value(&self, css: &str, value: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let seen = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.prop("value").await.ok().flatten().unwrap_or_default(),
                Err(_) => String::new(),
            };
            if seen == value {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited {PATIENCE:?} for {css} to hold {value:?}; it holds {seen:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until some element matching `css` contains `needle`.
    pub async fn wait_text(&self, css: &str, needle: &str) {
        let deadline = Instant::now() + PATIENCE;
        let mut last = Vec::new();
        loop {
            last.clear();
            if let Ok(found) = self.client.find_all(Locator::Css(css)).await {
                for el in found {
                    let text = el.text().await.unwrap_or_default();
                    if text.contains(needle) {
                        return;
                    }
                    last.push(text);
                }
            }
            assert!(
                Instant::now() < deadline,
                "waited {PATIENCE:?} for {needle:?} in {css}; saw {last:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// axe-core, installed from npm into `tests/e2e/axe` by
/// `.ci/install-deps --test` (pinned by its package-lock.json).
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/e2e/axe/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core is missing ({}: {e}): run `bash .ci/install-deps --test`",
                path.display()
            )
        })
    })
}

/// The rule sets the window is held to: WCAG 2.0, 2.1 and 2.2 at levels A
/// and AA, and axe's best practices (landmarks, heading order, one main).
const AXE_TAGS: &[&str] = &[
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

impl App {
    /// Runs axe-core in the window as it stands and fails with every
    /// violation (rule, impact, the elements and what is wrong with each).
    /// `place` names the screen or dialog in the failure message.
    pub async fn assert_accessible(&self, place: &str) {
        let violations = self.axe_violations().await;
        assert!(
            violations.is_empty(),
            "axe-core found {} accessibility violation(s) on {place}:\n{}",
            violations.len(),
            violations.join("\n")
        );
    }

    /// axe-core's violations on the window as it stands, one line each.
    pub async fn axe_violations(&self) -> Vec<String> {
        // A page load forgets the script; injecting it again is harmless.
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .unwrap();
        if loaded != serde_json::Value::Bool(true) {
            self.client
                .execute(
                    &format!("{}\n;return typeof window.axe;", axe_source()),
                    vec![],
                )
                .await
                .unwrap_or_else(|e| panic!("injecting axe-core: {e}"));
        }
        // Animations and pending redraws settle first, so axe sees what a
        // person would.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let started = Instant::now();
        let report = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                axe.run(document, {
                    runOnly: { type: 'tag', values: arguments[0] },
                    resultTypes: ['violations'],
                }).then((r) => done(r.violations.flatMap((v) => v.nodes.map((n) =>
                    `${v.id} (${v.impact}) ${v.help}: ${n.target.join(' ')} :: ${n.failureSummary.replace(/\s+/g, ' ')} :: ${n.html.slice(0, 160)}`))))
                  .catch((e) => done([`axe-core failed: ${e}`]));"#,
                vec![serde_json::json!(AXE_TAGS)],
            )
            .await
            .unwrap_or_else(|e| panic!("running axe-core: {e}"));
        eprintln!("axe-core: {:?}", started.elapsed());
        serde_json::from_value(report).expect("axe report")
    }
}

/// The screenshots the README shows, by name.
const README_SHOTS: &[&str] = &[
    "03-dashboard",
    "06-roster-members",
    "02-help",
    "import-from-excel",
];

/// Screenshots for a person to look at, under `<target>/e2e-screenshots/`.
pub struct Shots {
    dir: PathBuf,
}

impl Shots {
    pub fn new(scenario: &str) -> Shots {
        // The binary is <target>/<profile>/iag-desk.
        let target = Path::new(env!("CARGO_BIN_EXE_iag-desk"))
            .parent()
            .and_then(Path::parent)
            .unwrap()
            .to_path_buf();
        let dir = target.join("e2e-screenshots").join(scenario);
        std::fs::create_dir_all(&dir).unwrap();
        Shots { dir }
    }

    /// Where a picture made outside the window (a PDF page) should go.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub async fn take(&self, app: &App, name: &str) {
        // One stale frame has been seen straight after an action.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = app.client.screenshot().await.expect("screenshot");
        let path = self.dir.join(format!("{name}.png"));
        std::fs::write(&path, &png).unwrap();
        eprintln!("screenshot: {}", path.display());
        // `IAG_DESK_README_SHOTS=1` refreshes the pictures the README shows.
        if std::env::var_os("IAG_DESK_README_SHOTS").is_some() && README_SHOTS.contains(&name) {
            let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/e2e/screenshots");
            std::fs::create_dir_all(&readme).unwrap();
            std::fs::write(readme.join(format!("{name}.png")), &png).unwrap();
        }
    }
}

/// The app's process (found by its own `--data-dir`, which no other
/// process has) and every process under it: WebKit's web and network
/// processes are children of the app.
pub fn process_tree(data_dir: &Path) -> Vec<u32> {
    let needle = format!("--data-dir\0{}\0", data_dir.display());
    let all: Vec<(u32, u32, Vec<u8>)> = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // Field 4 is the parent; the name in brackets may hold spaces.
            let parent = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?;
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            Some((pid, parent.parse().ok()?, cmdline))
        })
        .collect();
    let mut tree: Vec<u32> = all
        .iter()
        .filter(|(_, _, cmd)| cmd.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .map(|(pid, _, _)| *pid)
        .collect();
    let mut grew = true;
    while grew {
        grew = false;
        for (pid, parent, _) in &all {
            if tree.contains(parent) && !tree.contains(pid) {
                tree.push(*pid);
                grew = true;
            }
        }
    }
    tree
}

/// Every network socket (TCP, UDP or raw, IPv4 or IPv6) that a set of
/// processes holds right now, described for a failure message. Unix sockets
/// (X11, WebKit's own IPC) are not network and are skipped. So is the one
/// loopback port that exists only because WebDriver drives the window:
/// WebKitWebDriver starts the app with `WEBKIT_INSPECTOR_SERVER=127.0.0.1:N`
/// and WebKit listens there for the automation session. That port is read
/// from the app's own environment, never guessed, and only loopback
/// connections to it are let through.
pub fn network_sockets(pids: &[u32]) -> Vec<String> {
    let inspector = pids.first().and_then(|pid| inspector_endpoint(*pid));
    let inspector = inspector.as_deref();
    let mut found = Vec::new();
    for pid in pids {
        let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
            continue; // the process ended between listing and reading
        };
        let inodes: Vec<String> = fds
            .filter_map(|fd| {
                let target = std::fs::read_link(fd.ok()?.path()).ok()?;
                let target = target.to_str()?;
                Some(
                    target
                        .strip_prefix("socket:[")?
                        .strip_suffix(']')?
                        .to_owned(),
                )
            })
            .collect();
        if inodes.is_empty() {
            continue;
        }
        for table in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"] {
            let Ok(rows) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
                continue;
            };
            for row in rows.lines().skip(1) {
                let cols: Vec<&str> = row.split_whitespace().collect();
                // local, remote, state … inode is the tenth column.
                if cols.len() > 9 && inodes.iter().any(|i| i == cols[9]) {
                    let (local, remote) = (cols[1], cols[2]);
                    let loopback =
                        |end: &str| end.starts_with("0100007F:") || end == "00000000:0000";
                    if let Some(inspector) = inspector {
                        if (local == inspector || remote == inspector)
                            && loopback(local)
                            && loopback(remote)
                        {
                            continue;
                        }
                    }
                    let name =
                        std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                    found.push(format!(
                        "process {pid} ({}): {table} socket local {local} remote {remote}",
                        name.trim()
                    ));
                }
            }
        }
    }
    found
}

/// WebDriver's automation endpoint as `/proc/net/tcp` writes it
/// (`0100007F:A92B` for 127.0.0.1:43307), from the app's environment.
fn inspector_endpoint(pid: u32) -> Option<String> {
    let environ = std::fs::read(format!("/proc/{pid}/environ")).ok()?;
    let value = environ
        .split(|b| *b == 0)
        .find_map(|var| var.strip_prefix(b"WEBKIT_INSPECTOR_SERVER=127.0.0.1:"))?;
    let port: u16 = std::str::from_utf8(value).ok()?.parse().ok()?;
    Some(format!("0100007F:{port:04X}"))
}

/// Samples the app's process tree for network sockets on a thread of its
/// own, from start until `finish`, so a connection opened and closed between
/// two steps of a test is still likely to be seen.
pub struct NetworkWatch {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<NetworkSeen>,
}

#[derive(Debug, Default)]
pub struct NetworkSeen {
    pub samples: usize,
    pub most_processes: usize,
    pub sockets: Vec<String>,
}

impl NetworkWatch {
    pub fn start(app: &App) -> NetworkWatch {
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let data_dir = app.data_dir.clone();
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut seen = NetworkSeen::default();
            while !flag.load(Ordering::Relaxed) {
                let tree = process_tree(&data_dir);
                seen.samples += 1;
                seen.most_processes = seen.most_processes.max(tree.len());
                for socket in network_sockets(&tree) {
                    if !seen.sockets.contains(&socket) {
                        seen.sockets.push(socket);
                    }
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            seen
        });
        NetworkWatch { stop, thread }
    }

    pub fn finish(self) -> NetworkSeen {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

/// What `document.activeElement` is, for a failure message and for deciding
/// when to stop tabbing: whether it matches a selector, whether a person can
/// see that it has focus (an outline or a box shadow drawn by the focus
/// styles), and a short description of it.
const FOCUS_PROBE: &str = r#"
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) {
  return { matches: false, none: true, visible: false, what: el ? el.tagName.toLowerCase() : 'nothing' };
}
const style = getComputedStyle(el);
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
const shadow = style.boxShadow && style.boxShadow !== 'none';
const label = (el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || el.value || '')
  .replace(/\s+/g, ' ').trim().slice(0, 60);
const what = `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.name ? ' name=' + JSON.stringify(el.name) : ''}> ${JSON.stringify(label)}`;
return {
  matches: !!arguments[0] && el.matches(arguments[0]),
  none: false,
  visible: outline || shadow,
  focusVisible: el.matches(':focus-visible'),
  control: el.tabIndex >= 0,
  what,
};
"#;

/// The most Tab presses `tab_to` makes before giving up: more than any
/// screen has stops, so running out means the control is not reachable.
const MOST_TABS: usize = 200;

/// Keyboard only: key presses sent through WebDriver's actions, which
/// WebKit turns into real key events for the window, so the page sees
/// exactly what a keyboard would give it and nothing else.
impl App {
    async fn keys(&self, actions: fantoccini::actions::KeyActions) {
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("key presses: {e}"));
    }

    /// Presses and releases one key (`Key::Tab`, `Key::Enter`, `Key::Down`…).
    pub async fn press(&self, key: fantoccini::key::Key) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let key = char::from(key);
        self.keys(
            KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key }),
        )
        .await;
    }

    /// Presses one key with Shift held (Shift+Tab).
    pub async fn press_shifted(&self, key: fantoccini::key::Key) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        use fantoccini::key::Key;
        let (shift, key) = (char::from(Key::Shift), char::from(key));
        self.keys(
            KeyActions::new("keyboard".into())
                .then(KeyAction::Down { value: shift })
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key })
                .then(KeyAction::Up { value: shift }),
        )
        .await;
    }

    /// Types text, a key press per character, into whatever has focus.
    pub async fn type_keys(&self, text: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for c in text.chars() {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.keys(actions).await;
    }

    /// Picks the option `label` in the focused drop-down list with the arrow
    /// keys, which change a closed list's choice in WebKit without opening
    /// it (and fire its change event, as a pick with the mouse does).
    pub async fn choose(&self, label: &str) {
        use fantoccini::key::Key;
        let at = self
            .client
            .execute(
                "const s = document.activeElement; \
                 return s.tagName === 'SELECT' \
                   ? [s.selectedIndex, [...s.options].findIndex((o) => o.text === arguments[0])] \
                   : null;",
                vec![label.into()],
            )
            .await
            .unwrap();
        let (Some(now), Some(want)) = (at[0].as_i64(), at[1].as_i64()) else {
            panic!("choosing {label:?}: focus is on {}", self.focused().await);
        };
        assert!(want >= 0, "no option {label:?} in {}", self.focused().await);
        let key = if want > now { Key::Down } else { Key::Up };
        for _ in 0..(want - now).abs() {
            self.press(key).await;
        }
        self.wait_until(
            &format!("document.activeElement.selectedOptions[0]?.text === {label:?}"),
            &format!("{label:?} to be chosen"),
        )
        .await;
    }

    async fn focus_probe(&self, css: &str) -> serde_json::Value {
        self.client
            .execute(FOCUS_PROBE, vec![css.into()])
            .await
            .unwrap_or_else(|e| panic!("reading the focus: {e}"))
    }

    /// A description of what has focus now.
    pub async fn focused(&self) -> String {
        self.focus_probe("").await["what"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until the focused element matches `css`: after a screen change
    /// or a redraw, focus must land somewhere useful, never on the page body.
    /// A control given focus by the page (a new entry's text box, a list
    /// drawn again) must show it as Tab would; a screen's content, focused
    /// only as the place to read on from, has no outline.
    pub async fn wait_focus(&self, css: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let probe = self.focus_probe(css).await;
            if probe["matches"] == true {
                assert!(
                    probe["visible"] == true || probe["control"] != true,
                    "focus is on {} but not visible (:focus-visible {})",
                    probe["what"],
                    probe["focusVisible"]
                );
                return;
            }
            assert!(
                Instant::now() < deadline,
                "waited {PATIENCE:?} for focus on {css}; it is on {}",
                probe["what"]
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Presses Tab until the focused element matches `css`, which shows it
    /// is in the Tab order, and fails at any stop on the way where a person
    /// could not see where focus is. Returns how many presses it took.
    pub async fn tab_to(&self, css: &str) -> usize {
        self.tab_until(css, false).await
    }

    /// As `tab_to`, backwards with Shift+Tab.
    pub async fn shift_tab_to(&self, css: &str) -> usize {
        self.tab_until(css, true).await
    }

    async fn tab_until(&self, css: &str, backwards: bool) -> usize {
        use fantoccini::key::Key;
        let mut path: Vec<String> = Vec::new();
        for presses in 1..=MOST_TABS {
            if backwards {
                self.press_shifted(Key::Tab).await;
            } else {
                self.press(Key::Tab).await;
            }
            let probe = self.focus_probe(css).await;
            let what = probe["what"].as_str().unwrap_or_default().to_owned();
            path.push(what.clone());
            // WebKit's Tab goes from the last control straight round to the
            // first, so focus on the page itself is focus lost.
            assert!(
                probe["none"] != true,
                "Tab lost focus to the page ({what}) on the way to {css}: {}",
                path.join(" → ")
            );
            // The app draws focus with :focus-visible, which keyboard focus
            // must match, and the style must leave something to see.
            assert!(
                probe["visible"] == true && probe["focusVisible"] == true,
                "focus is not visible on {what} (:focus-visible {}), tabbing to {css}: {}",
                probe["focusVisible"],
                path.join(" → ")
            );
            if probe["matches"] == true {
                return presses;
            }
        }
        panic!(
            "{css} was not reached in {MOST_TABS} presses of {}; focus went {}",
            if backwards { "Shift+Tab" } else { "Tab" },
            path.join(" → ")
        );
    }
}
