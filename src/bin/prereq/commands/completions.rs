use anyhow::Result;
use clap::CommandFactory;

use super::{Exit, print};
use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "prereq", &mut script);
    print(&String::from_utf8_lossy(&script))
}

pub fn man() -> Result<Exit> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    print(&String::from_utf8_lossy(&page))
}
