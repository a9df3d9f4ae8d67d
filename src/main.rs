//! The `incident` binary: parses the command line, runs it, prints an error once (never as
//! Debug) with its hint under it, and exits with its documented code.

fn main() {
    let cli = incident::cli::parse();
    let language = incident::cli::ErrorLanguage::of(&cli);
    let code = match incident::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            let lang = language.resolve();
            let text = error.full_text(lang);
            // The message may quote what a person typed: shown, never obeyed.
            eprintln!(
                "{}: {}",
                lang.pick("fel", "error"),
                incident::domain::terminal::for_terminal(&text)
            );
            error.exit_code()
        }
    };
    std::process::exit(code);
}
