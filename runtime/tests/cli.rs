//! The `atoll` binary as a user meets it: CLI forms, exit codes and what reaches stderr.

#![allow(clippy::disallowed_methods)] // fixtures and host-side setup use ambient std::fs

use std::{
    io::Write,
    path::PathBuf,
    process::{Command, Output, Stdio},
};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atoll-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn atoll(args: &[&str], dir: &PathBuf) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atoll"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn script(name: &str, file: &str, source: &str) -> (PathBuf, Output) {
    let dir = scratch(name);
    std::fs::write(dir.join(file), source).unwrap();
    let out = atoll(&["run", file], &dir);
    (dir, out)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn hello_world_prints_and_exits_zero() {
    let (_, out) = script(
        "hello",
        "hello.js",
        "console.log('hello', 42, { a: [1, 'x'] });\n",
    );
    assert_eq!(text(&out.stdout), "hello 42 { a: [ 1, 'x' ] }\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn uncaught_error_prints_location_source_line_and_stack_then_exits_1() {
    let (dir, out) = script(
        "uncaught",
        "boom.js",
        "const x = 1;\nfunction f() { throw new Error('boom'); }\nf();\n",
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let file = dir.join("boom.js");
    assert!(
        err.starts_with(&format!(
            "{}:2\nfunction f() {{ throw new Error('boom'); }}\n",
            file.display()
        )),
        "{err}"
    );
    assert!(err.contains("Error: boom\n    at f ("), "{err}");
    assert!(err.contains(&format!("{}:2:", file.display())), "{err}");
}

#[test]
fn syntax_error_names_file_and_position() {
    let (dir, out) = script("syntax", "bad.js", "let ok = 1;\nlet x = ;\n");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("SyntaxError"), "{err}");
    assert!(
        err.contains(&format!("{}:2", dir.join("bad.js").display())),
        "{err}"
    );
}

#[test]
fn syntax_error_in_esm_names_file() {
    let (dir, out) = script(
        "syntax-esm",
        "bad.mjs",
        "export const a = 1;\nexport const = 2;\n",
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("SyntaxError"), "{err}");
    assert!(
        err.contains(&dir.join("bad.mjs").display().to_string()),
        "{err}"
    );
}

#[test]
fn unhandled_rejection_is_fatal_like_node_20() {
    let (_, out) = script(
        "rejection",
        "r.js",
        "Promise.reject(new Error('nope'));\nsetTimeout(() => console.log('not reached'), 10);\n",
    );
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("Error: nope"), "{err}");
    assert_eq!(text(&out.stdout), "");
    let (_, out) = script("rejection-value", "r.js", "Promise.reject(42);\n");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("ERR_UNHANDLED_REJECTION") && err.contains("\"42\""),
        "{err}"
    );
}

#[test]
fn uncaught_exception_handler_keeps_the_process_alive() {
    let src = "process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));\nsetTimeout(() => console.log('later'), 1);\nthrow new Error('x');\n";
    let (_, out) = script("handler", "h.js", src);
    assert_eq!(text(&out.stdout), "caught x uncaughtException\nlater\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn exit_codes_and_exit_events() {
    let (_, out) = script("exit3", "e.js", "process.on('exit', (c) => console.log('exit', c));\nprocess.exit(3);\nconsole.log('unreachable');\n");
    assert_eq!(text(&out.stdout), "exit 3\n");
    assert_eq!(out.status.code(), Some(3));
    let src = "process.exitCode = 4;\nlet n = 0;\nprocess.on('beforeExit', () => { if (n++ < 2) setTimeout(() => console.log('again', n), 1); });\nprocess.on('exit', (c) => console.log('exit', c));\n";
    let (_, out) = script("exitcode", "e.js", src);
    assert_eq!(text(&out.stdout), "again 1\nagain 2\nexit 4\n");
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn eval_print_and_stdin() {
    let dir = scratch("eval");
    let out = atoll(
        &[
            "-e",
            "console.log(require('path').basename('/a/b.txt'), typeof module)",
        ],
        &dir,
    );
    assert_eq!(text(&out.stdout), "b.txt object\n");
    let out = atoll(&["-p", "[1, 2].map((x) => x * 2)"], &dir);
    assert_eq!(text(&out.stdout), "[ 2, 4 ]\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_atoll"))
        .arg("-")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"console.log('from stdin', 6 * 7)")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stdout), "from stdin 42\n");
}

#[test]
fn script_arguments_reach_process_argv() {
    let (dir, out) = {
        let dir = scratch("argv");
        std::fs::write(
            dir.join("a.js"),
            "console.log(JSON.stringify(process.argv.slice(1)))",
        )
        .unwrap();
        let out = atoll(&["a.js", "--flag", "x"], &dir);
        (dir, out)
    };
    assert_eq!(
        text(&out.stdout),
        format!("[\"{}\",\"--flag\",\"x\"]\n", dir.join("a.js").display())
    );
}

#[test]
fn version_help_and_bad_flags() {
    let dir = scratch("flags");
    let out = atoll(&["--version"], &dir);
    assert_eq!(
        text(&out.stdout),
        format!("atoll {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = atoll(&["--help"], &dir);
    assert!(text(&out.stdout).contains("--allow-read"));
    let out = atoll(&["--frobnicate", "x.js"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown option '--frobnicate'"));
    let out = atoll(&["run", "missing.js"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Cannot find module"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn deep_recursion_is_a_range_error_not_a_crash() {
    let src = "function f(n) { return f(n + 1) + 1; }\ntry { f(0); } catch (e) { console.log(e instanceof RangeError, e.message); }\n";
    let (_, out) = script("recursion", "r.js", src);
    assert_eq!(text(&out.stdout), "true Maximum call stack size exceeded\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn sigterm_handler_runs() {
    let src = "process.on('SIGTERM', (s) => { console.log('got', s); process.exit(0); });\nprocess.kill(process.pid, 'SIGTERM');\nsetTimeout(() => {}, 5000);\n";
    let (_, out) = script("signal", "s.js", src);
    assert_eq!(text(&out.stdout), "got SIGTERM\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn cpu_time_limit_stops_busy_loops_and_catastrophic_regexps() {
    for (name, src) in [
        ("loop", "while (true) {}\n"),
        (
            "regexp",
            "try { /(a+)+$/.test('a'.repeat(40) + 'b'); } catch { console.log('caught'); }\n",
        ),
    ] {
        let dir = scratch(&format!("cpu-{name}"));
        std::fs::write(dir.join("x.js"), src).unwrap();
        let out = atoll(&["--max-cpu-time=200", "x.js"], &dir);
        assert_eq!(out.status.code(), Some(124), "{name}");
        assert_eq!(text(&out.stdout), "", "the limit is not catchable ({name})");
        assert!(
            text(&out.stderr).contains("--max-cpu-time=200"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[test]
fn wall_clock_timeout_stops_an_idle_program() {
    let dir = scratch("timeout");
    std::fs::write(
        dir.join("x.js"),
        "setTimeout(() => console.log('late'), 60000);\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = atoll(&["--timeout=100", "x.js"], &dir);
    assert_eq!(out.status.code(), Some(124));
    assert!(text(&out.stderr).contains("--timeout=100"));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn heap_limit_is_catchable_then_fatal_with_its_own_exit_code() {
    let src = "const a = [];\ntry { for (;;) a.push('x'.repeat(1 << 20) + a.length); } catch (e) { console.log('caught', e.message); }\nconst b = [];\nfor (;;) b.push(new Array(1 << 20).fill(1));\n";
    let (_, out) = {
        let dir = scratch("heap");
        std::fs::write(dir.join("x.js"), src).unwrap();
        let out = atoll(&["--max-heap=64M", "x.js"], &dir);
        (dir, out)
    };
    assert_eq!(text(&out.stdout), "caught out of memory\n");
    assert_eq!(out.status.code(), Some(134));
    assert!(
        text(&out.stderr).contains("heap out of memory"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn stdin_is_a_readable_stream() {
    let dir = scratch("stdin-stream");
    let feed = |code: &str, input: &[u8]| -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_atoll"))
            .args(["-e", code])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = feed("process.stdin.pipe(process.stdout)", b"hi\nthere\n");
    assert_eq!(text(&out.stdout), "hi\nthere\n", "{}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
    let out = feed(
        "(async () => { let s = ''; process.stdin.setEncoding('utf8'); \
         for await (const c of process.stdin) s += c; console.log(JSON.stringify(s)); })()",
        "a\nü\n".as_bytes(),
    );
    assert_eq!(text(&out.stdout), "\"a\\nü\\n\"\n", "{}", text(&out.stderr));
    let out = feed(
        "process.stdin.on('readable', () => { let c; while ((c = process.stdin.read()) !== null) \
         process.stdout.write('[' + c + ']'); }); process.stdin.on('end', () => console.log('end'))",
        b"xyz",
    );
    assert_eq!(text(&out.stdout), "[xyz]end\n", "{}", text(&out.stderr));
}
