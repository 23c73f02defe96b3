//! atoll's capability layer. Holds the grants given on the command line and (as the sandbox
//! lands) the cap-std handles every file, socket, env and process operation goes through.
//! No JS engine types live here.

pub mod fs;
pub mod grants;
pub mod net;
pub mod wasm_host;

pub use fs::{Access, CapFs, DirEntryInfo, FileKind, FsError, OpenFlags, Stat};
pub use grants::{EnvGrant, Grants};
