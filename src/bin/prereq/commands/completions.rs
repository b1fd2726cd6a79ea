use anyhow::Result;
use clap::CommandFactory;

use super::{Exit, print};
use crate::cli::{Cli, CompletionsArgs, ManArgs};

pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    print(&crate::complete::registration(args.shell)?)
}

pub fn man(args: &ManArgs) -> Result<Exit> {
    let mut command = Cli::command();
    command.build();
    let page = match &args.command {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|&n| n != "help")
                    .collect();
                anyhow::bail!(
                    "no command is called `{name}`; the commands are {}",
                    names.join(", ")
                );
            };
            // After `build`, a subcommand's display name is `prereq-NAME`.
            sub.clone().version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    print(&String::from_utf8_lossy(&roff))
}
