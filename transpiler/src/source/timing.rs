//! `MINIPORT_TIME_PASSES=1`: how long each pass of a conversion took, printed to stderr as it
//! ends (what `rustc -Z time-passes` does). Off by default; never reads the clock when off, so
//! it costs nothing where there is no clock (WebAssembly).

use std::sync::OnceLock;
use std::time::Instant;

/// Whether the passes are timed: `MINIPORT_TIME_PASSES` set to anything but `0` or empty.
pub fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var("MINIPORT_TIME_PASSES").is_ok_and(|v| !v.is_empty() && v != "0")
    })
}

/// Runs `f`, printing `time: <ms> <name>` to stderr when timing is on.
pub fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let started = Instant::now();
    let value = f();
    eprintln!(
        "time: {:8.2} ms  {name}",
        started.elapsed().as_secs_f64() * 1000.0
    );
    value
}
