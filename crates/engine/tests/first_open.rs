//! Its own test binary, so that the threads below are the first in the process to touch
//! SQLCipher: they race through its one-time set-up, as the app's first windows and the
//! test runner's first tests do.

use std::sync::{Arc, Barrier};

use mingjing_engine::{Case, Passphrase};

#[test]
fn the_first_cases_of_a_process_can_be_created_from_many_threads_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let threads = 16;
    let start = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|i| {
            let path = dir.path().join(format!("case{i}.mjcase"));
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                start.wait();
                let clock = Box::new(|| "2026-01-01T09:00:00+08:00".to_string());
                Case::create(&path, &Passphrase::new("first open"), "tester", clock)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
        })
        .collect();
    for (i, handle) in handles.into_iter().enumerate() {
        let outcome = handle.join().expect("thread did not panic");
        assert_eq!(outcome, Ok(()), "case {i}");
    }
}
