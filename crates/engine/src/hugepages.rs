//! Large in-memory indexes (the graph's adjacency and transfer runs, hundreds of MB on
//! a large case) are read at random: one query touches a few dozen places far apart.
//! With the usual 4 KiB pages nearly every such read also misses the address
//! translation cache, and inside a virtual machine that miss costs a walk through two
//! sets of page tables. Asking Linux to back these buffers with 2 MiB pages removes
//! most of that cost. Elsewhere, or when the kernel declines, nothing changes.

/// Allocations smaller than this are left alone: they cannot hold one huge page.
const HUGE_PAGE: usize = 2 << 20;

/// An empty vector with room for `capacity` items whose memory the kernel is asked to
/// back with huge pages. Fill it without growing past `capacity` to keep the advice.
pub(crate) fn vec_with_capacity<T>(capacity: usize) -> Vec<T> {
    let v: Vec<T> = Vec::with_capacity(capacity);
    advise(v.as_ptr().cast(), v.capacity() * std::mem::size_of::<T>());
    v
}

#[cfg(target_os = "linux")]
fn advise(start: *const u8, len: usize) {
    if len < HUGE_PAGE {
        return;
    }
    let page = 4096;
    let addr = start as usize;
    let aligned = addr.next_multiple_of(page);
    let len = len - (aligned - addr);
    // SAFETY: `[aligned, aligned + len)` lies inside one live allocation that this
    // function's caller owns (the vector's buffer, from its first whole page to its
    // end), and MADV_HUGEPAGE only changes which physical pages back that range, never
    // its contents, its protection or its lifetime; no Rust reference or invariant can
    // observe the difference. A failure (kernel without transparent huge pages) leaves
    // the memory as it was, so the result is deliberately ignored.
    unsafe {
        libc::madvise(aligned as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_start: *const u8, _len: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advised_vectors_hold_what_is_put_in_them() {
        let mut v: Vec<u64> = vec_with_capacity(1 << 20);
        assert!(v.capacity() >= 1 << 20);
        v.extend(0..(1u64 << 20));
        assert_eq!(v.iter().sum::<u64>(), (1u64 << 20) * ((1u64 << 20) - 1) / 2);
        let small: Vec<u8> = vec_with_capacity(10);
        assert!(small.is_empty() && small.capacity() >= 10);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_kernel_is_asked_for_huge_pages() {
        // Where transparent huge pages are available to `madvise`, the filled buffer
        // shows up as huge pages; elsewhere this checks nothing but that it ran.
        let thp = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
            .unwrap_or_default();
        let mut v: Vec<u8> = vec_with_capacity(64 << 20);
        v.resize(64 << 20, 1);
        let rollup = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap_or_default();
        let huge_kb: u64 = rollup
            .lines()
            .find(|l| l.starts_with("AnonHugePages:"))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0);
        if thp.contains("[madvise]") || thp.contains("[always]") {
            assert!(huge_kb >= 2048, "no huge pages: {huge_kb} kB");
        }
        assert_eq!(v[(64 << 20) - 1], 1);
    }
}
