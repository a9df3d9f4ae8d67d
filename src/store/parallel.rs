//! Whole-register reads on all cores.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Most threads a read uses: beyond this, the disk and the memory bus are the limit.
const MAX_THREADS: usize = 8;
/// Items a worker takes at a time: small enough to balance cached and parsed incidents.
const BATCH: usize = 16;

/// `work` applied to every item, on as many threads as there are cores; the results come
/// back in the order of `items`.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(MAX_THREADS)
        .min(items.len().div_ceil(BATCH));
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Vec<R>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let start = next.fetch_add(BATCH, Ordering::Relaxed);
                    if start >= items.len() {
                        break;
                    }
                    let end = (start + BATCH).min(items.len());
                    let results: Vec<R> = items[start..end].iter().map(&work).collect();
                    // A poisoned lock means another worker panicked; the scope re-raises
                    // that panic when it ends, so the batches are never used then.
                    done.lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push((start, results));
                }
            });
        }
    });
    // The scope above has re-raised any worker's panic, so the lock is not poisoned here.
    let mut batches = done.into_inner().unwrap_or_else(PoisonError::into_inner);
    batches.sort_by_key(|(start, _)| *start);
    batches
        .into_iter()
        .flat_map(|(_, results)| results)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = super::map(&items, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u32], |n| *n).is_empty());
    }
}
