//! `wat2wasm IN.wat OUT.wasm`: used by scripts/bench-wasm (the `wat` crate, no wabt needed).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: wat2wasm IN.wat OUT.wasm");
        std::process::exit(2);
    };
    let bytes = match wat::parse_file(input) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("wat2wasm: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::write(output, bytes) {
        eprintln!("wat2wasm: {output}: {e}");
        std::process::exit(1);
    }
}
