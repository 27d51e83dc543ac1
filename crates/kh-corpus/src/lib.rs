//! The kh corpus schema, defined once.
//!
//! This crate owns everything that both `build.rs` and the `kh` binary must agree on: the
//! entry model ([`model`]), how a Markdown file becomes an entry ([`parse`]), the rules an
//! entry and a whole corpus must follow ([`validate`]), how text becomes search terms
//! ([`text`]), and the byte layout of the compiled blob ([`blob`], written by [`pack`]).
//! Because postcard is not self-describing, the writer and reader must share these types;
//! keeping them here makes drift impossible. It knows nothing of the command line or colour.

pub mod blob;
pub mod load;
pub mod model;
pub mod pack;
pub mod parse;
pub mod table;
pub mod tech;
pub mod text;
pub mod validate;

pub use load::{load_dir, Loaded};
pub use model::{Entry, Kind, Level};
pub use parse::Diagnostic;
