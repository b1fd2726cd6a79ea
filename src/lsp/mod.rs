//! `prereq lsp`: a language server for topics files, so that an author sees
//! every check as they type. It reuses the loader, the rules and the
//! diagnostics of `prereq check` ([`document`]), answers from them
//! ([`features`]), counts columns as the editor does ([`position`]), and
//! speaks the protocol over any connection ([`server`]).

pub mod document;
pub mod features;
pub mod position;
pub mod server;
