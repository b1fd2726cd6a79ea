use super::Exit;

/// Serves the editor on standard input and output until it says `exit`:
/// exit code 0 after `shutdown`, as the protocol asks, else 1.
pub fn run() -> Exit {
    let (connection, io) = lsp_server::Connection::stdio();
    let clean = prereq::lsp::server::run(connection);
    // The reader ends when the editor closes standard input; a client that
    // vanished leaves nothing to wait for.
    drop(io);
    if clean { Exit::Ok } else { Exit::Invalid }
}
