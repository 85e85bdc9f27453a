//! vetdesk: parse the command line, then open the workstation (no subcommand) or run a CLI command.

use std::process::ExitCode;

use clap::error::ErrorKind;
use vetdesk::cli;

fn main() -> ExitCode {
    let args = match cli::parse(std::env::args_os()) {
        Ok(args) => args,
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand
            ) =>
        {
            // `vetdesk case` alone: the list of what it can do is more use than one line.
            let _ = e.print();
            return ExitCode::from(2);
        }
        Err(e) if e.use_stderr() => {
            // A usage error is shown whole, as clap words it: what is missing or wrong, the usage line and
            // where to read more. Controls in what was typed are shown visibly, never obeyed.
            use std::io::Write;
            let rendered = e.render().to_string();
            let _ = write!(std::io::stderr(), "{}", vetdesk::text::for_terminal(&rendered));
            return ExitCode::from(2);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    let outcome = match args.command {
        Some(command) => cli::run(args.db, args.theme, args.passphrase_file, command),
        None => cli::workstation(args.db, args.theme, args.passphrase_file),
    };
    match outcome {
        Ok(code) => code,
        // The reader went away (`vetdesk case list | head -1`): nothing more to say, and no one to say it to.
        Err(e) if cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "vetdesk: {}", vetdesk::text::one_line(&one_line(&e)));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes on one line, without repeating a cause the message already includes.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !line.contains(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}
