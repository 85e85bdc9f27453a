//! The IC3-ready summary.
