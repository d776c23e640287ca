// Hides the console window on Windows release builds; no effect on Linux.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(shoki_app::main_entry(std::env::args().skip(1).collect()));
}
