//! A long build's progress on the terminal, drawn with indicatif: one line
//! such as `| pages          [=======>       ] 3,120/6,257`.
//!
//! It is shown only when standard error is a terminal, `NO_COLOR` and
//! `MALBILD_TIMINGS` are not set, `TERM` is not `dumb` and `--quiet` was not
//! given, and only once the build has taken [`DELAY`]; it is cleared when the
//! build is over, so the warnings and the summary read as without it. The
//! bar draws from indicatif's atomic position, so counting a page takes no
//! lock. Every word it shows is in [`crate::words`].

use std::io::IsTerminal;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::progress::{Handle, Phase, Progress};

/// Prints what the core wants the user to know at once (see
/// [`crate::Config::notice`]), `--quiet` or not: that a build waits for
/// another, or that an output folder was put back.
pub(crate) fn notice(message: &str) {
    eprintln!("{message}");
}

/// How long a build runs before its progress is shown.
pub(crate) const DELAY: Duration = Duration::from_secs(1);

/// Sets another [`DELAY`] in milliseconds (for tests).
const DELAY_ENV: &str = "MALBILD_PROGRESS_DELAY_MS";

/// How often the line is drawn again, so the spinner shows life when no
/// count moves.
const TICK: Duration = Duration::from_millis(100);

/// The progress of one build, shown on standard error after [`DELAY`]; the
/// time counts from [`on_terminal`]. [`Progress::finish`] clears it.
pub(crate) fn on_terminal(quiet: bool) -> Handle {
    let wanted = !quiet
        && std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        && std::env::var_os("MALBILD_TIMINGS").is_none()
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    if !wanted {
        return Handle::default();
    }
    let delay = std::env::var(DELAY_ENV)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DELAY, Duration::from_millis);
    let terminal = Arc::new(Terminal::new(ProgressDrawTarget::stderr()));
    if delay.is_zero() {
        // Shown at once and drawn on every change, with no ticking thread
        // that might draw only after a short build is over.
        terminal.show(false);
    } else {
        let waiting = terminal.clone();
        std::thread::spawn(move || {
            if waiting.wait(delay) {
                waiting.show(true);
            }
        });
    }
    Handle::new(terminal)
}

/// A progress bar that draws nothing until [`Terminal::show`] lets it.
struct Terminal {
    bar: ProgressBar,
    /// Where to draw, taken when the bar is shown.
    target: Mutex<State>,
    over: Condvar,
}

struct State {
    target: Option<ProgressDrawTarget>,
    over: bool,
}

impl Terminal {
    fn new(target: ProgressDrawTarget) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Terminal {
            bar,
            target: Mutex::new(State {
                target: Some(target),
                over: false,
            }),
            over: Condvar::new(),
        }
    }

    /// Waits `delay` or until the build is over; whether it still runs.
    fn wait(&self, delay: Duration) -> bool {
        let state = self.target.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = self
            .over
            .wait_timeout_while(state, delay, |s| !s.over)
            .unwrap_or_else(|e| e.into_inner());
        !state.over
    }

    /// Draws the bar from now on, unless the build is over; `tick`: again
    /// every [`TICK`] too.
    fn show(&self, tick: bool) {
        let mut state = self.target.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(target) = state.target.take().filter(|_| !state.over) {
            self.bar.set_draw_target(target);
            if tick {
                self.bar.enable_steady_tick(TICK);
            }
        }
    }
}

impl Progress for Terminal {
    fn phase(&self, phase: Phase, total: u64) {
        // The name is in the style, which draws nothing, so that the next
        // line drawn has the new name, length and position together.
        // Padded, so the bar stays in its place from one phase to the next.
        let template = format!(
            "{{spinner}} {:<13} [{{bar:30}}] {{human_pos}}/{{human_len}}",
            crate::words::w()
                .phase(phase)
                .replace('{', "{{")
                .replace('}', "}}")
        );
        if let Ok(style) = ProgressStyle::with_template(&template) {
            self.bar
                .set_style(style.tick_chars("-\\|/ ").progress_chars("=> "));
        }
        self.bar.update(|state| {
            state.set_len(total);
            state.set_pos(0);
        });
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn finish(&self) {
        let mut state = self.target.lock().unwrap_or_else(|e| e.into_inner());
        state.over = true;
        self.over.notify_all();
        self.bar.finish_and_clear();
    }
}
