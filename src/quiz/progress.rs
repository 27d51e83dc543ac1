//! The quiz progress file (`$XDG_DATA_HOME/kh/quiz.json`): loaded leniently (a corrupt
//! file is set aside, never a crash) and saved atomically after every answer, so that
//! Ctrl-C or a closed terminal loses nothing already answered.

use super::Card;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything remembered between sessions.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    /// File format version.
    pub version: u32,
    /// Card state per question ID.
    pub cards: BTreeMap<String, Card>,
}

/// A loaded progress file and where it lives.
pub struct ProgressFile {
    /// The file's path.
    pub path: PathBuf,
    /// Its content.
    pub progress: Progress,
    /// Set when a corrupt file was moved aside: the message to show.
    pub recovered: Option<String>,
}

impl ProgressFile {
    /// Loads the file in the data directory (or starts empty).
    pub fn load_default() -> Result<ProgressFile> {
        let dir = crate::dirs::data().ok_or_else(|| {
            Error::Usage("cannot find a data directory: set HOME or XDG_DATA_HOME".into())
        })?;
        Self::load(&dir.join("quiz.json"))
    }

    /// Loads `path`; a corrupt file is renamed to `*.corrupt` and reported, not fatal.
    pub fn load(path: &Path) -> Result<ProgressFile> {
        let mut file = ProgressFile {
            path: path.to_path_buf(),
            progress: Progress {
                version: 1,
                ..Progress::default()
            },
            recovered: None,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(file),
            Err(e) => return Err(Error::io(format!("reading {}", path.display()), e)),
        };
        match serde_json::from_slice::<Progress>(&bytes) {
            Ok(p) => file.progress = p,
            Err(e) => {
                let aside = path.with_extension("json.corrupt");
                std::fs::rename(path, &aside)
                    .map_err(|e| Error::io(format!("moving aside {}", path.display()), e))?;
                file.recovered = Some(format!(
                    "kh: quiz progress in {} was unreadable ({e}); kept it as {} and started afresh",
                    path.display(),
                    aside.display()
                ));
            }
        }
        Ok(file)
    }

    /// Saves atomically, creating the folder if needed.
    pub fn save(&self) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
        }
        let bytes =
            serde_json::to_vec_pretty(&self.progress).map_err(|e| Error::Input(e.to_string()))?;
        crate::write::write_new(&self.path, &bytes, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_file_is_set_aside_and_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("quiz.json");
        std::fs::write(&p, "{not json").expect("write");
        let f = ProgressFile::load(&p).expect("recovers");
        assert!(f.recovered.is_some());
        assert!(f.progress.cards.is_empty());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("quiz.json.corrupt")).expect("kept"),
            "{not json"
        );
    }

    #[test]
    fn saved_progress_loads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("sub/quiz.json");
        let mut f = ProgressFile::load(&p).expect("empty");
        f.progress.cards.insert(
            "PY-BEG-001".into(),
            Card {
                r#box: 2,
                due: 5,
                seen: 1,
                knew: 1,
            },
        );
        f.save().expect("saves");
        let back = ProgressFile::load(&p).expect("loads");
        assert_eq!(back.progress.cards["PY-BEG-001"].r#box, 2);
    }
}
