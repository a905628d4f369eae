//! `--shard I/N`: which apps of the catalog this process converts. An app belongs to shard
//! `fnv1a64(name) mod N`, so its shard depends on its name alone, not on its position or on
//! the other apps: adding an app to the catalog moves no other app.
//!
//! Without `--shard`, the shard comes from the environment of a job scheduler:
//! `JOB_COMPLETION_INDEX` (set by a Kubernetes Indexed Job) or `MINIPORT_SHARD_INDEX` for `I`,
//! and `MINIPORT_SHARD_COUNT` for `N` (both are needed; with neither, the whole catalog).

/// One shard of `count`, numbered from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

/// The environment variables read for the shard when `--shard` is not given.
pub const INDEX_VARS: &[&str] = &["JOB_COMPLETION_INDEX", "MINIPORT_SHARD_INDEX"];
pub const COUNT_VAR: &str = "MINIPORT_SHARD_COUNT";

impl Shard {
    /// Parses `I/N` with `0 <= I < N`.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let (i, n) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not `I/N`"))?;
        Shard::new(i.trim(), n.trim())
    }

    fn new(index: &str, count: &str) -> Result<Shard, String> {
        let index: u32 = index
            .parse()
            .map_err(|_| format!("the shard index `{index}` is not a number"))?;
        let count: u32 = count
            .parse()
            .map_err(|_| format!("the shard count `{count}` is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!(
                "shard {index} of {count}: the index must be at least 0 and below the count"
            ));
        }
        Ok(Shard { index, count })
    }

    /// The shard named by `--shard`, else by the environment (`get` reads a variable), else
    /// `None`: the whole catalog.
    pub fn select(
        flag: Option<&str>,
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Shard>, String> {
        if let Some(flag) = flag {
            return Shard::parse(flag).map(Some);
        }
        let index = INDEX_VARS.iter().find_map(|v| get(v).map(|i| (*v, i)));
        match (index, get(COUNT_VAR)) {
            (None, None) => Ok(None),
            (Some((_, i)), Some(n)) => Shard::new(i.trim(), n.trim()).map(Some),
            (Some((var, _)), None) => Err(format!("`{var}` is set but `{COUNT_VAR}` is not")),
            (None, Some(_)) => Err(format!(
                "`{COUNT_VAR}` is set but neither `JOB_COMPLETION_INDEX` nor `MINIPORT_SHARD_INDEX` is"
            )),
        }
    }

    /// Whether the app named `name` is in this shard.
    pub fn holds(&self, name: &str) -> bool {
        fnv1a64(name.as_bytes()) % u64::from(self.count) == u64::from(self.index)
    }
}

/// The 64-bit FNV-1a hash: fixed by its definition, the same on every machine and version.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_its_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn every_app_is_in_exactly_one_shard() {
        let names: Vec<String> = (0..200).map(|i| format!("app-{i}")).collect();
        for count in 1..=5 {
            for name in &names {
                let holders = (0..count)
                    .filter(|&index| Shard { index, count }.holds(name))
                    .count();
                assert_eq!(holders, 1, "{name} in {holders} of {count} shards");
            }
        }
        let first = names
            .iter()
            .filter(|n| Shard { index: 0, count: 4 }.holds(n))
            .count();
        assert!(
            (30..=70).contains(&first),
            "shard 0 of 4 holds {first} of 200"
        );
    }

    #[test]
    fn the_shard_comes_from_the_flag_then_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Shard::select(Some("1/3"), env(&[])),
            Ok(Some(Shard { index: 1, count: 3 }))
        );
        assert_eq!(
            Shard::select(
                None,
                env(&[("JOB_COMPLETION_INDEX", "2"), ("MINIPORT_SHARD_COUNT", "4")])
            ),
            Ok(Some(Shard { index: 2, count: 4 }))
        );
        assert_eq!(Shard::select(None, env(&[])), Ok(None));
        assert!(Shard::select(None, env(&[("JOB_COMPLETION_INDEX", "2")])).is_err());
        assert!(Shard::select(Some("3/3"), env(&[])).is_err());
        assert!(Shard::select(Some("x/3"), env(&[])).is_err());
        assert!(Shard::select(Some("0/0"), env(&[])).is_err());
    }
}
