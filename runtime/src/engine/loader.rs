//! Module resolution and loading for QuickJS: built-ins from the embedded bytecode table, user
//! ESM from files, CommonJS and JSON through generated ESM facades.

use std::path::{Path, PathBuf};

use rquickjs::{
    loader::{ImportAttributes, Loader, Resolver},
    module::{Declarations, Exports, ModuleDef},
    Ctx, Function, Module, Object, Result, Value,
};

use super::{bind, convert, state};
use crate::ops::module::{self as resolve, Format, Mode, Resolved};

include!(concat!(env!("OUT_DIR"), "/polyfills.rs"));

/// Embedded bytecode of built-in `name`, or its source when `ATOLL_POLYFILLS_DIR` points at a
/// polyfills checkout (a developer aid: edit JS without rebuilding Rust).
enum Builtin {
    Bytecode(&'static [u8]),
    Source(String),
}

#[allow(clippy::disallowed_methods)] // ATOLL_POLYFILLS_DIR is the developer's own checkout, set in the host environment.
fn builtin(name: &str) -> Option<Builtin> {
    if let Some(dir) = std::env::var_os("ATOLL_POLYFILLS_DIR") {
        let file = Path::new(&dir).join(name_to_path(name)?);
        if let Ok(src) = std::fs::read_to_string(file) {
            return Some(Builtin::Source(src));
        }
    }
    POLYFILLS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| Builtin::Bytecode(POLYFILLS[i].1))
}

#[allow(clippy::disallowed_methods)] // ATOLL_POLYFILLS_DIR is the developer's own checkout, set in the host environment.
pub(crate) fn builtin_exists(name: &str) -> bool {
    POLYFILLS.binary_search_by(|(n, _)| (*n).cmp(name)).is_ok()
        || std::env::var_os("ATOLL_POLYFILLS_DIR").is_some_and(|dir| {
            name_to_path(name).is_some_and(|p| Path::new(&dir).join(p).is_file())
        })
}

/// Names of the public built-ins (`fs`, `fs/promises`, ...), for `module.builtinModules`.
pub(crate) fn public_builtins() -> impl Iterator<Item = &'static str> {
    POLYFILLS
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("node:"))
}

/// `node:fs` <-> `node/fs.js`; `atoll:internal/x` <-> `internal/x.js`.
fn name_to_path(name: &str) -> Option<String> {
    if let Some(rest) = name.strip_prefix("node:") {
        Some(format!("node/{rest}.js"))
    } else {
        name.strip_prefix("atoll:").map(|rest| format!("{rest}.js"))
    }
}

fn path_to_name(path: &str) -> Option<String> {
    let stem = path.strip_suffix(".js")?;
    Some(match stem.strip_prefix("node/") {
        Some(rest) => format!("node:{rest}"),
        None => format!("atoll:{stem}"),
    })
}

fn is_builtin_name(name: &str) -> bool {
    name.starts_with("node:") || name.starts_with("atoll:")
}

pub struct AtollResolver;

impl Resolver for AtollResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attrs: Option<ImportAttributes<'js>>,
    ) -> Result<String> {
        let trusted = is_builtin_name(base) || state(ctx).facades.borrow().contains(base);
        if trusted && name == "atoll:ops" {
            return Ok(ops_module_name(base));
        }
        if name.starts_with("atoll:") {
            return if trusted && builtin_exists(name) {
                Ok(name.to_owned())
            } else {
                Err(throw_code(
                    ctx,
                    "ERR_UNKNOWN_BUILTIN_MODULE",
                    &format!("No such built-in module: {name}"),
                ))
            };
        }
        if is_builtin_name(base) && (name.starts_with("./") || name.starts_with("../")) {
            let dir = name_to_path(base)
                .and_then(|p| Path::new(&p).parent().map(Path::to_path_buf))
                .unwrap_or_default();
            let joined = resolve::normalize(&Path::new("/").join(dir).join(name));
            let rel = joined.to_string_lossy().trim_start_matches('/').to_string();
            return path_to_name(&rel)
                .filter(|n| builtin_exists(n) || builtin(n).is_some())
                .ok_or_else(|| {
                    throw_code(
                        ctx,
                        "ERR_MODULE_NOT_FOUND",
                        &format!("Cannot find built-in '{name}' imported from {base}"),
                    )
                });
        }
        let parent = if is_builtin_name(base) || base.is_empty() {
            None
        } else {
            Some(PathBuf::from(base))
        };
        let parent = parent.or_else(|| Some(state(ctx).op.cwd.borrow().join("[eval]")));
        let st = state(ctx);
        match resolve::resolve(
            name,
            parent.as_deref(),
            Mode::Import,
            &builtin_exists,
            &st.op,
        ) {
            Ok(Resolved::Builtin(n)) => Ok(n),
            Ok(Resolved::File(p)) => Ok(p.to_string_lossy().into_owned()),
            Err(e) => Err(convert::throw_op_error(ctx, e)),
        }
    }
}

fn throw_code(ctx: &Ctx<'_>, code: &str, message: &str) -> rquickjs::Error {
    convert::throw_op_error(ctx, crate::ops::OpError::code(code, message))
}

pub struct AtollLoader;

impl Loader for AtollLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _attrs: Option<ImportAttributes<'js>>,
    ) -> Result<Module<'js>> {
        if name == "atoll:ops" || name.starts_with(OPS_PREFIX) {
            return Module::declare_def::<OpsModule, _>(ctx.clone(), name);
        }
        if is_builtin_name(name) {
            return match builtin(name) {
                // SAFETY: the table was written by build.rs with this same QuickJS build.
                Some(Builtin::Bytecode(bytes)) => unsafe { Module::load(ctx.clone(), bytes) },
                Some(Builtin::Source(src)) => Module::declare(ctx.clone(), name, src),
                None => Err(throw_code(
                    ctx,
                    "ERR_UNKNOWN_BUILTIN_MODULE",
                    &format!("No such built-in module: {name}"),
                )),
            };
        }
        let path = PathBuf::from(name);
        match resolve::format_of(&state(ctx).op, &path) {
            Format::Module => {
                let source = bind::read_module_source(ctx, name)?;
                let module = Module::declare(ctx.clone(), name, source)?;
                set_import_meta(ctx, &module, name)?;
                Ok(module)
            }
            Format::Json => {
                let source = bind::read_module_source(ctx, name)?;
                let value = ctx.json_parse(source.clone()).map_err(|_| {
                    let message = ctx.catch().as_exception().and_then(|e| e.message()).unwrap_or_default();
                    throw_code(ctx, "ERR_INVALID_JSON", &format!("{name}: {message}"))
                })?;
                let _ = value;
                Module::declare(ctx.clone(), name, format!("export default JSON.parse({});", serde_json::to_string(&source).unwrap_or_default()))
            }
            Format::CommonJs => cjs_facade(ctx, name),
            Format::Wasm => Err(throw_code(
                ctx,
                "ERR_NOT_IMPLEMENTED",
                "importing .wasm files as ES modules is not implemented; use WebAssembly.instantiate",
            )),
        }
    }
}

fn set_import_meta<'js>(ctx: &Ctx<'js>, module: &Module<'js>, path: &str) -> Result<()> {
    let meta = module.meta()?;
    let url = url::Url::from_file_path(path)
        .map(|u| u.to_string())
        .unwrap_or_else(|_| format!("file://{path}"));
    meta.set("url", url)?;
    meta.set("filename", path)?;
    meta.set(
        "dirname",
        Path::new(path)
            .parent()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )?;
    let make: Function = require_cjs_bridge(ctx)?.get("makeImportMetaResolve")?;
    let resolve_fn: Value = make.call((path,))?;
    meta.set("resolve", resolve_fn)?;
    Ok(())
}

fn require_cjs_bridge<'js>(ctx: &Ctx<'js>) -> Result<Object<'js>> {
    super::require_builtin(ctx, "atoll:internal/cjs")
}

/// ESM view of a CommonJS file: the module runs now (as Node runs it before linking the
/// importer), `default` is `module.exports` and each own identifier-named key is a named export.
fn cjs_facade<'js>(ctx: &Ctx<'js>, path: &str) -> Result<Module<'js>> {
    let bridge = require_cjs_bridge(ctx)?;
    let load: Function = bridge.get("loadForImport")?;
    let keys: Vec<String> = load.call((path,))?;
    let mut src = format!("import {{ takeExports }} from 'atoll:internal/cjs';\nconst m = takeExports({});\nexport default m;\n", serde_json::to_string(path).unwrap_or_default());
    for (i, key) in keys
        .iter()
        .filter(|k| is_identifier(k) && *k != "default")
        .enumerate()
    {
        src.push_str(&format!(
            "const e{i} = m[{}];\nexport {{ e{i} as {key} }};\n",
            serde_json::to_string(key).unwrap_or_default()
        ));
    }
    state(ctx).facades.borrow_mut().insert(path.to_owned());
    Module::declare(ctx.clone(), path, src)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// Each built-in gets its own `atoll:ops` module, `atoll:ops/<importer>`, exporting just the
/// ops build.rs saw it import; the functions are made on first import (`bind::ops`).
const OPS_PREFIX: &str = "atoll:ops/";

/// The module built-in `importer` gets for `atoll:ops`: its own, or (in dev mode, where the
/// polyfill source may have changed since build.rs listed its imports, and for an importer
/// build.rs did not list) `atoll:ops` with every op.
#[allow(clippy::disallowed_methods)] // ATOLL_POLYFILLS_DIR is the developer's own checkout, set in the host environment.
fn ops_module_name(importer: &str) -> String {
    if std::env::var_os("ATOLL_POLYFILLS_DIR").is_none()
        && OP_IMPORTS
            .binary_search_by(|(n, _)| (*n).cmp(importer))
            .is_ok()
    {
        format!("{OPS_PREFIX}{importer}")
    } else {
        "atoll:ops".to_owned()
    }
}

/// The ops the `atoll:ops` module named `module` exports.
fn ops_of(module: &str) -> Vec<&'static str> {
    let listed = module.strip_prefix(OPS_PREFIX).and_then(|importer| {
        OP_IMPORTS
            .binary_search_by(|(n, _)| (*n).cmp(importer))
            .ok()
            .and_then(|i| OP_IMPORTS[i].1)
    });
    match listed {
        // A name that is no op is left undeclared: the import fails to link, as it should.
        Some(names) => names.iter().copied().filter(|n| bind::is_op(n)).collect(),
        None => bind::op_names().collect(),
    }
}

/// `atoll:ops` (or `atoll:ops/<importer>`): native functions, one named export each.
pub struct OpsModule;

impl ModuleDef for OpsModule {
    fn declare(decl: &Declarations<'_>) -> Result<()> {
        let module: String = decl.module().name()?;
        for name in ops_of(&module) {
            decl.declare(name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> Result<()> {
        let module: String = exports.module().name()?;
        let names = ops_of(&module);
        let ops = bind::ops(ctx, &names)?;
        for name in names {
            let f: Value = ops.get(name)?;
            if f.is_undefined() {
                return Err(throw_code(
                    ctx,
                    "ERR_INTERNAL_ASSERTION",
                    &format!("op {name} is listed but its group does not make it"),
                ));
            }
            exports.export(name, f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_map_to_polyfill_paths_and_back() {
        assert_eq!(
            name_to_path("node:fs/promises").as_deref(),
            Some("node/fs/promises.js")
        );
        assert_eq!(
            name_to_path("atoll:internal/errors").as_deref(),
            Some("internal/errors.js")
        );
        assert_eq!(
            path_to_name("internal/errors.js").as_deref(),
            Some("atoll:internal/errors")
        );
        assert_eq!(
            path_to_name("node/path/posix.js").as_deref(),
            Some("node:path/posix")
        );
        assert_eq!(name_to_path("/abs/file.js"), None);
    }

    #[test]
    fn each_polyfill_gets_the_ops_build_rs_read_from_its_imports() {
        // Spot checks of build.rs's reading: a multi-line list and a one-line one; the
        // shared `atoll:ops` (dev mode) has every op.
        let process = ops_of("atoll:ops/node:process");
        assert!(process.contains(&"op_process_info") && process.contains(&"op_env_get"));
        assert!(!process.contains(&"op_fs_open"));
        assert_eq!(
            ops_of("atoll:ops/atoll:internal/fs/utils"),
            ["op_lookup", "op_make_stats", "op_require_builtin"]
        );
        assert_eq!(ops_of("atoll:ops").len(), bind::op_names().count());
        // Every name read is an op (a typo in a polyfill, or a misreading here, shows).
        for (module, names) in OP_IMPORTS {
            for name in names.unwrap_or_default() {
                assert!(bind::is_op(name), "{module} imports {name}, which is no op");
            }
        }
    }

    #[test]
    fn identifiers_are_recognised() {
        assert!(is_identifier("foo_1"));
        assert!(is_identifier("$x"));
        assert!(!is_identifier("1a"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
    }
}
