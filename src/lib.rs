//! `kh`, the offline engineering knowledge hub, as a library: the binary in `main.rs` is a
//! thin shell over [`commands::run`], and benches and fuzz targets reach the same code.
//!
//! Layout: [`cli`] (what was typed) → [`commands`] (one per subcommand, returns values) →
//! [`output`] (the only writer). Lookups go through [`store`] (compiled corpora, decoded
//! lazily), [`index`] (ranked search) and [`explain`] (error matching).

pub mod cli;
pub mod commands;
pub mod dirs;
pub mod error;
pub mod explain;
pub mod filter;
pub mod index;
pub mod output;
pub mod quiz;
pub mod store;
pub mod write;

pub use error::{Error, Result};
