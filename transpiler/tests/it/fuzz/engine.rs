//! The mutation engine every fuzz target shares: a seeded xorshift generator, mutations
//! steered by each language's tokens, and the driver that runs a target over a bounded number
//! of inputs (CI) or for `MINIPORT_FUZZ_SECONDS` (long mode) and prints the seed, the case and
//! the input of a failure.

use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// xorshift64*: the same mutations on every machine.
pub struct Rng(pub u64);

impl Rng {
    /// The generator of case `case` of a run seeded with `seed` (splitmix64 of both, so every
    /// case can be replayed alone).
    pub fn for_case(seed: u64, case: u64) -> Rng {
        let mut z = seed ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True once in `n` times.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The byte index of a character boundary at or before `i`.
pub fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Tokens that matter to every language: quotes, brackets, separators, escapes, multi-byte
/// characters, a byte-order mark and a NUL.
pub const COMMON_TOKENS: &[&str] = &[
    "\"", "'", "`", "(", ")", "[", "]", "{", "}", "<", ">", "=", ";", ":", ",", ".", "/", "\\",
    " ", "\n", "\r\n", "\t", "中", "😀", "\u{feff}", "\u{0}", "\u{2028}", "..", "../", "/*", "*/",
    "//",
];

/// 1 to 4 edits of `input`: deletions, token insertions and replacements, copies of a piece
/// elsewhere, truncation, and a short piece repeated up to 300 times (deep nesting, long runs).
pub fn mutate(rng: &mut Rng, input: &str, tokens: &[&str]) -> String {
    let mut s = input.to_string();
    for _ in 0..1 + rng.below(4) {
        let a = boundary(&s, rng.below(s.len() + 1));
        let b = boundary(&s, a + rng.below(64)).max(a);
        match rng.below(6) {
            0 => s.replace_range(a..b, ""),
            1 => {
                let t = token(rng, tokens);
                s.insert_str(a, t);
            }
            2 => {
                let copy = s[a..b].to_string();
                let at = boundary(&s, rng.below(s.len() + 1));
                s.insert_str(at, &copy);
            }
            3 => s.truncate(a),
            4 => {
                let t = token(rng, tokens);
                s.replace_range(a..b, t);
            }
            _ => {
                let piece = s[a..boundary(&s, a + 8)].to_string();
                s.insert_str(a, &piece.repeat(1 + rng.below(300)));
            }
        }
    }
    s
}

/// A token of the language (three times in four) or of [`COMMON_TOKENS`].
fn token<'t>(rng: &mut Rng, tokens: &[&'t str]) -> &'t str {
    if rng.one_in(4) || tokens.is_empty() {
        COMMON_TOKENS[rng.below(COMMON_TOKENS.len())]
    } else {
        tokens[rng.below(tokens.len())]
    }
}

/// 1 to 3 of `snippets` (well-formed pieces of the language) inserted at line starts: inputs
/// that still parse, so the phases after the parser run too.
pub fn splice(rng: &mut Rng, input: &str, snippets: &[&str]) -> String {
    let mut s = input.to_string();
    for _ in 0..1 + rng.below(3) {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(s.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let at = starts[rng.below(starts.len())];
        s.insert_str(at, &format!("{}\n", snippets[rng.below(snippets.len())]));
    }
    s
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    match value.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => value.parse().ok(),
    }
}

/// The slowest one input may be before the run fails as a hang (debug builds are slow, and
/// the machine may be shared; a real hang is unbounded).
const SLOW: Duration = Duration::from_secs(30);

/// Runs the fuzz target `name`: `make` builds case `i`'s input from its own generator and
/// `check` asserts what must hold of it (a panic is a failure).
///
/// - By default `cases` inputs from the target's fixed seed: the short, reproducible CI run.
/// - `MINIPORT_FUZZ_SECONDS=N`: as many cases as fit in N seconds (long mode).
/// - `MINIPORT_FUZZ_SEED`, `MINIPORT_FUZZ_CASES`: another seed, another number of cases.
/// - `MINIPORT_FUZZ_CASE=i`: only case `i` (what a failure prints, to replay it).
///
/// A failure panics with the seed, the case, the replay command and the input (its `Debug`
/// form, cut at 4,000 characters; the whole of it is written to a file in the temp folder).
pub fn run<I: Debug>(
    name: &str,
    cases: u64,
    mut make: impl FnMut(&mut Rng) -> I,
    check: impl Fn(&I),
) {
    let default_seed = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let seed = env_number("MINIPORT_FUZZ_SEED").unwrap_or(default_seed);
    let seconds = env_number("MINIPORT_FUZZ_SECONDS");
    let only = env_number("MINIPORT_FUZZ_CASE");
    let cases = env_number("MINIPORT_FUZZ_CASES").unwrap_or(cases);
    let start = Instant::now();
    let deadline = seconds.map(|s| start + Duration::from_secs(s));
    let (mut done, mut slowest) = (0u64, (Duration::ZERO, 0u64));
    let mut case = only.unwrap_or(0);
    loop {
        let more = match (only, deadline) {
            (Some(i), _) => case == i,
            (None, Some(deadline)) => Instant::now() < deadline,
            (None, None) => case < cases,
        };
        if !more {
            break;
        }
        let input = make(&mut Rng::for_case(seed, case));
        let began = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| check(&input)));
        let took = began.elapsed();
        if outcome.is_err() || took > SLOW {
            let why = if outcome.is_err() {
                "failed (the panic is printed above)".to_string()
            } else {
                format!("took {took:?}, more than {SLOW:?}")
            };
            fail(name, seed, case, &why, &input);
        }
        if took > slowest.0 {
            slowest = (took, case);
        }
        done += 1;
        case += 1;
    }
    eprintln!(
        "fuzz {name}: seed {seed:#x}, {done} inputs in {:.1} s, slowest case {} ({:?}), no failure",
        start.elapsed().as_secs_f64(),
        slowest.1,
        slowest.0
    );
}

fn fail<I: Debug>(name: &str, seed: u64, case: u64, why: &str, input: &I) -> ! {
    let text = format!("{input:#?}");
    let saved = std::env::temp_dir().join(format!("miniport-fuzz-{name}-{seed:x}-{case}.txt"));
    let _ = std::fs::write(&saved, &text);
    let cut: String = text.chars().take(4000).collect();
    panic!(
        "fuzz {name}: case {case} of seed {seed:#x} {why}\n\
         replay: MINIPORT_FUZZ_SEED={seed:#x} MINIPORT_FUZZ_CASE={case} cargo nextest run -p miniport --test it fuzz::targets::{name}\n\
         input (whole in {}):\n{cut}",
        saved.display()
    );
}
