//! The `malbild` binary: a shim over [`malbild::cli::run`].

fn main() {
    std::process::exit(malbild::cli::run(std::env::args_os()));
}
