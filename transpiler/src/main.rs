//! The `miniport` command line: `convert`, `batch`, `report merge` and `serve`.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
