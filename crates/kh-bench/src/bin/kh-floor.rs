//! The process floor: a hello-world built with the same release profile as `kh`, so that
//! the benchmark can show what `kh` costs beyond starting a process at all.

fn main() {
    println!("hello, world");
}
