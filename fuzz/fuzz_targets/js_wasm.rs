//! The WebAssembly JS API (engine/bind_wasm.rs) on arbitrary module bytes, in a sandboxed
//! runtime with a CPU limit: compile, introspect, instantiate with stand-in imports and call
//! every exported function. Only WebAssembly's own errors (and TypeError/RangeError) may come
//! out; anything else, a panic or a hang is a bug.
#![no_main]

use atoll::embed::Sandbox;
use libfuzzer_sys::fuzz_target;

const SCRIPT: &str = r#"(() => {
  const ok = (e) => e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError ||
    e instanceof WebAssembly.RuntimeError || e instanceof TypeError || e instanceof RangeError;
  const valid = WebAssembly.validate(bytes);
  let m;
  try { m = new WebAssembly.Module(bytes) } catch (e) {
    if (!(e instanceof WebAssembly.CompileError)) throw e;
    if (valid) throw new Error('validate() said valid but compiling failed: ' + e.message);
    return 'invalid';
  }
  if (!valid) throw new Error('validate() said invalid but the module compiled');
  WebAssembly.Module.exports(m);
  WebAssembly.Module.customSections(m, 'name');
  const imports = {};
  for (const i of WebAssembly.Module.imports(m)) {
    imports[i.module] ??= {};
    imports[i.module][i.name] =
      i.kind === 'function' ? () => 0 :
      i.kind === 'memory' ? new WebAssembly.Memory({ initial: 1 }) :
      i.kind === 'table' ? new WebAssembly.Table({ initial: 1, element: 'anyfunc' }) :
      i.kind === 'global' ? new WebAssembly.Global({ value: 'i32' }, 0) : undefined;
  }
  let inst;
  try { inst = new WebAssembly.Instance(m, imports) } catch (e) { if (!ok(e)) throw e; return 'unlinked' }
  for (const v of Object.values(inst.exports)) {
    if (typeof v === 'function') try { v(1, 2, 3) } catch (e) { if (!ok(e)) throw e }
    else if (v instanceof WebAssembly.Memory) v.buffer.byteLength;
    else if (v instanceof WebAssembly.Global) try { v.value } catch (e) { if (!ok(e)) throw e }
  }
  return 'ran';
})()"#;

fuzz_target!(|data: &[u8]| {
    let list: Vec<String> = data.iter().map(u8::to_string).collect();
    let src = format!(
        "(() => {{ const bytes = new Uint8Array([{}]); return {SCRIPT}; }})()",
        list.join(",")
    );
    let out = Sandbox::new()
        .max_heap(64 << 20)
        .max_cpu_ms(300)
        .eval(src)
        .wait();
    // 124: the CPU limit stopped a module that loops (in JS or in wasm).
    assert!(
        matches!(out.exit_code, 0 | 124),
        "exit {}: {:?}",
        out.exit_code,
        out.result
    );
});
