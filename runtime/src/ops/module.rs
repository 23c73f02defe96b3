//! Node's module resolution (CommonJS `require` and ESM `import`), engine-free so it can be
//! unit-tested and fuzzed. Reads only what resolution needs: file existence and package.json.

use std::path::{Component, Path, PathBuf};

use serde_json::Value as Json;

use super::error::OpError;

/// Which resolver: `require()` (extension and index probing) or `import` (exact paths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Require,
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A built-in, by its canonical `node:` name.
    Builtin(String),
    File(PathBuf),
}

/// How a resolved file is to be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    CommonJs,
    Module,
    Json,
    Wasm,
}

/// Built-ins that exist as polyfills, by canonical name (`node:fs`). Supplied by the engine
/// from its embedded table so this module never lists them twice.
pub trait Builtins {
    fn has(&self, name: &str) -> bool;
}

impl<F: Fn(&str) -> bool> Builtins for F {
    fn has(&self, name: &str) -> bool {
        self(name)
    }
}

/// Built-ins that only exist with the `node:` prefix.
const PREFIX_ONLY: &[&str] = &["test", "test/reporters", "sea", "sqlite"];

pub fn resolve(
    specifier: &str,
    parent: Option<&Path>,
    mode: Mode,
    builtins: &dyn Builtins,
    fs: &dyn ModuleFs,
) -> Result<Resolved, OpError> {
    if let Some(name) = specifier.strip_prefix("node:") {
        let canonical = format!("node:{name}");
        return if builtins.has(&canonical) {
            Ok(Resolved::Builtin(canonical))
        } else {
            Err(OpError::code(
                "ERR_UNKNOWN_BUILTIN_MODULE",
                format!("No such built-in module: {specifier}"),
            ))
        };
    }
    if !PREFIX_ONLY.contains(&specifier) && builtins.has(&format!("node:{specifier}")) {
        return Ok(Resolved::Builtin(format!("node:{specifier}")));
    }
    let base_dir = parent
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("/"));
    let found = if let Some(url) = specifier.strip_prefix("file://") {
        let path = url::Url::parse(&format!("file://{url}"))
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .ok_or_else(|| OpError::code("ERR_INVALID_URL", format!("Invalid URL: {specifier}")))?;
        resolve_path(fs, &path, mode)?
    } else if is_path_like(specifier) {
        resolve_path(fs, &normalize(&base_dir.join(specifier)), mode)?
    } else if specifier.starts_with('#') {
        resolve_imports(fs, specifier, &base_dir, mode)?
    } else if specifier.contains(':') && mode == Mode::Import {
        return Err(OpError::code(
            "ERR_UNSUPPORTED_ESM_URL_SCHEME",
            format!("Only URLs with a scheme in: file and node are supported by the default ESM loader. Received protocol '{}'", &specifier[..=specifier.find(':').unwrap_or(0)]),
        ));
    } else {
        resolve_package(fs, specifier, &base_dir, mode)?
    };
    match found {
        Some(path) => Ok(Resolved::File(path)),
        None => Err(not_found(specifier, parent, mode)),
    }
}

fn not_found(specifier: &str, parent: Option<&Path>, mode: Mode) -> OpError {
    let from = parent.map(|p| p.display().to_string()).unwrap_or_default();
    match mode {
        Mode::Require => OpError::code(
            "MODULE_NOT_FOUND",
            format!("Cannot find module '{specifier}'\nRequire stack:\n- {from}"),
        ),
        Mode::Import if is_path_like(specifier) || specifier.starts_with("file:") => OpError::code(
            "ERR_MODULE_NOT_FOUND",
            format!("Cannot find module '{}' imported from {from}", specifier),
        ),
        Mode::Import => OpError::code(
            "ERR_MODULE_NOT_FOUND",
            format!("Cannot find package '{specifier}' imported from {from}"),
        ),
    }
}

fn is_path_like(s: &str) -> bool {
    s == "." || s == ".." || s.starts_with("./") || s.starts_with("../") || s.starts_with('/')
}

/// Lexical normalisation (`a/./b/../c` -> `a/c`), as Node's `path.resolve` does.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A file or a directory, as resolution sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

/// What resolution and loading may read. atoll's `OpState` implements it over the read grants
/// plus the entry script's own tree; nothing here touches the ambient filesystem.
pub trait ModuleFs {
    /// May the loader read `path` at all (before asking the OS)?
    fn allows(&self, path: &Path) -> bool;
    /// What `path` is, following symlinks; `None` if it is missing or not readable.
    fn kind(&self, path: &Path) -> Option<Kind>;
    /// The bytes of `path`; a path outside every grant is `ERR_ACCESS_DENIED`.
    fn read(&self, path: &Path) -> Result<Vec<u8>, OpError>;
}

fn is_file(fs: &dyn ModuleFs, p: &Path) -> bool {
    fs.kind(p) == Some(Kind::File)
}

fn is_dir(fs: &dyn ModuleFs, p: &Path) -> bool {
    fs.kind(p) == Some(Kind::Dir)
}

fn denied(path: &Path) -> OpError {
    OpError::AccessDenied {
        permission: "FileSystemRead",
        resource: path.to_string_lossy().into_owned(),
        flag: "--allow-read".into(),
    }
}

fn resolve_path(fs: &dyn ModuleFs, path: &Path, mode: Mode) -> Result<Option<PathBuf>, OpError> {
    // A relative or absolute specifier names its target: outside the grants it is a denial,
    // not a "not found" (which would also leak whether the file exists).
    if !fs.allows(path) {
        return Err(denied(path));
    }
    match mode {
        Mode::Import => {
            if is_file(fs, path) {
                Ok(Some(path.to_path_buf()))
            } else if is_dir(fs, path) {
                Err(OpError::code(
                    "ERR_UNSUPPORTED_DIR_IMPORT",
                    format!(
                        "Directory import '{}' is not supported resolving ES modules",
                        path.display()
                    ),
                ))
            } else {
                Ok(None)
            }
        }
        Mode::Require => Ok(load_as_file(fs, path).or_else(|| load_as_directory(fs, path))),
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn load_as_file(fs: &dyn ModuleFs, path: &Path) -> Option<PathBuf> {
    if is_file(fs, path) {
        return Some(path.to_path_buf());
    }
    [".js", ".json", ".cjs", ".mjs"]
        .iter()
        .map(|ext| with_suffix(path, ext))
        .find(|p| is_file(fs, p))
}

fn load_as_directory(fs: &dyn ModuleFs, dir: &Path) -> Option<PathBuf> {
    if let Some(pkg) = read_package_json(fs, dir) {
        if let Some(main) = pkg.get("main").and_then(Json::as_str) {
            let target = normalize(&dir.join(main));
            if let Some(found) = load_as_file(fs, &target).or_else(|| load_index(fs, &target)) {
                return Some(found);
            }
        }
    }
    load_index(fs, dir)
}

fn load_index(fs: &dyn ModuleFs, dir: &Path) -> Option<PathBuf> {
    ["index.js", "index.json", "index.cjs"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| is_file(fs, p))
}

/// `dir/package.json`, parsed; absent, unreadable or outside the grants reads as none.
pub fn read_package_json(fs: &dyn ModuleFs, dir: &Path) -> Option<Json> {
    let path = dir.join("package.json");
    if !fs.allows(&path) {
        return None;
    }
    let bytes = fs.read(&path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The nearest package.json at or above `dir`, with the directory holding it.
pub fn find_package_scope(fs: &dyn ModuleFs, dir: &Path) -> Option<(PathBuf, Json)> {
    let mut cur = Some(dir);
    while let Some(d) = cur {
        if d.file_name().is_some_and(|n| n == "node_modules") {
            return None;
        }
        if let Some(pkg) = read_package_json(fs, d) {
            return Some((d.to_path_buf(), pkg));
        }
        cur = d.parent();
    }
    None
}

fn conditions(mode: Mode) -> [&'static str; 3] {
    match mode {
        Mode::Require => ["node", "require", "default"],
        Mode::Import => ["node", "import", "default"],
    }
}

fn resolve_package(
    fs: &dyn ModuleFs,
    specifier: &str,
    base_dir: &Path,
    mode: Mode,
) -> Result<Option<PathBuf>, OpError> {
    let (name, subpath) = split_package(specifier).ok_or_else(|| {
        OpError::code(
            "ERR_INVALID_MODULE_SPECIFIER",
            format!("Invalid module \"{specifier}\" is not a valid package name"),
        )
    })?;
    // A package may import itself by name through its own "exports".
    if let Some((scope, pkg)) = find_package_scope(fs, base_dir) {
        if pkg.get("name").and_then(Json::as_str) == Some(name) {
            if let Some(exports) = pkg.get("exports") {
                return resolve_exports(&scope, exports, &subpath, mode, specifier).map(Some);
            }
        }
    }
    let mut cur = Some(base_dir);
    while let Some(dir) = cur {
        if dir.file_name().is_some_and(|n| n == "node_modules") {
            cur = dir.parent();
            continue;
        }
        let pkg_dir = dir.join("node_modules").join(name);
        if is_dir(fs, &pkg_dir) {
            let pkg = read_package_json(fs, &pkg_dir);
            if let Some(exports) = pkg.as_ref().and_then(|p| p.get("exports")) {
                return resolve_exports(&pkg_dir, exports, &subpath, mode, specifier).map(Some);
            }
            let target = if subpath == "." {
                pkg_dir.clone()
            } else {
                normalize(&pkg_dir.join(&subpath))
            };
            return Ok(match mode {
                Mode::Require => {
                    load_as_file(fs, &target).or_else(|| load_as_directory(fs, &target))
                }
                Mode::Import if subpath == "." => load_as_directory(fs, &target),
                Mode::Import => is_file(fs, &target).then_some(target),
            });
        }
        cur = dir.parent();
    }
    Ok(None)
}

/// `@scope/pkg/sub/path` -> (`@scope/pkg`, `./sub/path`).
fn split_package(spec: &str) -> Option<(&str, String)> {
    let name_end = if spec.starts_with('@') {
        let slash = spec.find('/')?;
        spec[slash + 1..]
            .find('/')
            .map_or(spec.len(), |i| slash + 1 + i)
    } else {
        spec.find('/').unwrap_or(spec.len())
    };
    let name = &spec[..name_end];
    let bad_scope = spec.starts_with('@') && name.split('/').nth(1).is_none_or(str::is_empty);
    if name.is_empty()
        || bad_scope
        || name.starts_with('.')
        || name.contains('\\')
        || name.contains('%')
    {
        return None;
    }
    let rest = &spec[name_end..];
    Some((
        name,
        if rest.is_empty() {
            ".".into()
        } else {
            format!(".{rest}")
        },
    ))
}

fn resolve_exports(
    pkg_dir: &Path,
    exports: &Json,
    subpath: &str,
    mode: Mode,
    specifier: &str,
) -> Result<PathBuf, OpError> {
    // Sugar: a string, array or condition object stands for { ".": ... }.
    let is_subpath_map = exports
        .as_object()
        .is_some_and(|o| o.keys().next().is_some_and(|k| k.starts_with('.')));
    let found = if is_subpath_map {
        match_subpath(pkg_dir, exports.as_object().unwrap(), subpath, mode)?
    } else if subpath == "." {
        resolve_target(pkg_dir, exports, None, mode)?
    } else {
        None
    };
    found.ok_or_else(|| {
        OpError::code(
            "ERR_PACKAGE_PATH_NOT_EXPORTED",
            if subpath == "." {
                format!("No \"exports\" main defined in {}", pkg_dir.join("package.json").display())
            } else {
                format!(
                    "Package subpath '{subpath}' is not defined by \"exports\" in {} (resolving '{specifier}')",
                    pkg_dir.join("package.json").display()
                )
            },
        )
    })
}

fn match_subpath(
    pkg_dir: &Path,
    map: &serde_json::Map<String, Json>,
    subpath: &str,
    mode: Mode,
) -> Result<Option<PathBuf>, OpError> {
    if let Some(target) = map.get(subpath) {
        if !subpath.contains('*') {
            return resolve_target(pkg_dir, target, None, mode);
        }
    }
    // Longest matching "prefix*suffix" pattern wins.
    let mut best: Option<(&str, &Json, String)> = None;
    for (key, target) in map {
        if let Some(star) = key.find('*') {
            let (prefix, suffix) = (&key[..star], &key[star + 1..]);
            if subpath.len() >= key.len() - 1
                && subpath.starts_with(prefix)
                && subpath.ends_with(suffix)
                && subpath != prefix
            {
                let captured = subpath[prefix.len()..subpath.len() - suffix.len()].to_string();
                if best.as_ref().is_none_or(|(k, _, _)| key.len() > k.len()) {
                    best = Some((key, target, captured));
                }
            }
        }
    }
    match best {
        Some((_, target, captured)) => resolve_target(pkg_dir, target, Some(&captured), mode),
        None => Ok(None),
    }
}

fn resolve_target(
    pkg_dir: &Path,
    target: &Json,
    pattern: Option<&str>,
    mode: Mode,
) -> Result<Option<PathBuf>, OpError> {
    match target {
        Json::String(t) => {
            if !t.starts_with("./") {
                return Err(OpError::code(
                    "ERR_INVALID_PACKAGE_TARGET",
                    format!(
                        "Invalid \"exports\" target \"{t}\" in {}",
                        pkg_dir.join("package.json").display()
                    ),
                ));
            }
            let t = match pattern {
                Some(p) => t.replace('*', p),
                None => t.clone(),
            };
            let resolved = normalize(&pkg_dir.join(&t));
            if !resolved.starts_with(pkg_dir)
                || t.split('/').any(|seg| seg == ".." || seg == "node_modules")
            {
                return Err(OpError::code(
                    "ERR_INVALID_PACKAGE_TARGET",
                    format!(
                        "Invalid \"exports\" target \"{t}\" in {}",
                        pkg_dir.join("package.json").display()
                    ),
                ));
            }
            Ok(Some(resolved))
        }
        Json::Array(items) => {
            for item in items {
                if let Ok(Some(found)) = resolve_target(pkg_dir, item, pattern, mode) {
                    return Ok(Some(found));
                }
            }
            Ok(None)
        }
        Json::Object(conds) => {
            let wanted = conditions(mode);
            for (cond, value) in conds {
                if wanted.contains(&cond.as_str()) {
                    if let Some(found) = resolve_target(pkg_dir, value, pattern, mode)? {
                        return Ok(Some(found));
                    }
                }
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

fn resolve_imports(
    fs: &dyn ModuleFs,
    specifier: &str,
    base_dir: &Path,
    mode: Mode,
) -> Result<Option<PathBuf>, OpError> {
    let not_defined = || {
        OpError::code(
            "ERR_PACKAGE_IMPORT_NOT_DEFINED",
            format!("Package import specifier \"{specifier}\" is not defined"),
        )
    };
    let (scope, pkg) = find_package_scope(fs, base_dir).ok_or_else(not_defined)?;
    let imports = pkg
        .get("imports")
        .and_then(Json::as_object)
        .ok_or_else(not_defined)?;
    // "imports" targets may also name packages; those resolve like bare specifiers.
    let found = match imports.get(specifier) {
        Some(Json::String(t)) if !t.starts_with("./") => {
            return resolve_package(fs, t, &scope, mode)
        }
        Some(target) => resolve_target(&scope, target, None, mode)?,
        None => match_subpath(&scope, imports, specifier, mode)?,
    };
    found.map(Some).ok_or_else(not_defined)
}

/// A module file's source as UTF-8 (BOM stripped), read through the read grants or the entry
/// script's tree (`ModuleFs`).
pub fn read_source(fs: &dyn ModuleFs, path: &str) -> Result<String, OpError> {
    let bytes = fs.read(Path::new(path))?;
    let mut text = String::from_utf8(bytes).map_err(|_| {
        OpError::code(
            "ERR_INVALID_SOURCE_ENCODING",
            format!("{path} is not valid UTF-8"),
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// How Node would evaluate `path`: by extension, then the nearest package.json "type".
pub fn format_of(fs: &dyn ModuleFs, path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("mjs") => Format::Module,
        Some("cjs") => Format::CommonJs,
        Some("json") => Format::Json,
        Some("wasm") => Format::Wasm,
        _ => {
            let dir = path.parent().unwrap_or(Path::new("/"));
            match find_package_scope(fs, dir) {
                Some((_, pkg)) if pkg.get("type").and_then(Json::as_str) == Some("module") => {
                    Format::Module
                }
                _ => Format::CommonJs,
            }
        }
    }
}

/// Line `line` (1-based) of a module file, for printing where an uncaught error was thrown;
/// only files the loader may read.
pub fn source_line(fs: &dyn ModuleFs, path: &str, line: usize) -> Option<String> {
    let p = Path::new(path);
    if !p.is_absolute() || !fs.allows(p) {
        return None;
    }
    let text = String::from_utf8(fs.read(p).ok()?).ok()?;
    text.lines().nth(line.checked_sub(1)?).map(str::to_owned)
}

impl super::OpState {
    /// The capability that may read `path` for the module loader: the read grants first, then
    /// the entry script's tree.
    fn module_cap(&self, path: &Path) -> Option<&wasi_bridge::fs::CapFs> {
        use wasi_bridge::fs::Access;
        if self.fs.allows(path, Access::Read) {
            return Some(&self.fs);
        }
        self.modules
            .as_deref()
            .filter(|m| m.allows(path, Access::Read))
    }
}

impl ModuleFs for super::OpState {
    fn allows(&self, path: &Path) -> bool {
        self.module_cap(path).is_some()
    }

    fn kind(&self, path: &Path) -> Option<Kind> {
        let st = self.module_cap(path)?.stat(path, true).ok()?;
        match st.mode & libc::S_IFMT {
            libc::S_IFREG => Some(Kind::File),
            libc::S_IFDIR => Some(Kind::Dir),
            _ => None,
        }
    }

    fn read(&self, path: &Path) -> Result<Vec<u8>, OpError> {
        let shown = path.to_string_lossy();
        match self.module_cap(path) {
            Some(cap) => cap
                .read(path)
                .map_err(|e| super::fs::fs_error(e, "open", &shown)),
            None => Err(denied(path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A filesystem with nothing in it (resolution tests that never touch files).
    struct NoFs;

    impl ModuleFs for NoFs {
        fn allows(&self, _: &Path) -> bool {
            false
        }
        fn kind(&self, _: &Path) -> Option<Kind> {
            None
        }
        fn read(&self, path: &Path) -> Result<Vec<u8>, OpError> {
            Err(denied(path))
        }
    }

    #[test]
    fn splits_scoped_and_plain_package_names() {
        assert_eq!(split_package("lodash"), Some(("lodash", ".".to_string())));
        assert_eq!(
            split_package("lodash/fp/map"),
            Some(("lodash", "./fp/map".to_string()))
        );
        assert_eq!(split_package("@a/b"), Some(("@a/b", ".".to_string())));
        assert_eq!(split_package("@a/b/c"), Some(("@a/b", "./c".to_string())));
        assert_eq!(split_package("@a"), None);
        assert_eq!(split_package(".hidden"), None);
    }

    #[test]
    fn normalizes_dot_segments() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("/../..")), PathBuf::from("/"));
    }

    #[test]
    fn builtins_resolve_with_and_without_prefix() {
        let has = |n: &str| n == "node:fs" || n == "node:test";
        assert_eq!(
            resolve("fs", None, Mode::Require, &has, &NoFs).unwrap(),
            Resolved::Builtin("node:fs".into())
        );
        assert_eq!(
            resolve("node:fs", None, Mode::Import, &has, &NoFs).unwrap(),
            Resolved::Builtin("node:fs".into())
        );
        let err = resolve("node:nope", None, Mode::Import, &has, &NoFs).unwrap_err();
        assert!(
            matches!(err, OpError::Code { ref code, .. } if code == "ERR_UNKNOWN_BUILTIN_MODULE")
        );
    }

    #[test]
    fn exports_conditions_patterns_and_encapsulation() {
        let exports: Json = serde_json::json!({
            ".": { "import": "./esm/index.mjs", "require": "./cjs/index.js" },
            "./feature/*": "./lib/features/*.js",
            "./private/*": null
        });
        let dir = Path::new("/pkg");
        let map = exports.as_object().unwrap();
        assert_eq!(
            match_subpath(dir, map, ".", Mode::Import).unwrap(),
            Some(PathBuf::from("/pkg/esm/index.mjs"))
        );
        assert_eq!(
            match_subpath(dir, map, ".", Mode::Require).unwrap(),
            Some(PathBuf::from("/pkg/cjs/index.js"))
        );
        assert_eq!(
            match_subpath(dir, map, "./feature/x", Mode::Require).unwrap(),
            Some(PathBuf::from("/pkg/lib/features/x.js"))
        );
        assert_eq!(
            match_subpath(dir, map, "./private/x", Mode::Require).unwrap(),
            None
        );
        let escape = serde_json::json!({ ".": "./../../etc/passwd" });
        assert!(match_subpath(dir, escape.as_object().unwrap(), ".", Mode::Require).is_err());
    }
}
