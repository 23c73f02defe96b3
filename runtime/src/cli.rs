//! Command line: `atoll [run] FILE [ARGS]`, `-e`, `-p`, `-`, and the `--allow-*` grants.

use std::path::PathBuf;

use wasi_bridge::wasm_host::WasmOptions;
use wasi_bridge::Grants;

pub const USAGE: &str = "\
Usage: atoll [run] [OPTIONS] FILE [ARGS...]
       atoll [OPTIONS] -e CODE | -p CODE | -   (script from the argument or stdin)
       atoll serve [OPTIONS] FILE [--host H] [--port N]
                               (HTTP server for `export default { fetch(request, env, ctx) }`;
                                default 127.0.0.1:8000, --port 0 picks a free port; prints
                                `Listening on http://H:P/`; the listen address is granted
                                implicitly, anything else the app does needs --allow-*;
                                SIGINT/SIGTERM finish in-flight requests and exit 0)

Runs a Node.js program with no access to files, network, environment or subprocesses
unless granted:
  --allow-read[=PATHS]     read files (comma-separated paths; bare flag: everywhere)
  --allow-write[=PATHS]    write files
  --deny-read=PATHS        carve paths out of --allow-read
  --deny-write=PATHS       carve paths out of --allow-write
  --allow-net[=HOSTS]      network (host or host:port list)
  --allow-env[=NAMES]      environment variables
  --allow-run[=PROGRAMS]   subprocesses
  -A, --allow-all          everything
Limits:
  --max-heap=SIZE          JS heap limit (bytes, or with K/M/G); exceeding it exits with 134
  --max-cpu-time=MS        CPU time the JS thread may use; exceeding it exits with 124
  --timeout=MS             wall-clock time the program may run; exceeding it exits with 124
  --max-handles=N          open files, sockets and servers held at once; past it open/connect/
                           listen fail with EMFILE (closing one frees a slot)
  --max-children=N         child processes running at once; past it spawn fails with EAGAIN
WebAssembly (`atoll [run] app.wasm [ARGS...]`: a WASI preview1 module or WASIp2 command
component; --allow-read/--allow-write directories become its preopens, --allow-env its env):
  --map GUEST=HOST         preopen the granted directory HOST at guest path GUEST
  --no-cache               do not cache compiled wasm in ~/.cache/atoll/wasm
  --max-wasm-time=MS       stop the program after MS ms of wasm execution (exit 124)
  --max-wasm-memory=SIZE   cap each linear memory (bytes, or with K/M/G); memory.grow fails
  A trap prints the wasm backtrace and exits with 134; an invalid module exits with 1.
Other options:
  -e, --eval CODE          run CODE
  -p, --print CODE         run CODE and print its result
  -v, --version            print the version
  -h, --help               print this help
";

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Version,
    Run(Box<RunArgs>),
    /// `atoll serve FILE`: the run arguments plus the listen address.
    Serve(Box<RunArgs>, ServeAddr),
}

/// `atoll serve --host H --port N`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeAddr {
    pub host: String,
    pub port: u16,
}

impl Default for ServeAddr {
    fn default() -> Self {
        ServeAddr {
            host: "127.0.0.1".into(),
            port: 8000,
        }
    }
}

/// `atoll serve ...`: `--host`/`--port` may come before or after FILE; the rest parses as `run`.
fn parse_serve(args: &[String]) -> Result<Command, String> {
    let mut addr = ServeAddr::default();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) if f == "--port" || f == "--host" => (f, Some(v.to_owned())),
            _ => (arg.as_str(), None),
        };
        if flag == "--port" || flag == "--host" {
            let value = match value {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i)
                        .cloned()
                        .ok_or_else(|| format!("{flag} needs a value"))?
                }
            };
            if flag == "--port" {
                addr.port = value
                    .parse()
                    .map_err(|_| format!("invalid value for --port: '{value}'"))?;
            } else {
                addr.host = value;
            }
        } else {
            rest.push(arg.clone());
        }
        i += 1;
    }
    match parse(&rest)? {
        Command::Run(run) => match run.entry {
            Entry::File(_) => Ok(Command::Serve(run, addr)),
            _ => Err("atoll serve needs a FILE".into()),
        },
        other => Ok(other),
    }
}

#[derive(Debug, PartialEq)]
pub enum Entry {
    File(PathBuf),
    Eval { code: String, print: bool },
    Stdin,
}

#[derive(Debug, PartialEq)]
pub struct RunArgs {
    pub grants: Grants,
    pub entry: Entry,
    /// Arguments after the script, for `process.argv`.
    pub script_args: Vec<String>,
    pub limits: Limits,
    /// `--map`, `--no-cache`, `--max-wasm-*`: used when FILE is a wasm module.
    pub wasm: WasmOptions,
}

/// Resource limits for untrusted code (`--max-heap`, `--max-cpu-time`, `--timeout`,
/// `--max-handles`, `--max-children`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub max_heap: Option<usize>,
    pub max_cpu_ms: Option<u64>,
    pub timeout_ms: Option<u64>,
    /// Open files (`fs.open`, FileHandles, streams), sockets and servers held at once.
    pub max_handles: Option<usize>,
    /// Child processes running at once.
    pub max_children: Option<usize>,
}

/// `123`, `64K`, `512M`, `2G` (powers of 1024).
pub fn parse_size(v: &str) -> Option<usize> {
    let v = v.trim();
    let (digits, mult) = match v.chars().last()?.to_ascii_uppercase() {
        'K' => (&v[..v.len() - 1], 1usize << 10),
        'M' => (&v[..v.len() - 1], 1 << 20),
        'G' => (&v[..v.len() - 1], 1 << 30),
        _ => (v, 1),
    };
    digits.parse::<usize>().ok()?.checked_mul(mult)
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parse argv (without the program name).
pub fn parse(args: &[String]) -> Result<Command, String> {
    let mut grants = Grants::default();
    let mut limits = Limits::default();
    let mut wasm = WasmOptions::default();
    let mut entry = None;
    let mut i = 0;
    if args.first().map(String::as_str) == Some("run") {
        i = 1;
    }
    if args.first().map(String::as_str) == Some("serve") {
        return parse_serve(&args[1..]);
    }
    while i < args.len() {
        let arg = &args[i];
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (arg.as_str(), None),
        };
        let paths =
            |v: Option<&str>| v.map(|v| list(v).into_iter().map(PathBuf::from).collect::<Vec<_>>());
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "-v" | "--version" => return Ok(Command::Version),
            "-A" | "--allow-all" => {
                grants = Grants {
                    deny_read: grants.deny_read,
                    deny_write: grants.deny_write,
                    ..Grants::all()
                }
            }
            "--allow-read" => grants.read.add(paths(value)),
            "--allow-write" => grants.write.add(paths(value)),
            "--deny-read" | "--deny-write" => {
                let Some(v) = value else {
                    return Err(format!("{flag} needs paths: {flag}=PATH[,PATH...]"));
                };
                let target = if flag == "--deny-read" {
                    &mut grants.deny_read
                } else {
                    &mut grants.deny_write
                };
                target.extend(list(v).into_iter().map(PathBuf::from));
            }
            "--allow-net" => grants.net.add(value.map(list)),
            "--allow-env" => grants.env.add(value.map(list)),
            "--allow-run" => grants.run.add(value.map(list)),
            "--max-heap" | "--max-cpu-time" | "--timeout" | "--max-handles" | "--max-children" => {
                let v = value.ok_or_else(|| format!("{flag} needs a value: {flag}=N"))?;
                let bad = || format!("invalid value for {flag}: '{v}'");
                match flag {
                    "--max-heap" => {
                        limits.max_heap = Some(parse_size(v).filter(|n| *n > 0).ok_or_else(bad)?)
                    }
                    "--max-cpu-time" => limits.max_cpu_ms = Some(v.parse().map_err(|_| bad())?),
                    "--max-handles" => limits.max_handles = Some(v.parse().map_err(|_| bad())?),
                    "--max-children" => limits.max_children = Some(v.parse().map_err(|_| bad())?),
                    _ => limits.timeout_ms = Some(v.parse().map_err(|_| bad())?),
                }
            }
            "--map" => {
                let v = match value {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i).ok_or("--map needs GUEST=HOST")?
                    }
                };
                let Some((guest, host)) = v
                    .split_once('=')
                    .filter(|(g, h)| g.starts_with('/') && !h.is_empty())
                else {
                    return Err(format!(
                        "--map needs GUEST=HOST with an absolute GUEST, got '{v}'"
                    ));
                };
                wasm.maps.push((guest.to_owned(), PathBuf::from(host)));
            }
            "--no-cache" => wasm.no_cache = true,
            "--max-wasm-time" | "--max-wasm-memory" => {
                let v = value.ok_or_else(|| format!("{flag} needs a value: {flag}=N"))?;
                let bad = || format!("invalid value for {flag}: '{v}'");
                if flag == "--max-wasm-time" {
                    wasm.max_time_ms = Some(v.parse().map_err(|_| bad())?);
                } else {
                    wasm.max_memory = Some(parse_size(v).ok_or_else(bad)?);
                }
            }
            "-e" | "--eval" | "-p" | "--print" => {
                let code = args
                    .get(i + 1)
                    .ok_or_else(|| format!("{flag} requires an argument"))?;
                entry = Some(Entry::Eval {
                    code: code.clone(),
                    print: flag == "-p" || flag == "--print",
                });
                i += 2;
                break;
            }
            "-" => {
                entry = Some(Entry::Stdin);
                i += 1;
                break;
            }
            f if f.starts_with('-') => {
                return Err(format!(
                    "unknown option '{arg}'\nRun 'atoll --help' for the options."
                ))
            }
            _ => {
                entry = Some(Entry::File(PathBuf::from(arg)));
                i += 1;
                break;
            }
        }
        i += 1;
    }
    let entry =
        entry.ok_or_else(|| "no script given\nRun 'atoll --help' for usage.".to_string())?;
    Ok(Command::Run(Box::new(RunArgs {
        grants,
        entry,
        script_args: args[i..].to_vec(),
        limits,
        wasm,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn run_subcommand_and_script_args() {
        let Command::Run(r) =
            parse(&args(&["run", "--allow-env=A,B", "app.js", "--flag", "x"])).unwrap()
        else {
            panic!()
        };
        assert_eq!(r.entry, Entry::File("app.js".into()));
        assert_eq!(r.script_args, args(&["--flag", "x"]));
        assert!(
            r.grants.env_allowed("A") && r.grants.env_allowed("B") && !r.grants.env_allowed("C")
        );
    }

    #[test]
    fn limits_parse_with_suffixes() {
        let Command::Run(r) = parse(&args(&[
            "--max-heap=64M",
            "--max-cpu-time=500",
            "--timeout=2000",
            "--max-handles=10",
            "--max-children=0",
            "a.js",
        ]))
        .unwrap() else {
            panic!()
        };
        assert_eq!(
            r.limits,
            Limits {
                max_heap: Some(64 << 20),
                max_cpu_ms: Some(500),
                timeout_ms: Some(2000),
                max_handles: Some(10),
                max_children: Some(0),
            }
        );
        assert!(parse(&args(&["--max-handles=-1", "a.js"]))
            .unwrap_err()
            .contains("--max-handles"));
        assert!(parse(&args(&["--max-children", "a.js"])).is_err());
        assert!(parse(&args(&["--max-heap=lots", "a.js"]))
            .unwrap_err()
            .contains("--max-heap"));
        assert!(parse(&args(&["--timeout", "a.js"])).is_err());
        assert_eq!(parse_size("2g"), Some(2 << 30));
    }

    #[test]
    fn wasm_flags() {
        let Command::Run(r) = parse(&args(&[
            "run",
            "--map",
            "/=/tmp/x",
            "--map=/data=d",
            "--no-cache",
            "--max-wasm-time=250",
            "--max-wasm-memory=16M",
            "app.wasm",
            "a",
        ]))
        .unwrap() else {
            panic!()
        };
        assert_eq!(
            r.wasm,
            WasmOptions {
                maps: vec![("/".into(), "/tmp/x".into()), ("/data".into(), "d".into())],
                no_cache: true,
                max_time_ms: Some(250),
                max_memory: Some(16 << 20),
            }
        );
        assert_eq!(r.script_args, args(&["a"]));
        assert!(parse(&args(&["--map", "x", "a.wasm"])).is_err());
        assert!(parse(&args(&["--max-wasm-time=soon", "a.wasm"])).is_err());
    }

    #[test]
    fn serve_host_and_port_anywhere() {
        let Command::Serve(r, addr) = parse(&args(&[
            "serve",
            "--allow-read=/x",
            "app.js",
            "--port",
            "0",
            "--host=0.0.0.0",
        ]))
        .unwrap() else {
            panic!()
        };
        assert_eq!(r.entry, Entry::File("app.js".into()));
        assert_eq!(
            addr,
            ServeAddr {
                host: "0.0.0.0".into(),
                port: 0
            }
        );
        let Command::Serve(_, addr) = parse(&args(&["serve", "a.js"])).unwrap() else {
            panic!()
        };
        assert_eq!(addr, ServeAddr::default());
        assert!(parse(&args(&["serve", "--port=x", "a.js"])).is_err());
        assert!(parse(&args(&["serve", "-e", "1"])).is_err());
    }

    #[test]
    fn eval_print_stdin_and_errors() {
        let entry = |a: &[&str]| match parse(&args(a)).unwrap() {
            Command::Run(r) => r.entry,
            other => panic!("{other:?}"),
        };
        assert!(matches!(
            entry(&["-p", "1+1"]),
            Entry::Eval { print: true, .. }
        ));
        assert_eq!(entry(&["-"]), Entry::Stdin);
        assert!(parse(&args(&["--bogus", "a.js"]))
            .unwrap_err()
            .contains("unknown option '--bogus'"));
        assert!(parse(&args(&["-e"])).is_err());
        assert!(parse(&args(&[])).is_err());
        assert_eq!(parse(&args(&["--version"])).unwrap(), Command::Version);
    }
}
