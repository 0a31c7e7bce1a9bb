//! Issue 21: the packages `.ci/package` builds, read by the system's own
//! package tools (rpm, dpkg-deb), not by anything of ours: name, version
//! (the workspace's), the dependencies that pull in WebKitGTK, and the files
//! a desktop expects. `.ci/check-package` runs these with the two paths.

use std::process::Command;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn package(var: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| panic!("{var} names the package built by .ci/package"))
}

/// What a package tool prints; a failure fails the test with its message.
fn tool(program: &str, args: &[&str]) -> String {
    let o = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        o.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The files every package holds, wherever its format keeps the licences.
fn expected_files(licences: &str) -> Vec<String> {
    let mut files = vec![
        "/usr/bin/iag-desk".to_string(),
        "/usr/share/applications/IAG Desk.desktop".to_string(),
        "/usr/share/mime/packages/iag-desk.xml".to_string(),
        format!("{licences}/copyright"),
        format!("{licences}/fonts/LICENSE-OFL-1.1.txt"),
        format!("{licences}/fonts/LICENSE-Apache-2.0.txt"),
        format!("{licences}/fonts/README.md"),
    ];
    for size in [16, 22, 24, 32, 48, 64, 128, 256, 512] {
        files.push(format!(
            "/usr/share/icons/hicolor/{size}x{size}/apps/iag-desk.png"
        ));
    }
    files
}

#[test]
#[ignore = "needs the .rpm: .ci/check-package runs it"]
fn the_rpm_names_iag_desk_at_the_workspace_version_and_requires_webkitgtk() {
    let rpm = package("IAG_DESK_RPM");
    let info = tool("rpm", &["-qip", &rpm]);
    for (field, value) in [
        ("Name", "iag-desk"),
        ("Version", VERSION),
        ("Release", "1"),
        ("Architecture", "x86_64"),
        ("License", "MIT AND OFL-1.1 AND Apache-2.0"),
    ] {
        assert!(
            info.lines()
                .any(|l| l.starts_with(field)
                    && l.split_once(':').map(|(_, v)| v.trim()) == Some(value)),
            "{field}: {value} not in:\n{info}"
        );
    }
    let requires = tool("rpm", &["-qpR", &rpm]);
    for needed in ["libwebkit2gtk-4.1.so.0()(64bit)", "libgtk-3.so.0()(64bit)"] {
        assert!(
            requires.lines().any(|l| l.trim() == needed),
            "{needed} not required:\n{requires}"
        );
    }
    let files = tool("rpm", &["-qpl", &rpm]);
    for wanted in expected_files("/usr/share/licenses/iag-desk") {
        assert!(
            files.lines().any(|l| l == wanted),
            "{wanted} not in:\n{files}"
        );
    }
}

#[test]
#[ignore = "needs the .deb: .ci/check-package runs it"]
fn the_deb_names_iag_desk_at_the_workspace_version_and_depends_on_webkitgtk_and_fonts() {
    let deb = package("IAG_DESK_DEB");
    let field = |name: &str| {
        tool("dpkg-deb", &["--field", &deb, name])
            .trim()
            .to_string()
    };
    assert_eq!(field("Package"), "iag-desk");
    assert_eq!(field("Version"), VERSION);
    assert_eq!(field("Architecture"), "amd64");
    let depends = field("Depends");
    // WebKitGTK and GTK (the window), and the fonts that let the window
    // show names in every script (documents carry their own).
    for needed in [
        "libwebkit2gtk-4.1-0",
        "libgtk-3-0",
        "fonts-noto-core",
        "fonts-noto-cjk",
    ] {
        assert!(
            depends.split(", ").any(|d| d == needed),
            "{needed} not in Depends: {depends}"
        );
    }
    assert!(field("Recommends").contains("xdg-utils"));
    let files = tool("dpkg-deb", &["--contents", &deb]);
    for wanted in expected_files("/usr/share/doc/iag-desk") {
        assert!(
            // dpkg-deb lists "… usr/bin/iag-desk", without the leading slash.
            files
                .lines()
                .any(|l| l.ends_with(&format!(" {}", &wanted[1..]))),
            "{wanted} not in:\n{files}"
        );
    }
}
