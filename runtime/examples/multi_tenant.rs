//! A tiny multi-tenant host: several tenants' scripts run at once, each in its own runtime with
//! its own grants and limits; one of them is hostile. Run: `cargo run --release --example multi_tenant`.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use atoll::embed::Sandbox;
use wasi_bridge::Grants;

fn main() {
    let dir = std::env::temp_dir().join(format!("atoll-tenants-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let mut can_write = Grants::default();
    can_write.write.add(Some(vec![dir.clone()]));
    can_write.read.add(Some(vec![dir.clone()]));
    let note = dir.join("note.txt");
    let tenants = vec![
        ("adder", Sandbox::new().max_cpu_ms(500).eval("[1, 2, 3].reduce((a, b) => a + b, 0)")),
        (
            "writer",
            Sandbox::new()
                .grants(can_write)
                .max_cpu_ms(500)
                .eval(format!("require('fs').writeFileSync({note:?}, 'hi'); require('fs').readFileSync({note:?}, 'utf8')")),
        ),
        ("snoop", Sandbox::new().max_cpu_ms(500).eval("require('fs').readFileSync('/etc/passwd', 'utf8')")),
        ("spinner (hostile)", Sandbox::new().max_cpu_ms(200).eval("for (;;) {}")),
        ("hog (hostile)", Sandbox::new().max_heap(32 << 20).eval("const a = []; for (;;) a.push('x'.repeat(1 << 16));")),
    ];
    for (name, run) in tenants {
        let out = run.wait();
        let shown = match &out.result {
            Some(Ok(v)) => format!("{v:?}"),
            Some(Err(e)) => e.lines().next().unwrap_or_default().to_string(),
            None => "-".into(),
        };
        println!(
            "{name:<18} exit {:<3} heap {:>8} B  {shown}",
            out.exit_code, out.heap_bytes
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}
