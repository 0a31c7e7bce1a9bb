//! One page of a long list, so the window never receives or draws ten
//! thousand rows at once: a list computed in full is cut here; the member
//! list asks its query for the page alone (`place` says where it lies).

use serde::Serialize;

/// Rows per page unless a screen asks for another size.
pub const DEFAULT_LIMIT: usize = 50;
/// No screen draws more than this many rows at once.
pub const MAX_LIMIT: usize = 500;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Page<T> {
    /// Rows in the whole list.
    pub total: usize,
    /// Index of the page's first row in the whole list.
    pub offset: usize,
    pub limit: usize,
    pub items: Vec<T>,
}

/// The rows from `offset`, at most `limit` of them (0 means the default).
/// An offset past the end gives the last page rather than an empty one, so
/// a list that shrank under the reader (a filter, a deletion) still shows
/// something.
pub fn page<T>(all: Vec<T>, offset: usize, limit: usize) -> Page<T> {
    let total = all.len();
    let (offset, limit) = place(total, offset, limit);
    let items = all.into_iter().skip(offset).take(limit).collect();
    Page {
        total,
        offset,
        limit,
        items,
    }
}

/// Where the page asked for lies in a list of `total` rows, as `page` cuts
/// it: (offset, limit). For lists paged by the query itself (LIMIT and
/// OFFSET), so both kinds of list page alike.
pub fn place(total: usize, offset: usize, limit: usize) -> (usize, usize) {
    let limit = match limit {
        0 => DEFAULT_LIMIT,
        n => n.min(MAX_LIMIT),
    };
    let offset = if offset >= total {
        total.saturating_sub(1) / limit * limit
    } else {
        offset / limit * limit
    };
    (offset, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_aligned_and_bounded() {
        let p = page((0..120).collect(), 50, 50);
        assert_eq!((p.total, p.offset, p.items.len()), (120, 50, 50));
        assert_eq!(p.items[0], 50);
        let last = page((0..120).collect::<Vec<_>>(), 100, 50);
        assert_eq!(last.items, (100..120).collect::<Vec<_>>());
        // Past the end: the last page. Mid-page: the page holding it.
        assert_eq!(page((0..120).collect::<Vec<_>>(), 999, 50).offset, 100);
        assert_eq!(page((0..120).collect::<Vec<_>>(), 73, 50).offset, 50);
        assert_eq!(page(Vec::<u8>::new(), 0, 50).items, Vec::<u8>::new());
        assert_eq!(
            page((0..2000).collect::<Vec<_>>(), 0, 10_000).limit,
            MAX_LIMIT
        );
        assert_eq!(page((0..10).collect::<Vec<_>>(), 0, 0).limit, DEFAULT_LIMIT);
    }
}
