//! `iag-desk`: with no command, the desktop window; with a command, the same
//! core run headless on the command line.

fn main() {
    std::process::exit(iag_desk_lib::main_entry());
}
