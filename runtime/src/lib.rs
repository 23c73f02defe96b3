//! atoll: a Node.js-compatible JavaScript runtime whose every capability goes through a sandbox.

pub mod cli;
mod engine;
pub mod ops;

pub use engine::{run, Main, Options};
