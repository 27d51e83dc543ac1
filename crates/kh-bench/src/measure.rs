//! Timing one process from spawn to exit, with its peak resident memory from `wait4`.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One finished run.
pub struct Run {
    /// Wall time from spawn to reaped, in seconds.
    pub secs: f64,
    /// Peak resident set, KiB.
    pub max_rss_kb: i64,
    /// Exit code (-1 if killed).
    pub code: i32,
}

impl Run {
    /// Runs `bin args < stdin` with stdout and stderr discarded.
    pub fn new(bin: &str, args: &[String], stdin: Option<&Path>) -> Result<Run, String> {
        let input = match stdin {
            Some(p) => Stdio::from(File::open(p).map_err(|e| format!("{}: {e}", p.display()))?),
            None => Stdio::null(),
        };
        let start = Instant::now();
        let child = Command::new(bin)
            .args(args)
            .stdin(input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{bin}: {e}"))?;
        let (status, rss) = reap(child.id() as i32)?;
        let secs = start.elapsed().as_secs_f64();
        let code = if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        };
        Ok(Run {
            secs,
            max_rss_kb: rss,
            code,
        })
    }
}

/// Waits for `pid` and returns its wait status and peak RSS (KiB).
#[allow(unsafe_code)]
fn reap(pid: i32) -> Result<(i32, i64), String> {
    let mut status = 0;
    // SAFETY: rusage is plain old data that wait4 fills in; pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r < 0 {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    Ok((status, usage.ru_maxrss))
}

/// Drops a file's pages from the page cache, for cold-start runs.
#[allow(unsafe_code)]
pub fn evict(path: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(f) = File::open(path) {
        // SAFETY: a valid open descriptor; the advice only affects caching.
        unsafe {
            libc::posix_fadvise(f.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED);
        }
    }
}

/// The median of `v` (sorted in place).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return 0.0;
    }
    let m = v.len() / 2;
    if v.len().is_multiple_of(2) {
        (v[m - 1] + v[m]) / 2.0
    } else {
        v[m]
    }
}
