//! The `prereq` command: parse arguments, run one command, exit with its code.

mod cli;
mod commands;
mod complete;
mod input;

use std::process::ExitCode;

use clap::CommandFactory;

// A large file becomes millions of small strings and vectors; mimalloc
// allocates and frees them in about half the time of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Before anything else prints: a completion request prints candidates only.
    complete::handoff(cli::Cli::command);
    let cli = cli::Cli::parse_args();
    match commands::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            eprintln!("error: {err:#}");
            commands::Exit::Usage.into()
        }
    }
}
