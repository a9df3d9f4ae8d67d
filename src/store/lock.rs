//! The register lock: one change at a time, across processes. An advisory lock on
//! `.git/incident.lock` (the operating system's file lock, which it releases when the
//! process ends, even by a crash, so a lock is never left behind), taken with a bounded
//! wait; a second change waits for the first and, past the wait, fails with "busy, try
//! again" having recorded nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::domain::input::InputError;
use crate::error::{Error, Result};

const FILE: &str = ".git/incident.lock";
/// How long a change waits for another to finish: changes take milliseconds, so a wait
/// this long means another command is stuck or a person is at its prompts.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

/// Held while a change is recorded; released when dropped.
pub struct RegisterLock {
    _file: File,
}

/// The wait from `INCIDENT_LOCK_WAIT` (seconds), else [`DEFAULT_WAIT`].
pub fn configured_wait() -> Result<Duration> {
    let Ok(text) = std::env::var("INCIDENT_LOCK_WAIT") else {
        return Ok(DEFAULT_WAIT);
    };
    parse_wait(&text).map_err(|problem| Error::bad_input("INCIDENT_LOCK_WAIT", problem))
}

/// The longest wait that may be set: an hour, far beyond any change.
const MAX_WAIT_SECONDS: f64 = 3600.0;

/// A wait in seconds, from 0 to an hour.
fn parse_wait(text: &str) -> Result<Duration, InputError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|seconds| (0.0..=MAX_WAIT_SECONDS).contains(seconds))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| InputError::OutOfRange {
            text: text.to_string(),
            unit: "seconds",
            max: "3600",
        })
}

/// Takes the lock of the register at `root`, waiting up to `wait`.
pub fn acquire(root: &Path, wait: Duration) -> Result<RegisterLock> {
    let path = root.join(FILE);
    let io_error = |source| Error::Io {
        action: "open the register lock",
        path: path.clone(),
        source,
    };
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_error)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => std::thread::sleep(POLL),
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    waited: started.elapsed().as_secs_f64(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io_error(source)),
        }
    }
    // Who holds it, for a person looking at the file; the lock itself is the OS's.
    let _ = file.set_len(0);
    let _ = writeln!(file, "pid {}", std::process::id());
    Ok(RegisterLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_is_told_to_try_again() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let first = acquire(dir.path(), Duration::ZERO).unwrap();
        let second = acquire(dir.path(), Duration::from_millis(50));
        assert!(matches!(second, Err(Error::Busy { .. })));
        drop(first);
        assert!(acquire(dir.path(), Duration::ZERO).is_ok());
    }

    #[test]
    fn the_wait_is_a_number_of_seconds_up_to_an_hour() {
        assert_eq!(parse_wait(" 0.5 "), Ok(Duration::from_millis(500)));
        assert_eq!(parse_wait("3600"), Ok(Duration::from_secs(3600)));
        for bad in ["1e300", "-1", "NaN", "inf", "soon"] {
            assert!(parse_wait(bad).is_err(), "{bad}");
        }
    }
}
