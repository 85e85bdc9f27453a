//! vetdesk: an offline workstation for vetting remote IT workers against the FBI, FBI/ROK and DOJ
//! advisories on North Korean IT workers. The CLI and the TUI are two fronts over this library.

// Library code reports errors; tests may unwrap.
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

pub mod bundle;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
mod error;
pub mod evidence;
pub mod export;
pub mod files;
pub mod interrupt;
pub mod report;
pub mod resume;
pub mod roster;
pub mod signing;
pub mod store;
pub mod text;
pub mod time;
pub mod tui;
pub mod workspace;

pub use error::{Error, Remedy, Result};
pub use workspace::Workspace;
