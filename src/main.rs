//! The `incident` binary: parses the command line, runs it, prints an error once (never as
//! Debug) and exits with its documented code.

use clap::Parser;

fn main() {
    let cli = incident::cli::Cli::parse();
    let code = match incident::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            error.exit_code()
        }
    };
    std::process::exit(code);
}
