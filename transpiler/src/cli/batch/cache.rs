//! `miniport batch --cache <dir>`: converted apps kept by the SHA-256 of everything that made
//! their output (miniport's version and embedded runtime, the options, and every file read
//! for the app, path and bytes), so an unchanged app is written from the cache instead of
//! being converted again. One file per entry, written beside its final name and renamed into
//! place; an entry that cannot be read back whole is a miss, never an error.
//!
//! Entry format (`<dir>/<key[..2]>/<key>.mpc`): the line `miniport-cache 1`, then the app's
//! record (JSON) and each output file as length-prefixed fields (little-endian `u64` lengths).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use miniport::{Diagnostic, FileSet, Options, Output};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

const MAGIC: &[u8] = b"miniport-cache 1\n";

/// An open cache folder, with the part of every key that is the same for the whole run.
pub struct Cache {
    dir: PathBuf,
    run: Sha256,
    temp: AtomicU64,
}

impl Cache {
    /// Opens (creating it) the cache folder `dir` for a run with `options`.
    pub fn open(dir: &Path, options: &Options) -> io::Result<Cache> {
        fs::create_dir_all(dir)?;
        let mut run = Sha256::new();
        field(&mut run, MAGIC);
        field(&mut run, env!("CARGO_PKG_VERSION").as_bytes());
        for (path, content) in miniport::wechat::runtime::files() {
            field(&mut run, path.as_bytes());
            field(&mut run, content.as_bytes());
        }
        field(&mut run, format!("{options:?}").as_bytes());
        Ok(Cache {
            dir: dir.to_path_buf(),
            run,
            temp: AtomicU64::new(0),
        })
    }

    /// The key of an app read as `files`, with the diagnostics its reading gave.
    pub fn key(&self, files: &FileSet, read: &[Diagnostic]) -> String {
        let mut h = self.run.clone();
        for (path, content) in files.iter() {
            field(&mut h, path.as_bytes());
            field(&mut h, content.bytes());
        }
        for link in files.escaped_links() {
            field(&mut h, link.as_bytes());
        }
        field(&mut h, format!("{read:?}").as_bytes());
        hex::encode(h.finalize())
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.mpc"))
    }

    /// The output and record stored under `key`, if a whole entry is there.
    pub fn get(&self, key: &str) -> Option<(Output, Map<String, Value>)> {
        let bytes = fs::read(self.path(key)).ok()?;
        decode(&bytes)
    }

    /// Stores `output` and `record` under `key`. Best effort: a cache that cannot be written
    /// costs the next run a conversion, nothing else.
    pub fn put(&self, key: &str, output: &Output, record: &Map<String, Value>) {
        let path = self.path(key);
        let Some(folder) = path.parent() else {
            return;
        };
        let n = self.temp.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{key}.{}-{n}.tmp", std::process::id()));
        let written = fs::create_dir_all(folder)
            .and_then(|()| fs::write(&temp, encode(output, record)))
            .and_then(|()| fs::rename(&temp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
    }
}

/// Hashes `bytes` with its length first, so no two sequences of fields hash alike.
fn field(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

fn put_field(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

fn encode(output: &Output, record: &Map<String, Value>) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_field(&mut out, &serde_json::to_vec(record).unwrap_or_default());
    out.extend_from_slice(&(output.files.len() as u64).to_le_bytes());
    for (path, content) in &output.files {
        put_field(&mut out, path.as_bytes());
        put_field(&mut out, content);
    }
    out
}

/// Reads fields off the front of an entry; `None` once it is short or malformed.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn number(&mut self) -> Option<u64> {
        let (head, rest) = self.0.split_first_chunk::<8>()?;
        self.0 = rest;
        Some(u64::from_le_bytes(*head))
    }

    fn field(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.number()?).ok()?;
        if len > self.0.len() {
            return None;
        }
        let (field, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(field)
    }
}

fn decode(bytes: &[u8]) -> Option<(Output, Map<String, Value>)> {
    let mut r = Reader(bytes.strip_prefix(MAGIC)?);
    let record = serde_json::from_slice(r.field()?).ok()?;
    let count = r.number()?;
    let mut output = Output::default();
    for _ in 0..count {
        let path = std::str::from_utf8(r.field()?).ok()?;
        // Output paths are relative and normalised; anything else is not an entry we wrote.
        if path.is_empty() || path.starts_with('/') || path.split('/').any(|s| s == "..") {
            return None;
        }
        output.insert(path, r.field()?);
    }
    r.0.is_empty().then_some((output, record))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Output, Map<String, Value>) {
        let mut output = Output::default();
        output.insert("index.html", "<!doctype html>");
        output.insert("img/a.png", vec![0u8, 159, 146, 150]);
        let mut record = Map::new();
        record.insert("status".into(), Value::from("converted"));
        (output, record)
    }

    #[test]
    fn an_entry_reads_back_as_it_was_written() {
        let (output, record) = sample();
        let (o, r) = decode(&encode(&output, &record)).expect("decodes");
        assert_eq!(o, output);
        assert_eq!(r, record);
    }

    #[test]
    fn a_cut_or_altered_entry_is_a_miss() {
        let (output, record) = sample();
        let bytes = encode(&output, &record);
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_none(), "cut at {end}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
        let mut escaping = Output::default();
        escaping.insert("../x", "y");
        assert!(
            decode(&encode(&escaping, &record)).is_none(),
            "a path out of the folder"
        );
    }

    #[test]
    fn the_key_follows_paths_bytes_and_options() {
        let dir = std::env::temp_dir().join(format!("miniport-cache-test-{}", std::process::id()));
        let cache = Cache::open(&dir, &Options::default()).expect("open");
        let mut a = FileSet::new();
        a.insert("app.json", "{}");
        let mut b = FileSet::new();
        b.insert("app.json", "{ }");
        let mut c = FileSet::new();
        c.insert("app2.json", "{}");
        let keys = [&a, &b, &c].map(|f| cache.key(f, &[]));
        assert_eq!(keys[0], cache.key(&a, &[]));
        assert_ne!(keys[0], keys[1]);
        assert_ne!(keys[0], keys[2]);
        let minified = Cache::open(
            &dir,
            &Options {
                minify: true,
                ..Options::default()
            },
        )
        .expect("open");
        assert_ne!(keys[0], minified.key(&a, &[]));
        let _ = fs::remove_dir_all(&dir);
    }
}
