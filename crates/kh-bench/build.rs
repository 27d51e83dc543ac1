//! Links the process floors (`kh-floor`, `kh-floor-bare`) the way `kh` is linked:
//! position-dependent on x86-64 Linux (see the main crate's build.rs), so that they and
//! `kh` differ only in the work that `kh` does.

fn main() {
    if std::env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu") {
        println!("cargo:rustc-link-arg-bin=kh-floor=-no-pie");
        println!("cargo:rustc-link-arg-bin=kh-floor-bare=-no-pie");
    }
}
