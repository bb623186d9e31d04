//! Import progress on the terminal: a bar (or spinner) when stderr is a terminal,
//! plain lines every few seconds otherwise, so logs stay readable.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use mingjing_engine::{Progress, ProgressEvent};

/// Draws engine progress events for one file.
pub enum FileProgress {
    Bar(ProgressBar, &'static str),
    Lines { last: Instant, stage: &'static str },
}

impl FileProgress {
    pub fn new() -> FileProgress {
        if std::io::stderr().is_terminal() {
            FileProgress::Bar(ProgressBar::hidden(), "")
        } else {
            FileProgress::Lines {
                last: Instant::now(),
                stage: "",
            }
        }
    }

    pub fn finish(&self) {
        if let FileProgress::Bar(bar, _) = self {
            bar.finish_and_clear();
        }
    }
}

fn stage_label(stage: &str) -> &'static str {
    match stage {
        "hash" => "校验 / hashing",
        "store-file" => "保存原件 / storing file",
        "read" => "读取 / reading rows",
        _ => "处理 / working",
    }
}

impl Progress for FileProgress {
    fn report(&mut self, event: ProgressEvent<'_>) {
        match self {
            FileProgress::Bar(bar, stage) => {
                if *stage != event.stage {
                    *stage = event.stage;
                    bar.finish_and_clear();
                    *bar = new_bar(event.total);
                    bar.set_message(format!("{} {}", stage_label(event.stage), event.subject));
                }
                bar.set_position(event.done);
            }
            FileProgress::Lines { last, stage } => {
                let changed = *stage != event.stage;
                if changed || last.elapsed() >= Duration::from_secs(5) {
                    *stage = event.stage;
                    *last = Instant::now();
                    match event.total {
                        Some(total) => eprintln!(
                            "{} {}: {}/{}",
                            stage_label(event.stage),
                            event.subject,
                            event.done,
                            total
                        ),
                        None => eprintln!(
                            "{} {}: {}",
                            stage_label(event.stage),
                            event.subject,
                            event.done
                        ),
                    }
                }
            }
        }
    }
}

fn new_bar(total: Option<u64>) -> ProgressBar {
    match total {
        Some(total) => {
            let bar = ProgressBar::new(total);
            if let Ok(style) =
                ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes}")
            {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}: {pos} 行 / rows") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        }
    }
}
