//! Writing a file so that it is either complete or absent: the bytes go to a temporary
//! file beside the target, are synced, then moved into place. Without `force`, the move
//! is a hard link, which fails if the target exists, so nothing is ever overwritten, not
//! even by a race.

use crate::error::{Error, Result};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path`; an existing `path` is an error unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let shown = path.display().to_string();
    if !force && path.exists() {
        return Err(Error::OutputExists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::io(
            format!("writing {shown}"),
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("folder {} does not exist", dir.display()),
            ),
        ));
    }
    let tmp = temp_path(&dir, path);
    let result = write_temp(&tmp, bytes)
        .map_err(|e| Error::io(format!("writing {shown}"), e))
        .and_then(|()| place(&tmp, path, force, &shown));
    let _ = fs::remove_file(&tmp);
    result
}

fn temp_path(dir: &Path, target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.kh-{}.tmp", std::process::id()))
}

fn write_temp(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn place(tmp: &Path, path: &Path, force: bool, shown: &str) -> Result<()> {
    if force {
        return fs::rename(tmp, path).map_err(|e| Error::io(format!("writing {shown}"), e));
    }
    match fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::OutputExists(path.to_path_buf()))
        }
        // File systems without hard links: the existence check above has to do.
        Err(_) => fs::rename(tmp, path).map_err(|e| Error::io(format!("writing {shown}"), e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force_and_keeps_the_old_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a.txt");
        fs::write(&p, "old").expect("write");
        assert!(matches!(
            write_new(&p, b"new", false),
            Err(Error::OutputExists(_))
        ));
        assert_eq!(fs::read_to_string(&p).expect("read"), "old");
        write_new(&p, b"new", true).expect("forced");
        assert_eq!(fs::read_to_string(&p).expect("read"), "new");
    }

    #[test]
    fn leaves_no_temporary_file_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_new(&dir.path().join("b.py"), b"x = 1\n", false).expect("write");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("b.py")]);
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = write_new(&dir.path().join("nope/c.py"), b"", false)
            .expect_err("must fail")
            .to_string();
        assert!(e.contains("does not exist"), "{e}");
    }
}
