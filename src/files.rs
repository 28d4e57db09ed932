//! The user's files on disk: finding `.media` files under folders, reading them, and writing
//! files atomically.
//!
//! Contract: nothing here blocks or runs unbounded on a hostile file system. A folder walk
//! respects `.gitignore` (also outside a Git checkout), skips hidden entries and build folders
//! (`target`, or any folder tagged with `CACHEDIR.TAG`), never follows a symbolic link into a
//! folder (so a link loop ends) and reports every entry it cannot read. Only regular files are
//! read (a FIFO or a device would block or never end), with the same size limit whether a file
//! was named or found. A write goes to a temporary file in the same folder that is renamed over
//! the target, so a crash or a kill leaves either the old file or the new one, never a mix.
//! Errors are [`FileError`]s, turned into diagnostics by the caller.

use crate::syntax::MAX_FILE_BYTES;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read or written.
#[derive(Debug)]
pub enum FileError {
    NotFound,
    /// A FIFO, socket, device or folder where a regular file was expected.
    NotAFile {
        what: &'static str,
    },
    TooLarge {
        bytes: u64,
        limit: usize,
    },
    /// Not UTF-8 text: the offset of the first byte that is not.
    NotUtf8 {
        offset: usize,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::NotFound => f.write_str("no such file or folder"),
            FileError::NotAFile { what } => write!(f, "it is {what}, not a regular file"),
            FileError::TooLarge { bytes, limit } => {
                write!(
                    f,
                    "it is {bytes} bytes, larger than the limit of {limit} bytes"
                )
            }
            FileError::NotUtf8 { offset } => {
                write!(f, "it is not UTF-8 text (byte {offset} is not)")
            }
            FileError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for FileError {
    fn from(e: std::io::Error) -> FileError {
        if e.kind() == std::io::ErrorKind::NotFound {
            FileError::NotFound
        } else {
            FileError::Io(e)
        }
    }
}

fn kind_of(t: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_block_device() || t.is_char_device() {
            return Some("a device");
        }
    }
    if t.is_dir() {
        return Some("a folder");
    }
    (!t.is_file()).then_some("not a regular file")
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text. The file type is checked
/// before the file is opened: opening a FIFO for reading blocks until someone writes to it.
pub fn read_text(path: &Path, limit: usize) -> Result<String, FileError> {
    let meta = std::fs::metadata(path)?;
    if let Some(what) = kind_of(meta.file_type()) {
        return Err(FileError::NotAFile { what });
    }
    if meta.len() > limit as u64 {
        return Err(FileError::TooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path)?;
    read_limited(file, limit, usize::try_from(meta.len()).unwrap_or(0))
}

/// Reads standard input as UTF-8 text, at most `limit` bytes.
pub fn read_stdin(limit: usize) -> Result<String, FileError> {
    read_limited(std::io::stdin().lock(), limit, 0)
}

/// Reads at most `limit` bytes as UTF-8 text: input that grows past the limit while it is read
/// (or a pipe that never ends) is cut there and refused, not read on.
fn read_limited(input: impl Read, limit: usize, expected: usize) -> Result<String, FileError> {
    let mut bytes = Vec::with_capacity(expected.min(limit));
    input.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(FileError::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    String::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Writes `bytes` to `path` atomically: to a temporary file in the same folder, flushed to
/// disk, then renamed over `path` (keeping the permissions of the file it replaces). Refuses
/// to replace anything but a regular file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let old = match std::fs::metadata(path) {
        Ok(m) => {
            if let Some(what) = kind_of(m.file_type()) {
                return Err(FileError::NotAFile { what });
            }
            Some(m.permissions())
        }
        Err(_) => None,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".mediac-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match old {
        Some(perms) => std::fs::set_permissions(tmp.path(), perms)?,
        // The temporary file is created private (0600); a new file gets the usual 0644.
        #[cfg(unix)]
        None => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        None => {}
    }
    tmp.persist(path).map_err(|e| FileError::Io(e.error))?;
    Ok(())
}

/// What a walk of the inputs found.
#[derive(Debug, Default)]
pub struct Found {
    /// Files to read, in a stable order (each input in turn, sorted within a folder).
    pub files: Vec<PathBuf>,
    /// Entries that could not be walked or read, with the reason.
    pub errors: Vec<(PathBuf, FileError)>,
    /// Folders given as inputs that hold no `.media` file.
    pub empty_folders: Vec<PathBuf>,
}

/// Whether a folder is a build or cache folder that a walk skips.
fn is_build_folder(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "target") || path.join("CACHEDIR.TAG").is_file()
}

/// Finds the files of the given inputs: a file named directly is taken whatever its name (it
/// was asked for); a folder is walked for `*.media` files.
pub fn find(inputs: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for input in inputs {
        let meta = match std::fs::metadata(input) {
            Ok(m) => m,
            Err(e) => {
                found.errors.push((input.clone(), e.into()));
                continue;
            }
        };
        if !meta.is_dir() {
            found.files.push(input.clone());
            continue;
        }
        let before = (found.files.len(), found.errors.len());
        walk(input, &mut found);
        if (found.files.len(), found.errors.len()) == before {
            found.empty_folders.push(input.clone());
        }
    }
    found
}

fn walk(root: &Path, found: &mut Found) {
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .hidden(true)
        // `.gitignore` is respected in any folder, not only inside a Git checkout.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_type().is_some_and(|t| t.is_dir()) && is_build_folder(e.path()))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = match &e {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_path_buf(),
                };
                found
                    .errors
                    .push((path, FileError::Io(std::io::Error::other(e.to_string()))));
                continue;
            }
        };
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "media") {
            continue;
        }
        let Some(t) = entry.file_type() else { continue };
        if t.is_dir() {
            continue;
        }
        if t.is_symlink() {
            // A link to a regular file is read; a link to a folder is not followed (loops).
            match std::fs::metadata(path) {
                Ok(m) if m.is_file() => found.files.push(path.to_path_buf()),
                Ok(m) if m.is_dir() => {}
                Ok(m) => found.errors.push((
                    path.to_path_buf(),
                    FileError::NotAFile {
                        what: kind_of(m.file_type()).unwrap_or("not a regular file"),
                    },
                )),
                Err(e) => found.errors.push((path.to_path_buf(), e.into())),
            }
            continue;
        }
        match kind_of(t) {
            None => found.files.push(path.to_path_buf()),
            Some(what) => found
                .errors
                .push((path.to_path_buf(), FileError::NotAFile { what })),
        }
    }
}

/// The size limit of every file read.
pub const LIMIT: usize = MAX_FILE_BYTES;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_keeps_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("v.lock");
        write_atomic(&p, b"one\n").unwrap();
        write_atomic(&p, b"two\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn text_that_is_not_utf8_names_the_byte() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.media");
        std::fs::write(&p, b"ab\xffcd").unwrap();
        assert!(matches!(
            read_text(&p, 100),
            Err(FileError::NotUtf8 { offset: 2 })
        ));
        assert!(matches!(read_text(&p, 3), Err(FileError::TooLarge { .. })));
        assert!(matches!(
            read_text(dir.path(), 100),
            Err(FileError::NotAFile { what: "a folder" })
        ));
    }
}
