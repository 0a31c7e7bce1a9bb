//! Deflates the bundled fonts into OUT_DIR, for `documents::fonts` to
//! include: half the size in the binary, inflated on first use.

use std::io::Write;

fn main() {
    println!("cargo:rerun-if-changed=fonts");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("fonts");
    std::fs::create_dir_all(&out).unwrap();
    for entry in std::fs::read_dir("fonts").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ttf") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&bytes).unwrap();
        let name = format!("{}.deflate", path.file_name().unwrap().to_string_lossy());
        std::fs::write(out.join(name), encoder.finish().unwrap()).unwrap();
    }
}
