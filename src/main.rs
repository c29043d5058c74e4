//! The `malbild` binary: a shim over [`malbild::run`].

fn main() {
    std::process::exit(malbild::run(std::env::args_os()));
}
