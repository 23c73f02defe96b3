//! Compiles every `polyfills/**/*.js` to QuickJS bytecode with the same rquickjs version the
//! runtime links, and writes a sorted `(module name, bytecode)` table that the loader embeds,
//! so no built-in JS is parsed at start-up. Beside it goes each polyfill's list of the
//! `atoll:ops` names it imports: the runtime makes only those op functions for it.
#![allow(clippy::disallowed_methods)] // the build reads the repository's own polyfills/

use std::{
    env, fs,
    path::{Path, PathBuf},
};

use rquickjs::{
    loader::{ImportAttributes, Loader, Resolver},
    module::ModuleDef,
    Context, Ctx, Module, Runtime, WriteOptions,
};

/// QuickJS-ng loads a module's imports while compiling it, so the build resolves and compiles
/// polyfill imports the way the runtime will: an import of a missing built-in fails the build.
struct PolyfillResolver;

impl Resolver for PolyfillResolver {
    fn resolve<'js>(
        &mut self,
        _: &Ctx<'js>,
        base: &str,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        if name.starts_with("./") || name.starts_with("../") {
            let base_path = name_to_path(base);
            let dir = Path::new(&base_path).parent().unwrap_or(Path::new(""));
            let mut parts: Vec<String> = Vec::new();
            for comp in dir.join(name).components() {
                match comp {
                    std::path::Component::ParentDir => {
                        parts.pop();
                    }
                    std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
                    _ => {}
                }
            }
            return Ok(module_name(&parts.join("/")));
        }
        if name.starts_with("node:") || name.starts_with("atoll:") {
            return Ok(name.to_owned());
        }
        Ok(format!("node:{name}"))
    }
}

struct PolyfillLoader(PathBuf);

struct NoExports;
impl ModuleDef for NoExports {}

impl Loader for PolyfillLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        _: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js>> {
        if name == "atoll:ops" {
            return Module::declare_def::<NoExports, _>(ctx.clone(), name);
        }
        let file = self.0.join(name_to_path(name));
        match fs::read_to_string(&file) {
            Ok(source) => Module::declare(ctx.clone(), name, source),
            // Not fatal here: the import then fails at run time with ERR_UNKNOWN_BUILTIN_MODULE.
            Err(_) => {
                println!("cargo:warning=a polyfill imports {name}, which does not exist");
                Module::declare_def::<NoExports, _>(ctx.clone(), name)
            }
        }
    }
}

fn name_to_path(name: &str) -> String {
    match name.strip_prefix("node:") {
        Some(rest) => format!("node/{rest}.js"),
        None => format!("{}.js", name.trim_start_matches("atoll:")),
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// `node/fs/promises.js` -> `node:fs/promises`; `internal/errors.js` -> `atoll:internal/errors`.
fn module_name(rel: &str) -> String {
    let stem = rel.trim_end_matches(".js");
    match stem.strip_prefix("node/") {
        Some(rest) => format!("node:{rest}"),
        None => format!("atoll:{stem}"),
    }
}

/// What a polyfill imports from `atoll:ops`.
enum OpImports {
    Named(Vec<String>),
    /// `import * as ops` (or `import()`): any op may be used.
    All,
}

/// The `atoll:ops` imports in `source`, read from its `import` statements (the polyfills are
/// our own code: a form this does not read fails the build, and a list that misses a name
/// fails the module's link at run time with a SyntaxError).
fn op_imports(rel: &str, source: &str) -> Option<OpImports> {
    // Static imports: from a line starting with `import` to the line with `from '...'` (or a
    // `;`) ending them.
    let mut statements = Vec::new();
    let mut offset = 0;
    let mut open: Option<usize> = None;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if open.is_none() && (trimmed.starts_with("import ") || trimmed.starts_with("import{")) {
            open = Some(offset);
        }
        offset += line.len();
        if let Some(start) = open {
            if line.contains("from '") || line.contains("from \"") || line.trim_end().ends_with(';')
            {
                statements.push(&source[start..offset]);
                open = None;
            }
        }
    }
    let mut names = Vec::new();
    let mut matched = 0;
    for statement in statements {
        let Some(clause) = statement
            .trim()
            .trim_end_matches(';')
            .strip_suffix("'atoll:ops'")
            .or_else(|| {
                statement
                    .trim()
                    .trim_end_matches(';')
                    .strip_suffix("\"atoll:ops\"")
            })
        else {
            continue;
        };
        matched += 1;
        let clause = clause.trim_start_matches("import").trim();
        let clause = clause.strip_suffix("from").map(str::trim).unwrap_or(clause);
        if clause.starts_with('*') {
            return Some(OpImports::All);
        }
        let list = clause
            .strip_prefix('{')
            .and_then(|c| c.strip_suffix('}'))
            .unwrap_or_else(|| {
                panic!("{rel}: import from 'atoll:ops' must be `import {{ op_a, op_b }} from 'atoll:ops'` or `import * as ops`")
            });
        for line in list.lines() {
            let line = line.split("//").next().unwrap_or_default();
            for item in line.split(',') {
                // `op_x as y` imports op_x.
                if let Some(name) = item.split_whitespace().next() {
                    names.push(name.to_owned());
                }
            }
        }
    }
    // Another mention of the module may be a dynamic `import()`, which may use any op.
    let mentions = source.matches("'atoll:ops'").count() + source.matches("\"atoll:ops\"").count();
    if mentions > matched && source.contains("import(") {
        return Some(OpImports::All);
    }
    names.sort();
    names.dedup();
    (matched > 0).then_some(OpImports::Named(names))
}

fn main() {
    // Relative relocations packed as RELR: the 36 MB binary (wasmtime) otherwise carries a
    // megabyte of .rela.dyn that the loader reads on every start.
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../polyfills");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let rt = Runtime::new().expect("quickjs runtime");
    rt.set_loader(PolyfillResolver, PolyfillLoader(root.clone()));
    let mut table = Vec::new();
    let mut imports = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        // A fresh context per file, so each compiles on its own rather than against modules
        // another file's compilation already loaded.
        let ctx = Context::full(&rt).expect("quickjs context");
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let name = module_name(&rel);
        let source = fs::read_to_string(file).unwrap();
        if let Some(ops) = op_imports(&rel, &source) {
            imports.push((name.clone(), ops));
        }
        let bytes = ctx.with(|ctx| {
            let module = Module::declare(ctx.clone(), name.clone(), source).map_err(|e| {
                let detail = ctx.catch();
                let detail = detail
                    .as_exception()
                    .map(|x| format!("{:?} {:?}", x.message(), x.stack()))
                    .unwrap_or_else(|| format!("{detail:?}"));
                format!("{rel}: {e}: {detail}")
            })?;
            module
                .write(WriteOptions {
                    // Function source text is only for Function.prototype.toString; dropping it
                    // makes the bytecode much smaller to embed and faster to load. Line
                    // numbers stay, for stack traces.
                    strip_source: true,
                    ..WriteOptions::default()
                })
                .map_err(|e| format!("{rel}: {e}"))
        });
        let bytes = bytes.unwrap_or_else(|e| panic!("polyfill failed to compile: {e}"));
        let blob = out_dir.join(format!("{}.qjsbc", rel.replace('/', "__")));
        fs::write(&blob, bytes).unwrap();
        table.push((name, blob));
    }
    table.sort();
    let mut code = String::from("pub static POLYFILLS: &[(&str, &[u8])] = &[\n");
    for (name, blob) in &table {
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            blob.display().to_string()
        ));
    }
    code.push_str("];\n");
    imports.sort_by(|a, b| a.0.cmp(&b.0));
    code.push_str(
        "/// Per polyfill, the `atoll:ops` names it imports (`None`: a namespace import, all).\n",
    );
    code.push_str("pub static OP_IMPORTS: &[(&str, Option<&[&str]>)] = &[\n");
    for (name, ops) in &imports {
        match ops {
            OpImports::Named(list) => code.push_str(&format!("    ({name:?}, Some(&{list:?})),\n")),
            OpImports::All => code.push_str(&format!("    ({name:?}, None),\n")),
        }
    }
    code.push_str("];\n");
    fs::write(out_dir.join("polyfills.rs"), code).unwrap();
}

/// fuzz/Cargo.toml instruments this package for libFuzzer, and a profile's rustflags reach its
/// build script too; the build script links no libFuzzer, so it gets no-op coverage hooks.
#[cfg(fuzzing)]
mod sancov_hooks {
    macro_rules! no_op {
        ($($name:ident($($arg:ty),*);)*) => {$(
            #[no_mangle]
            pub extern "C" fn $name($(_: $arg),*) {}
        )*};
    }
    no_op! {
        __sanitizer_cov_8bit_counters_init(*mut u8, *mut u8);
        __sanitizer_cov_pcs_init(*const usize, *const usize);
        __sanitizer_cov_trace_pc_indir(usize);
        __sanitizer_cov_trace_switch(u64, *const u64);
        __sanitizer_cov_trace_cmp1(u8, u8);
        __sanitizer_cov_trace_cmp2(u16, u16);
        __sanitizer_cov_trace_cmp4(u32, u32);
        __sanitizer_cov_trace_cmp8(u64, u64);
        __sanitizer_cov_trace_const_cmp1(u8, u8);
        __sanitizer_cov_trace_const_cmp2(u16, u16);
        __sanitizer_cov_trace_const_cmp4(u32, u32);
        __sanitizer_cov_trace_const_cmp8(u64, u64);
    }
}
