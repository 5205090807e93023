//! The `mixcal` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    mixcal::run()
}
