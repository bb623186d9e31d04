//! Asking the processor to start fetching memory that a search is about to read. A
//! trace on a large case reads a hundred runs scattered over tens of megabytes; loads
//! in a loop only overlap as far as the processor can look ahead, while prefetch hints
//! retire at once, so every line of a level is on its way at the same time.

/// Starts fetching the cache line that holds `item` into all cache levels. A hint: it
/// changes no value and never fails, only when the memory arrives.
#[inline]
pub(crate) fn fetch<T>(item: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let at: *const i8 = (item as *const T).cast();
        // SAFETY: `_mm_prefetch` needs the SSE feature, which every x86_64 processor
        // has (it is part of the architecture's baseline, always enabled by rustc for
        // this target). The instruction reads nothing into the program and cannot
        // fault, whatever the address; here the address is even that of a live
        // reference. So the call has no effect a Rust program could observe.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(at) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = item;
}
