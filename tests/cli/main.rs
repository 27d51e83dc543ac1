//! Integration tests: they run the real `kh` binary, as users and scripts do.

mod corpus;
mod errors;
mod explain;
mod local;
mod lookup;
mod quiz;
mod realworld;
mod shell;
mod snippet;
mod util;
