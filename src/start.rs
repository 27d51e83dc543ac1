//! The process entry on Linux with glibc: C's `main`, without std's runtime start.
//!
//! std's start (`lang_start`) asks glibc for the main thread's stack bounds, which reads
//! and parses `/proc/self/maps`, then maps an alternate signal stack and installs the
//! handlers that print "has overflowed its stack". Together that is about 0.2 ms of the
//! 1.1 ms a hello-world takes here, as much as a `kh search` costs beyond it.
//!
//! What the start did that `kh` relies on is kept or needs nothing:
//! - SIGPIPE is ignored, as std does, so that a write into a closed pipe is an error that
//!   `main` ends quietly on, not a kill.
//! - Arguments and environment still come through std: glibc hands them to std's
//!   initialiser in `.init_array` before `main` runs.
//! - Output is flushed by `Output::finish` (and after clap's help), not by std's exit.
//! - std's start also opens /dev/null on closed standard descriptors. `kh` does without:
//!   std's stdin, stdout and stderr already read a closed descriptor as empty and write
//!   into it as into /dev/null, and the one file `kh` writes (`write.rs`) is closed and
//!   renamed before anything is printed, so a file that takes descriptor 1 or 2 is never
//!   written through it (`tests/cli/errors.rs` checks both).
//! - A stack overflow ends with SIGSEGV and no message.

/// Called by glibc's start code; the command line is read through std instead.
#[allow(unsafe_code)] // the one exported symbol: the entry point glibc calls once
#[no_mangle]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    // SAFETY: setting a signal's disposition to SIG_IGN has no preconditions, and no
    // other thread exists yet.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    libc::c_int::from(super::run())
}
