//! The one error type of `kh`. Only `main` prints it, as `kh: ...` on stderr, and maps it
//! to exit code 2; a closed pipe is not an error at all (see [`Error::is_broken_pipe`]).

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// The arguments make no sense together (an empty query, a bad range, an unknown tech).
    Usage(String),
    /// The input cannot be used (empty, binary, not text).
    Input(String),
    /// An I/O failure, with what was being done.
    Io {
        /// "reading build.log", "writing client.py".
        context: String,
        /// The cause.
        source: io::Error,
    },
    /// `-o FILE` would overwrite a file without `--force`.
    OutputExists(PathBuf),
    /// The embedded index is unreadable (a build bug, never user input).
    Index(String),
}

/// `kh`'s result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Whether this is a write into a closed pipe, which ends `kh` quietly with success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Input(m) => f.write_str(m),
            Error::Io { context, source } => write!(f, "{context}: {source}"),
            Error::OutputExists(p) => write!(
                f,
                "{} already exists; pass --force to replace it",
                p.display()
            ),
            Error::Index(m) => write!(f, "the built-in index is unreadable: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::io("writing output", e)
    }
}
