//! The bare process floor: the hello-world of `kh-floor`, started the way `kh` starts on
//! Linux with glibc (C's `main`, no std runtime start; the same `start.rs`). Against it,
//! the benchmark shows what `kh`'s lookups cost apart from the start-up `kh` saves.

#![cfg_attr(all(target_os = "linux", target_env = "gnu"), no_main)]

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[path = "../../../../src/start.rs"]
mod start;

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() {
    run();
}

/// Prints the greeting; the exit code for `start.rs`.
fn run() -> u8 {
    println!("hello, world");
    0
}
