//! The `miniport` command line: `convert` and `serve`.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
