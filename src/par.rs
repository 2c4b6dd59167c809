//! Sharing independent pieces of work between the machine's two cores.
//!
//! Used where a step is a list of independent jobs (parsing the input files, writing and
//! deflating the PDF's streams). Results come back in the order of the jobs, so output never
//! depends on which thread finished first.

use std::sync::Mutex;

/// `f` of every item, in order, on two threads (the caller's and one more) when `two` is set
/// and there are at least two items. Both threads take the next item from one queue, so
/// neither waits while work is left: put the largest items first.
pub fn map<T, R, F>(items: Vec<T>, two: bool, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    if !two || items.len() < 2 {
        return items.into_iter().map(f).collect();
    }
    let n = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let work = || {
        let mut done = Vec::new();
        loop {
            // The lock is held only to take the next item; a poisoned queue means the other
            // thread panicked, which is passed on below.
            let next = queue.lock().map(|mut q| q.next()).unwrap_or(None);
            let Some((i, item)) = next else { break };
            done.push((i, f(item)));
        }
        done
    };
    let (mut done, other) = std::thread::scope(|scope| {
        let other = scope.spawn(work);
        (work(), other.join())
    });
    done.extend(other.unwrap_or_else(|e| std::panic::resume_unwind(e)));
    done.sort_unstable_by_key(|(i, _)| *i);
    debug_assert_eq!(done.len(), n);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..200).collect();
        for two in [false, true] {
            let out = super::map(items.clone(), two, |i| {
                // Uneven work, so the threads finish out of order.
                (0..(i % 7) * 1000).fold(i, |a, b| a.wrapping_add(b % 3))
            });
            let expected: Vec<u64> = items
                .iter()
                .map(|&i| (0..(i % 7) * 1000).fold(i, |a, b| a.wrapping_add(b % 3)))
                .collect();
            assert_eq!(out, expected);
        }
    }
}
