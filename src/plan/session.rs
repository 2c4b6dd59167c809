//! A session's shape: what fits the time budget, and the order the exercises are done in.

use super::types::Item;

/// Fit a session to the time budget: take items by priority (1 first, then program order),
/// keeping each one that still fits, so the session uses the time it is given; the first
/// item is always kept. Aerobic work (walking, cycling, walk-runs) counts as priority 1: it
/// is the warm-up the strength work needs, and for knee osteoarthritis a core part of the
/// care. Returns (kept in program order, left-out names).
pub(super) fn fit(items: Vec<(u8, Item)>, budget: Option<u32>) -> (Vec<Item>, Vec<String>) {
    let Some(budget) = budget else {
        return (items.into_iter().map(|(_, i)| i).collect(), Vec::new());
    };
    let priority = |(p, it): &(u8, Item)| {
        if it.category == crate::model::Category::Cardio {
            1
        } else {
            *p
        }
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (priority(&items[i]), i));
    let mut keep = vec![false; items.len()];
    let mut total = 0.0;
    for (n, &i) in order.iter().enumerate() {
        let m = items[i].1.minutes;
        if n == 0 || total + m <= budget as f64 {
            keep[i] = true;
            total += m;
        }
    }
    let mut kept = Vec::new();
    let mut left = Vec::new();
    for (i, (_, it)) in items.into_iter().enumerate() {
        if keep[i] {
            kept.push(it);
        } else {
            left.push(it.name);
        }
    }
    (kept, left)
}

/// The order of a session: the warm-up (aerobic work) first, then the strength work grouped by
/// position (standing, sitting, lying...: the positions in the order the program first uses
/// them, so the patient does not get up and down), then the stretches (flexibility work) last.
/// Program order is kept within a group.
pub(super) fn session_order(items: &mut [Item]) {
    use crate::model::Category;
    let part = |it: &Item| match it.category {
        Category::Cardio => 0,
        Category::Flexibility => 2,
        _ => 1,
    };
    let mut positions: Vec<(u8, crate::model::Position)> = Vec::new();
    for it in items.iter() {
        if !positions.contains(&(part(it), it.position)) {
            positions.push((part(it), it.position));
        }
    }
    let group = |it: &Item| {
        let p = part(it);
        (
            p,
            positions
                .iter()
                .position(|g| *g == (p, it.position))
                .unwrap_or(0),
        )
    };
    items.sort_by_key(group); // stable: program order within a group
}
