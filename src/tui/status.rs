//! How long the status line's message stays: information goes after [`SHOWN_FOR`] and the key hints
//! return; an error stays until the next key, so it is not missed.

use std::time::{Duration, Instant};

use super::app::App;

/// How long an information message stays.
pub const SHOWN_FOR: Duration = Duration::from_secs(4);

/// Where the workstation reads the time that messages expire by: the system's monotonic clock, or a
/// clock a test moves by hand (so expiry is tested without sleeping).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiClock {
    System,
    Manual(Instant),
}

impl UiClock {
    pub fn now(&self) -> Instant {
        match self {
            UiClock::System => Instant::now(),
            UiClock::Manual(at) => *at,
        }
    }

    /// Moves a manual clock on; the system clock moves by itself.
    pub fn advance(&mut self, by: Duration) {
        if let UiClock::Manual(at) = self {
            *at += by;
        }
    }
}

/// Clears an information message shown for [`SHOWN_FOR`] or longer. Called on every tick and key.
pub fn expire(app: &mut App) {
    let now = app.clock.now();
    if app.message.as_ref().is_some_and(|m| !m.error && now.saturating_duration_since(m.at) >= SHOWN_FOR) {
        app.message = None;
    }
}

/// Before a key is handled: an error has now been seen and goes; so does an expired message.
pub fn on_key(app: &mut App) {
    if app.message.as_ref().is_some_and(|m| m.error) {
        app.message = None;
    }
    expire(app);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = Instant::now();
        let mut clock = UiClock::Manual(start);
        assert_eq!(clock.now(), start);
        clock.advance(SHOWN_FOR);
        assert_eq!(clock.now(), start + SHOWN_FOR);
        let mut system = UiClock::System;
        system.advance(Duration::from_secs(60));
        assert!(system.now() < Instant::now() + Duration::from_secs(30), "the system clock is never moved");
    }
}
