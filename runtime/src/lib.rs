//! atoll: a Node.js-compatible JavaScript runtime whose every capability goes through a sandbox.

pub mod cli;
pub mod embed;
mod engine;
pub mod ops;

pub use engine::{
    run, run_to_outcome, Main, Options, Outcome, ResultValue, TerminateHandle, Termination,
};
