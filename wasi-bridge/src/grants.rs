//! What the command line granted. Parsed once at start-up; every capability check reads it.

use std::path::PathBuf;

/// A grant of one kind: nothing, everything, or an explicit list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope<T> {
    #[default]
    None,
    All,
    Some(Vec<T>),
}

impl<T> Scope<T> {
    /// `--allow-x` (empty value) means all; `--allow-x=a,b` adds to the list.
    pub fn add(&mut self, items: Option<Vec<T>>) {
        match items {
            None => *self = Scope::All,
            Some(new) => match self {
                Scope::All => {}
                Scope::None => *self = Scope::Some(new),
                Scope::Some(list) => list.extend(new),
            },
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Scope::All)
    }
}

/// Environment variables a script may see.
pub type EnvGrant = Scope<String>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants {
    pub read: Scope<PathBuf>,
    pub write: Scope<PathBuf>,
    pub deny_read: Vec<PathBuf>,
    pub deny_write: Vec<PathBuf>,
    /// `host` or `host:port` entries, checked by the networking layer.
    pub net: Scope<String>,
    pub env: EnvGrant,
    pub run: Scope<String>,
}

impl Grants {
    /// Everything (`-A`).
    pub fn all() -> Self {
        Grants {
            read: Scope::All,
            write: Scope::All,
            net: Scope::All,
            env: Scope::All,
            run: Scope::All,
            ..Default::default()
        }
    }

    /// May the script see environment variable `name`?
    pub fn env_allowed(&self, name: &str) -> bool {
        match &self.env {
            Scope::None => false,
            Scope::All => true,
            Scope::Some(names) => names.iter().any(|n| n == name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_flag_grants_everything_and_lists_accumulate() {
        let mut s: Scope<String> = Scope::None;
        s.add(Some(vec!["A".into()]));
        s.add(Some(vec!["B".into()]));
        assert_eq!(s, Scope::Some(vec!["A".into(), "B".into()]));
        s.add(None);
        assert!(s.is_all());
        s.add(Some(vec!["C".into()]));
        assert!(s.is_all());
    }

    #[test]
    fn env_is_denied_by_default() {
        let mut g = Grants::default();
        assert!(!g.env_allowed("HOME"));
        g.env.add(Some(vec!["HOME".into()]));
        assert!(g.env_allowed("HOME"));
        assert!(!g.env_allowed("PATH"));
        assert!(Grants::all().env_allowed("PATH"));
    }
}
