//! Hostile-script tests for `CapFs`: each case asserts the denial AND that nothing outside the
//! grant was read, created or changed (outside tree metadata incl. file atimes is snapshotted
//! before and compared after). Fixtures use ambient `std::fs`, which the crate itself forbids.
#![allow(clippy::disallowed_methods)]
#![cfg(target_os = "linux")]

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::fs;
use std::os::unix::fs::{symlink, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use wasi_bridge::grants::Scope;
use wasi_bridge::{Access, CapFs, FileKind, FsError, Grants, OpenFlags, Stat};

const SECRET: &[u8] = b"TOP SECRET";

struct Fx {
    _tmp: tempfile::TempDir,
    inside: PathBuf,
    outside: PathBuf,
    before: Snapshot,
}

type Snapshot = BTreeMap<PathBuf, String>;

fn snapshot(root: &Path) -> Snapshot {
    let mut out = BTreeMap::new();
    fn walk(p: &Path, out: &mut Snapshot) {
        let m = fs::symlink_metadata(p).unwrap();
        let mut desc = format!(
            "mode={:o} size={} mtime={}.{} ino={} nlink={}",
            m.mode(),
            m.size(),
            m.mtime(),
            m.mtime_nsec(),
            m.ino(),
            m.nlink()
        );
        if m.file_type().is_file() {
            // a read through an escape would bump the (deliberately old) atime under relatime
            desc.push_str(&format!(" atime={}", m.atime()));
        }
        if m.file_type().is_symlink() {
            desc.push_str(&format!(" -> {:?}", fs::read_link(p).unwrap()));
        }
        out.insert(p.to_path_buf(), desc);
        if m.is_dir() {
            let mut names: Vec<_> = fs::read_dir(p)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            names.sort();
            for n in names {
                walk(&n, out);
            }
        }
    }
    walk(root, &mut out);
    out
}

fn age_atime(p: &Path) {
    let old = SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    fs::File::options()
        .write(true)
        .open(p)
        .unwrap()
        .set_times(fs::FileTimes::new().set_accessed(old))
        .unwrap();
}

fn fx() -> Fx {
    let tmp = tempfile::tempdir().unwrap();
    let base = fs::canonicalize(tmp.path()).unwrap();
    let inside = base.join("inside");
    let outside = base.join("outside");
    fs::create_dir_all(inside.join("sub")).unwrap();
    fs::create_dir_all(inside.join("private")).unwrap();
    fs::create_dir_all(inside.join("protected")).unwrap();
    fs::create_dir_all(outside.join("dir")).unwrap();
    fs::write(inside.join("a.txt"), b"A").unwrap();
    fs::write(inside.join("sub/b.txt"), b"B").unwrap();
    fs::write(inside.join("private/key.txt"), b"PRIVATE").unwrap();
    fs::write(inside.join("protected/f.txt"), b"KEEP").unwrap();
    fs::write(outside.join("secret.txt"), SECRET).unwrap();
    fs::write(outside.join("dir/inner.txt"), SECRET).unwrap();
    fs::set_permissions(
        outside.join("secret.txt"),
        fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    age_atime(&outside.join("secret.txt"));
    age_atime(&outside.join("dir/inner.txt"));
    let before = snapshot(&outside);
    Fx {
        _tmp: tmp,
        inside,
        outside,
        before,
    }
}

impl Fx {
    fn i(&self, rel: &str) -> PathBuf {
        self.inside.join(rel)
    }
    fn o(&self, rel: &str) -> PathBuf {
        self.outside.join(rel)
    }
    fn secret(&self) -> PathBuf {
        self.o("secret.txt")
    }
    fn link(&self, target: impl AsRef<Path>, rel: &str) -> PathBuf {
        let l = self.i(rel);
        symlink(target, &l).unwrap();
        l
    }
    fn grants(&self, read: Vec<PathBuf>, write: Vec<PathBuf>) -> Grants {
        let scope = |v: Vec<PathBuf>| {
            if v.is_empty() {
                Scope::None
            } else {
                Scope::Some(v)
            }
        };
        Grants {
            read: scope(read),
            write: scope(write),
            ..Default::default()
        }
    }
    /// read + write on `inside`.
    fn rw(&self) -> CapFs {
        CapFs::new(
            &self.grants(vec![self.inside.clone()], vec![self.inside.clone()]),
            Path::new("/"),
        )
        .unwrap()
    }
    /// read-only on `inside`.
    fn ro(&self) -> CapFs {
        CapFs::new(
            &self.grants(vec![self.inside.clone()], vec![]),
            Path::new("/"),
        )
        .unwrap()
    }
    fn outside_unchanged(&self) {
        assert_eq!(self.before, snapshot(&self.outside), "outside tree changed");
        assert_eq!(fs::read(self.secret()).unwrap(), SECRET);
    }
}

#[track_caller]
fn denied<T: Debug>(r: Result<T, FsError>) {
    match r {
        Err(FsError::Denied { .. }) => {}
        other => panic!("expected Denied, got {other:?}"),
    }
}

/// Refused, either by the grant check or by the kernel (ELOOP, EXDEV, ...); never a success.
#[track_caller]
fn refused<T: Debug>(r: Result<T, FsError>) {
    assert!(r.is_err(), "expected an error, got {r:?}");
}

fn wflags() -> OpenFlags {
    OpenFlags {
        read: false,
        write: true,
        create: true,
        truncate: true,
        ..OpenFlags::default()
    }
}

// ---------------------------------------------------------------------------------------------
// `..` and absolute paths
// ---------------------------------------------------------------------------------------------

#[test]
fn dotdot_chain_read() {
    let f = fx();
    let fs = f.rw();
    denied(fs.read(&f.inside.join("../outside/secret.txt")));
    denied(fs.read(&f.inside.join("sub/../../outside/secret.txt")));
    denied(
        fs.read(
            &f.inside
                .join("sub/../../../../../../")
                .join(f.secret().strip_prefix("/").unwrap()),
        ),
    );
    f.outside_unchanged();
}

#[test]
fn dotdot_chain_write_and_mkdir() {
    let f = fx();
    let fs = f.rw();
    denied(fs.write(
        &f.inside.join("../outside/new.txt"),
        b"x",
        false,
        false,
        0o644,
    ));
    denied(fs.create_dir(&f.inside.join("sub/../../outside/newdir"), true, 0o755));
    f.outside_unchanged();
}

#[test]
fn absolute_outside_paths() {
    let f = fx();
    let fs = f.rw();
    denied(fs.read(&f.secret()));
    denied(fs.stat(&f.secret(), true));
    denied(fs.read_dir(&f.outside));
    denied(fs.write(&f.o("new.txt"), b"x", false, false, 0o644));
    denied(fs.remove_file(&f.secret()));
    denied(fs.access(&f.secret(), Access::Read));
    denied(fs.canonicalize(&f.secret()));
    denied(fs.read(Path::new("/etc/passwd")));
    f.outside_unchanged();
}

#[test]
fn relative_abs_path_is_resolved_against_cwd_not_grant() {
    let f = fx();
    let fs = CapFs::new(&f.grants(vec![f.inside.clone()], vec![]), &f.outside).unwrap();
    denied(fs.read(Path::new("secret.txt")));
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// Symlinks leading out
// ---------------------------------------------------------------------------------------------

#[test]
fn symlink_relative_to_outside_file() {
    let f = fx();
    let l = f.link("../outside/secret.txt", "l");
    let fs = f.rw();
    denied(fs.read(&l));
    denied(fs.stat(&l, true));
    denied(fs.access(&l, Access::Read));
    // the link itself is inside and may be inspected
    assert_eq!(fs.stat(&l, false).unwrap().mode & 0o170000, 0o120000);
    assert_eq!(
        fs.read_link(&l).unwrap(),
        PathBuf::from("../outside/secret.txt")
    );
    f.outside_unchanged();
}

#[test]
fn symlink_absolute_to_outside_file() {
    let f = fx();
    let l = f.link(f.secret(), "l");
    let fs = f.rw();
    denied(fs.read(&l));
    denied(fs.open(&l, &OpenFlags::default()));
    f.outside_unchanged();
}

#[test]
fn symlink_to_outside_dir() {
    let f = fx();
    let l = f.link("../outside", "ld");
    let la = f.link(&f.outside, "lda");
    let fs = f.rw();
    denied(fs.read(&l.join("secret.txt")));
    denied(fs.read(&la.join("secret.txt")));
    denied(fs.read_dir(&l));
    denied(fs.read_dir(&la));
    denied(fs.read(&l.join("dir/inner.txt")));
    f.outside_unchanged();
}

#[test]
fn chained_symlinks_out() {
    let f = fx();
    f.link("c2", "c1");
    f.link("sub/c3", "c2");
    f.link("../../outside/secret.txt", "sub/c3");
    let fs = f.rw();
    denied(fs.read(&f.i("c1")));
    denied(fs.canonicalize(&f.i("c1")));
    f.outside_unchanged();
}

#[test]
fn dangling_symlink_out_write_does_not_create() {
    let f = fx();
    let l = f.link("../outside/created.txt", "dang");
    let la = f.link(f.o("created2.txt"), "danga");
    let fs = f.rw();
    denied(fs.write(&l, b"pwn", false, false, 0o644));
    denied(fs.write(&la, b"pwn", false, false, 0o644));
    denied(fs.open(&l, &wflags()));
    assert!(!f.o("created.txt").exists());
    assert!(!f.o("created2.txt").exists());
    f.outside_unchanged();
}

#[test]
fn write_truncate_append_through_symlink_out() {
    let f = fx();
    let l = f.link("../outside/secret.txt", "l");
    let fs = f.rw();
    denied(fs.write(&l, b"pwn", false, false, 0o644));
    denied(fs.write(&l, b"pwn", true, false, 0o644));
    denied(fs.truncate(&l, 0));
    f.outside_unchanged();
}

#[test]
fn chmod_utimes_through_symlink_out() {
    let f = fx();
    let l = f.link(f.secret(), "l");
    let fs = f.rw();
    denied(fs.set_permissions(&l, 0o777));
    denied(fs.set_times(&l, Some(0), Some(0), true));
    f.outside_unchanged();
}

#[test]
fn mkdir_recursive_through_symlink_out() {
    let f = fx();
    let l = f.link("../outside", "lout");
    let fs = f.rw();
    denied(fs.create_dir(&l.join("x/y/z"), true, 0o755));
    denied(fs.create_dir(&l.join("x"), false, 0o755));
    assert!(!f.o("x").exists());
    f.outside_unchanged();
}

#[test]
fn symlink_created_by_script_is_confined_when_followed() {
    let f = fx();
    let fs = f.rw();
    let l = f.i("mine");
    fs.symlink(f.secret().to_str().unwrap(), &l).unwrap();
    assert_eq!(fs.read_link(&l).unwrap(), f.secret());
    denied(fs.read(&l));
    fs.symlink("../outside/secret.txt", &f.i("mine2")).unwrap();
    denied(fs.read(&f.i("mine2")));
    f.outside_unchanged();
}

#[test]
fn realpath_never_reveals_outside() {
    let f = fx();
    let l = f.link("../outside/secret.txt", "l");
    let la = f.link(f.o("dir"), "la");
    let fs = f.rw();
    for p in [l.clone(), la.clone(), la.join("inner.txt")] {
        match fs.canonicalize(&p) {
            Err(FsError::Denied { path, .. }) => {
                assert!(!path.starts_with(&f.outside), "leaked {path:?}");
            }
            other => panic!("expected Denied, got {other:?}"),
        }
    }
    f.outside_unchanged();
}

#[test]
fn open_nofollow_on_symlink_is_eloop() {
    let f = fx();
    let l = f.link("a.txt", "l");
    let fs = f.rw();
    let r = fs.open(
        &l,
        &OpenFlags {
            follow: false,
            ..OpenFlags::default()
        },
    );
    match r {
        Err(FsError::Io(e)) => assert_eq!(e.raw_os_error(), Some(40 /* ELOOP */)),
        other => panic!("expected ELOOP, got {other:?}"),
    }
}

#[test]
fn unlink_and_rm_r_of_symlink_out_remove_only_the_link() {
    let f = fx();
    let l = f.link("../outside", "lout");
    let l2 = f.link(f.secret(), "lsec");
    fs::create_dir(f.i("tree")).unwrap();
    symlink(&f.outside, f.i("tree/escape")).unwrap();
    let fs = f.rw();
    fs.remove_file(&l2).unwrap();
    fs.remove_all(&l).unwrap();
    fs.remove_all(&f.i("tree")).unwrap();
    assert!(!f.i("tree").exists());
    f.outside_unchanged();
}

#[test]
fn rmdir_and_unlink_through_symlinked_parent_out() {
    let f = fx();
    let l = f.link("../outside", "lout");
    let fs = f.rw();
    denied(fs.remove_file(&l.join("secret.txt")));
    denied(fs.remove_all(&l.join("dir")));
    denied(fs.remove_dir(&l.join("dir")));
    denied(fs.set_times(&l.join("secret.txt"), Some(0), Some(0), false));
    denied(fs.symlink("x", &l.join("planted")));
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// Races: a symlink swapped in while the script loops
// ---------------------------------------------------------------------------------------------

fn swapper(f: &Fx, name: &str, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    let target = f.i(name);
    let tmp_link = f.i(&format!("{name}.lnk"));
    let tmp_file = f.i(&format!("{name}.reg"));
    let secret = f.secret();
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let _ = fs::remove_file(&tmp_link);
            symlink(&secret, &tmp_link).unwrap();
            fs::rename(&tmp_link, &target).unwrap();
            fs::write(&tmp_file, b"harmless").unwrap();
            fs::rename(&tmp_file, &target).unwrap();
        }
    })
}

#[test]
fn race_symlink_swap_during_reads() {
    let f = fx();
    fs::write(f.i("race"), b"harmless").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let h = swapper(&f, "race", stop.clone());
    let fs = f.rw();
    let start = Instant::now();
    let (mut ok, mut err) = (0, 0);
    while start.elapsed() < Duration::from_millis(1500) {
        match fs.read(&f.i("race")) {
            Ok(data) => {
                assert_ne!(data, SECRET, "read the secret through a swapped symlink");
                ok += 1;
            }
            Err(_) => err += 1,
        }
        if let Ok(s) = fs.stat(&f.i("race"), true) {
            assert_ne!(s.size, SECRET.len() as u64);
        }
    }
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    assert!(ok + err > 10);
    f.outside_unchanged();
}

#[test]
fn race_symlink_swap_during_writes() {
    let f = fx();
    fs::write(f.i("wrace"), b"harmless").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let h = swapper(&f, "wrace", stop.clone());
    let fs = f.rw();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1500) {
        let _ = fs.write(&f.i("wrace"), b"PWNED!", false, false, 0o644);
        let _ = fs.write(&f.i("wrace"), b"PWNED!", true, false, 0o644);
        let _ = fs.set_permissions(&f.i("wrace"), 0o777);
        let _ = fs.set_times(&f.i("wrace"), Some(0), Some(0), true);
        let _ = fs.truncate(&f.i("wrace"), 0);
    }
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    f.outside_unchanged();
}

#[test]
fn race_parent_dir_swapped_for_symlink_during_creates() {
    let f = fx();
    fs::create_dir(f.i("pd")).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (pd, lnk, real, outside) = (f.i("pd"), f.i("pd.lnk"), f.i("pd.real"), f.outside.clone());
    let st = stop.clone();
    let h = std::thread::spawn(move || {
        while !st.load(Ordering::Relaxed) {
            let _ = fs::remove_file(&lnk);
            symlink(&outside, &lnk).unwrap();
            let _ = fs::rename(&pd, &real);
            let _ = fs::rename(&lnk, &pd);
            let _ = fs::remove_file(&pd);
            let _ = fs::rename(&real, &pd);
        }
    });
    let fs = f.rw();
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1500) {
        let _ = fs.create_dir(&f.i("pd/newdir"), false, 0o755);
        let _ = fs.write(&f.i("pd/newfile"), b"x", false, false, 0o644);
        let _ = fs.symlink("x", &f.i("pd/newlink"));
        let _ = fs.remove_file(&f.i("pd/secret.txt"));
        let _ = fs.remove_all(&f.i("pd/dir"));
        let _ = fs.rename(&f.i("pd/secret.txt"), &f.i("stolen"));
        let _ = fs.remove_dir(&f.i("pd/newdir"));
        let _ = fs.remove_file(&f.i("pd/newfile"));
        let _ = fs.remove_file(&f.i("pd/newlink"));
    }
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    assert!(!f.i("stolen").exists());
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// Links, renames and copies across the boundary
// ---------------------------------------------------------------------------------------------

#[test]
fn hard_link_to_outside_file() {
    let f = fx();
    let fs = f.rw();
    denied(fs.hard_link(&f.secret(), &f.i("hl")));
    assert!(!f.i("hl").exists());
    denied(fs.hard_link(&f.i("a.txt"), &f.o("hl")));
    let l = f.link("../outside", "lout");
    denied(fs.hard_link(&l.join("secret.txt"), &f.i("hl2")));
    denied(fs.hard_link(&f.i("a.txt"), &l.join("hl3")));
    f.outside_unchanged();
}

#[test]
fn hard_link_of_outside_symlink_stays_confined() {
    let f = fx();
    let l = f.link("../outside/secret.txt", "l");
    let fs = f.rw();
    // linkat does not follow: the new name is another symlink, still confined when followed
    fs.hard_link(&l, &f.i("hl")).unwrap();
    denied(fs.read(&f.i("hl")));
    f.outside_unchanged();
}

#[test]
fn rename_inside_to_outside_and_back() {
    let f = fx();
    let fs = f.rw();
    denied(fs.rename(&f.i("a.txt"), &f.o("a.txt")));
    assert!(f.i("a.txt").exists());
    denied(fs.rename(&f.secret(), &f.i("stolen")));
    let l = f.link("../outside", "lout");
    denied(fs.rename(&l.join("secret.txt"), &f.i("stolen")));
    denied(fs.rename(&f.i("a.txt"), &l.join("a.txt")));
    assert!(!f.i("stolen").exists());
    f.outside_unchanged();
}

#[test]
fn copy_inside_to_outside_and_back() {
    let f = fx();
    let fs = f.rw();
    denied(fs.copy_file(&f.i("a.txt"), &f.o("a.txt"), false));
    denied(fs.copy_file(&f.secret(), &f.i("stolen"), false));
    let l = f.link("../outside/secret.txt", "l");
    denied(fs.copy_file(&l, &f.i("stolen"), false));
    let ld = f.link("../outside", "ld");
    denied(fs.copy_file(&f.i("a.txt"), &ld.join("a.txt"), false));
    assert!(!f.i("stolen").exists());
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// /proc and /dev/fd
// ---------------------------------------------------------------------------------------------

#[test]
fn proc_and_dev_fd_paths_are_not_granted() {
    let f = fx();
    let fs = f.rw();
    let held = fs::File::open(f.secret()).unwrap();
    use std::os::fd::AsRawFd;
    let n = held.as_raw_fd();
    let rel = f.secret();
    let rel = rel.strip_prefix("/").unwrap();
    denied(fs.read(&Path::new("/proc/self/root").join(rel)));
    denied(fs.read(&Path::new("/proc/self/cwd").join(rel)));
    denied(fs.read(&PathBuf::from(format!("/proc/self/fd/{n}"))));
    denied(fs.read(&PathBuf::from(format!("/dev/fd/{n}"))));
    denied(fs.read(&PathBuf::from(format!(
        "/proc/{}/root/etc/passwd",
        std::process::id()
    ))));
    denied(fs.read(&f.i("../../../proc/self/root").join(rel)));
    drop(held);
    // atime: reading it ourselves above via std is the only legit access; re-age and compare
    age_atime(&f.secret());
    let mut now = snapshot(&f.outside);
    let mut before = f.before.clone();
    now.retain(|k, _| !k.ends_with("secret.txt"));
    before.retain(|k, _| !k.ends_with("secret.txt"));
    assert_eq!(before, now);
}

#[test]
fn proc_magic_links_refused_even_when_proc_is_granted() {
    let f = fx();
    let fs = CapFs::new(
        &f.grants(
            vec![
                PathBuf::from("/proc"),
                PathBuf::from("/dev"),
                f.inside.clone(),
            ],
            vec![],
        ),
        Path::new("/"),
    )
    .unwrap();
    let held = fs::File::open(f.o("dir/inner.txt")).unwrap();
    use std::os::fd::AsRawFd;
    let n = held.as_raw_fd();
    let rel = f.secret();
    let rel = rel.strip_prefix("/").unwrap();
    let tries = [
        Path::new("/proc/self/root").join(rel),
        Path::new("/proc/self/cwd").join(rel),
        Path::new("/proc/thread-self/root").join(rel),
        PathBuf::from(format!("/proc/{}/root", std::process::id())).join(rel),
        PathBuf::from(format!("/proc/self/fd/{n}")),
        PathBuf::from(format!("/dev/fd/{n}")),
        PathBuf::from("/proc/self/exe"),
    ];
    for p in &tries {
        if let Ok(d) = fs.read(p) {
            panic!("{p:?} read {} bytes", d.len());
        }
        refused(fs.canonicalize(p));
        refused(fs.stat(p, true));
    }
    // /proc/self/root as a directory must not list the host root either
    refused(fs.read_dir(Path::new("/proc/self/root")));
    drop(held);
    age_atime(&f.o("dir/inner.txt"));
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// A read-only grant never mutates
// ---------------------------------------------------------------------------------------------

#[test]
fn read_only_grant_refuses_every_mutation() {
    let f = fx();
    let fs = f.ro();
    let before = snapshot(&f.inside);
    let a = f.i("a.txt");
    assert_eq!(fs.read(&a).unwrap(), b"A");
    denied(fs.write(&a, b"x", false, false, 0o644));
    denied(fs.write(&a, b"x", true, false, 0o644));
    denied(fs.write(&f.i("new.txt"), b"x", false, true, 0o644));
    denied(fs.open(&a, &wflags()));
    denied(fs.open(
        &a,
        &OpenFlags {
            write: true,
            ..OpenFlags::default()
        },
    ));
    denied(fs.open(
        &a,
        &OpenFlags {
            truncate: true,
            ..OpenFlags::default()
        },
    ));
    denied(fs.truncate(&a, 0));
    denied(fs.set_permissions(&a, 0o777));
    denied(fs.set_times(&a, Some(0), Some(0), true));
    denied(fs.set_times(&a, Some(0), Some(0), false));
    denied(fs.remove_file(&a));
    denied(fs.remove_dir(&f.i("sub")));
    denied(fs.remove_all(&f.i("sub")));
    denied(fs.rename(&a, &f.i("b.txt")));
    denied(fs.create_dir(&f.i("newdir"), false, 0o755));
    denied(fs.create_dir(&f.i("x/y"), true, 0o755));
    denied(fs.symlink("a.txt", &f.i("ln")));
    denied(fs.hard_link(&a, &f.i("hl")));
    denied(fs.copy_file(&a, &f.i("copy.txt"), false));
    denied(fs.access(&a, Access::Write));
    assert!(fs.access(&a, Access::Read).is_ok());
    assert_eq!(before, snapshot(&f.inside));
    f.outside_unchanged();
}

#[test]
fn read_and_write_grants_are_separate_capabilities() {
    let f = fx();
    fs::create_dir(f.i("out")).unwrap();
    let fs = CapFs::new(
        &f.grants(vec![f.inside.clone()], vec![f.i("out")]),
        Path::new("/"),
    )
    .unwrap();
    fs.write(&f.i("out/x"), b"ok", false, false, 0o644).unwrap();
    assert_eq!(fs.read(&f.i("out/x")).unwrap(), b"ok"); // via the read grant on inside
    denied(fs.write(&f.i("x"), b"no", false, false, 0o644));
    assert!(!f.i("x").exists());
    // a symlink in the writable dir cannot redirect writes to the read-only part
    symlink("../a.txt", f.i("out/la")).unwrap();
    denied(fs.write(&f.i("out/la"), b"pwn", false, false, 0o644));
    assert_eq!(fs::read(f.i("a.txt")).unwrap(), b"A");
    f.outside_unchanged();
}

#[test]
fn read_write_open_checks_the_read_side_by_real_location() {
    let f = fx();
    fs::create_dir(f.i("pub")).unwrap();
    symlink("../private/key.txt", f.i("pub/l")).unwrap();
    // write on all of inside, read only on inside/pub
    let fs = CapFs::new(
        &f.grants(vec![f.i("pub")], vec![f.inside.clone()]),
        Path::new("/"),
    )
    .unwrap();
    denied(fs.open(
        &f.i("pub/l"),
        &OpenFlags {
            write: true,
            ..OpenFlags::default()
        },
    ));
    denied(fs.read(&f.i("pub/l")));
}

// ---------------------------------------------------------------------------------------------
// deny-read / deny-write carve-outs, reached through symlinks
// ---------------------------------------------------------------------------------------------

fn carved(f: &Fx) -> CapFs {
    let mut g = f.grants(vec![f.inside.clone()], vec![f.inside.clone()]);
    g.deny_read = vec![f.i("private")];
    g.deny_write = vec![f.i("protected")];
    CapFs::new(&g, Path::new("/")).unwrap()
}

#[test]
fn deny_read_through_inside_symlink() {
    let f = fx();
    f.link("private/key.txt", "peek");
    f.link("private", "pdir");
    f.link(f.i("private/key.txt"), "peek_abs");
    f.link("sub/../private", "pdir2");
    let fs = carved(&f);
    denied(fs.read(&f.i("private/key.txt")));
    denied(fs.read(&f.i("peek")));
    denied(fs.read(&f.i("peek_abs")));
    denied(fs.read(&f.i("pdir/key.txt")));
    denied(fs.read(&f.i("pdir2/key.txt")));
    denied(fs.read_dir(&f.i("pdir")));
    denied(fs.stat(&f.i("peek"), true));
    denied(fs.canonicalize(&f.i("peek")));
    denied(fs.copy_file(&f.i("peek"), &f.i("copied"), false));
    assert!(!f.i("copied").exists());
    // not readable, so not movable into view either
    denied(fs.rename(&f.i("pdir/key.txt"), &f.i("moved")));
    denied(fs.rename(&f.i("private"), &f.i("moved")));
    denied(fs.hard_link(&f.i("pdir/key.txt"), &f.i("hl")));
    assert_eq!(fs::read(f.i("private/key.txt")).unwrap(), b"PRIVATE");
    // everything else still works
    assert_eq!(fs.read(&f.i("a.txt")).unwrap(), b"A");
}

#[test]
fn deny_write_through_inside_symlink() {
    let f = fx();
    f.link("protected/f.txt", "wl");
    f.link("protected", "wdir");
    let fs = carved(&f);
    denied(fs.write(&f.i("wl"), b"pwn", false, false, 0o644));
    denied(fs.write(&f.i("wdir/new.txt"), b"pwn", false, false, 0o644));
    denied(fs.write(&f.i("wdir/f.txt"), b"pwn", true, false, 0o644));
    denied(fs.truncate(&f.i("wl"), 0));
    denied(fs.set_permissions(&f.i("wl"), 0o777));
    denied(fs.remove_file(&f.i("wdir/f.txt")));
    denied(fs.create_dir(&f.i("wdir/x"), true, 0o755));
    denied(fs.remove_all(&f.inside.clone()));
    denied(fs.rename(&f.i("a.txt"), &f.i("wdir/a.txt")));
    denied(fs.symlink("x", &f.i("wdir/ln")));
    assert_eq!(fs::read(f.i("protected/f.txt")).unwrap(), b"KEEP");
    assert!(!f.i("protected/new.txt").exists());
    assert!(!f.i("protected/x").exists());
    // reading it is fine
    assert_eq!(fs.read(&f.i("wl")).unwrap(), b"KEEP");
}

#[test]
fn deny_for_path_that_does_not_exist_yet() {
    let f = fx();
    let mut g = f.grants(vec![f.inside.clone()], vec![f.inside.clone()]);
    g.deny_write = vec![f.i("later")];
    let fs = CapFs::new(&g, Path::new("/")).unwrap();
    f.link("later", "alias");
    denied(fs.create_dir(&f.i("later"), false, 0o755));
    denied(fs.write(&f.i("alias"), b"x", false, false, 0o644));
    assert!(!f.i("later").exists());
}

// ---------------------------------------------------------------------------------------------
// File grants
// ---------------------------------------------------------------------------------------------

#[test]
fn file_grant_covers_only_that_file() {
    let f = fx();
    fs::write(f.i("sib.txt"), b"SIB").unwrap();
    let fs = CapFs::new(&f.grants(vec![f.i("a.txt")], vec![]), Path::new("/")).unwrap();
    assert_eq!(fs.read(&f.i("a.txt")).unwrap(), b"A");
    assert!(fs.stat(&f.i("a.txt"), true).is_ok());
    assert_eq!(fs.canonicalize(&f.i("a.txt")).unwrap(), f.i("a.txt"));
    denied(fs.read(&f.i("sib.txt")));
    denied(fs.read_dir(&f.inside));
    denied(fs.read(&f.i("a.txt/../sib.txt")));
}

#[test]
fn file_grant_symlink_swapped_to_sibling_is_refused() {
    let f = fx();
    fs::write(f.i("sib.txt"), b"SIB").unwrap();
    let fs = CapFs::new(&f.grants(vec![f.i("a.txt")], vec![]), Path::new("/")).unwrap();
    // replace the granted file by a symlink to a sibling after start-up
    fs::remove_file(f.i("a.txt")).unwrap();
    symlink("sib.txt", f.i("a.txt")).unwrap();
    denied(fs.read(&f.i("a.txt")));
}

#[test]
fn write_grant_on_missing_path_allows_creating_it_only() {
    let f = fx();
    let fs = CapFs::new(
        &f.grants(vec![f.inside.clone()], vec![f.i("build")]),
        Path::new("/"),
    )
    .unwrap();
    assert_eq!(
        fs.create_dir(&f.i("build/a/b"), true, 0o755).unwrap(),
        Some(f.i("build"))
    );
    fs.write(&f.i("build/a/b/out.txt"), b"ok", false, false, 0o644)
        .unwrap();
    denied(fs.write(&f.i("other.txt"), b"no", false, false, 0o644));
    symlink("../../a.txt", f.i("build/a/esc")).unwrap();
    denied(fs.write(&f.i("build/a/esc"), b"pwn", false, false, 0o644));
    assert_eq!(fs::read(f.i("a.txt")).unwrap(), b"A");
}

// ---------------------------------------------------------------------------------------------
// Positive cases
// ---------------------------------------------------------------------------------------------

#[test]
fn relative_symlinks_inside_work() {
    let f = fx();
    f.link("sub/b.txt", "lb");
    f.link("sub", "lsub");
    f.link("../a.txt", "sub/la");
    let fs = f.ro();
    assert_eq!(fs.read(&f.i("lb")).unwrap(), b"B");
    assert_eq!(fs.read(&f.i("lsub/b.txt")).unwrap(), b"B");
    assert_eq!(fs.read(&f.i("lsub/la")).unwrap(), b"A");
    let mut names: Vec<_> = fs.read_dir(&f.i("lsub")).unwrap();
    names.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(names.len(), 2);
    assert_eq!(names[0].name, "b.txt");
    assert_eq!(names[0].kind, FileKind::File);
    assert_eq!(names[1].kind, FileKind::Symlink);
    assert_eq!(fs.canonicalize(&f.i("lsub/la")).unwrap(), f.i("a.txt"));
    assert_eq!(fs.canonicalize(&f.i("lb")).unwrap(), f.i("sub/b.txt"));
    assert_eq!(fs.canonicalize(&f.inside).unwrap(), f.inside);
}

#[test]
fn whole_filesystem_grant_reads_and_realpaths() {
    let f = fx();
    let g = Grants {
        read: Scope::All,
        ..Default::default()
    };
    let fs = CapFs::new(&g, Path::new("/")).unwrap();
    assert_eq!(fs.read(&f.secret()).unwrap(), SECRET);
    let l = f.link(f.secret(), "abs");
    // an absolute symlink is re-routed through the grants; here the whole fs is granted
    assert_eq!(fs.read(&l).unwrap(), SECRET);
    assert_eq!(fs.canonicalize(&f.i("sub/..")).unwrap(), f.inside);
    denied(fs.write(&f.i("x"), b"x", false, false, 0o644));
}

#[test]
fn mkdir_recursive_returns_first_created() {
    let f = fx();
    let fs = f.rw();
    assert_eq!(
        fs.create_dir(&f.i("sub/x/y/z"), true, 0o755).unwrap(),
        Some(f.i("sub/x"))
    );
    assert!(f.i("sub/x/y/z").is_dir());
    assert_eq!(fs.create_dir(&f.i("sub/x/y"), true, 0o755).unwrap(), None);
    let e = fs.create_dir(&f.i("sub/x"), false, 0o755).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(17 /* EEXIST */));
    let e = fs.create_dir(&f.i("a.txt/q"), true, 0o755).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(20 /* ENOTDIR */));
    let e = fs.create_dir(&f.i("a.txt"), true, 0o755).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(17 /* EEXIST */));
    assert_eq!(
        fs.create_dir(&f.i("solo"), false, 0o700).unwrap(),
        Some(f.i("solo"))
    );
}

#[test]
fn rename_inside_a_grant() {
    let f = fx();
    let fs = f.rw();
    fs.rename(&f.i("a.txt"), &f.i("sub/moved.txt")).unwrap();
    assert_eq!(fs.read(&f.i("sub/moved.txt")).unwrap(), b"A");
    assert!(!f.i("a.txt").exists());
    let e = fs.rename(&f.i("nope"), &f.i("x")).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(2 /* ENOENT */));
}

#[test]
fn copy_with_exclusive() {
    let f = fx();
    let fs = f.rw();
    fs::set_permissions(f.i("a.txt"), fs::Permissions::from_mode(0o640)).unwrap();
    fs.copy_file(&f.i("a.txt"), &f.i("c.txt"), true).unwrap();
    assert_eq!(fs.read(&f.i("c.txt")).unwrap(), b"A");
    assert_eq!(fs.stat(&f.i("c.txt"), true).unwrap().mode & 0o777, 0o640);
    let e = fs
        .copy_file(&f.i("sub/b.txt"), &f.i("c.txt"), true)
        .unwrap_err();
    assert_eq!(e.raw_os_error(), Some(17 /* EEXIST */));
    fs.copy_file(&f.i("sub/b.txt"), &f.i("c.txt"), false)
        .unwrap();
    assert_eq!(fs.read(&f.i("c.txt")).unwrap(), b"B");
}

#[test]
fn errors_keep_raw_errno() {
    let f = fx();
    let fs = f.rw();
    let code = |r: Result<(), FsError>| r.unwrap_err().raw_os_error();
    assert_eq!(code(fs.read(&f.i("nope")).map(|_| ())), Some(2));
    assert_eq!(code(fs.remove_dir(&f.i("sub"))), Some(39 /* ENOTEMPTY */));
    assert_eq!(code(fs.read_dir(&f.i("a.txt")).map(|_| ())), Some(20));
    assert_eq!(code(fs.remove_file(&f.i("sub"))), Some(21 /* EISDIR */));
    assert_eq!(
        code(fs.write(&f.i("a.txt"), b"x", false, true, 0o644)),
        Some(17)
    );
    assert_eq!(code(fs.read(&f.i("sub")).map(|_| ())), Some(21));
}

#[test]
fn stat_times_and_links() {
    let f = fx();
    let fs = f.rw();
    fs.set_times(
        &f.i("a.txt"),
        Some(1_000_000_000_500),
        Some(2_000_000_000_000),
        true,
    )
    .unwrap();
    let s = fs.stat(&f.i("a.txt"), true).unwrap();
    assert_eq!(s.size, 1);
    assert_eq!(s.atime_ns, 1_000_000_000_500);
    assert_eq!(s.mtime_ns, 2_000_000_000_000);
    assert_eq!(s.nlink, 1);
    let m = fs::metadata(f.i("a.txt")).unwrap();
    assert_eq!((s.dev, s.ino), (m.dev(), m.ino()));
    fs.set_times(&f.i("a.txt"), None, Some(3_000_000_000_000), true)
        .unwrap();
    let s2 = fs.stat(&f.i("a.txt"), true).unwrap();
    assert_eq!(s2.atime_ns, 1_000_000_000_500);
    assert_eq!(s2.mtime_ns, 3_000_000_000_000);
    fs.set_permissions(&f.i("a.txt"), 0o600).unwrap();
    assert_eq!(fs.stat(&f.i("a.txt"), true).unwrap().mode & 0o7777, 0o600);
    fs.hard_link(&f.i("a.txt"), &f.i("a2.txt")).unwrap();
    assert_eq!(fs.stat(&f.i("a2.txt"), true).unwrap().nlink, 2);
    let file = fs.open(&f.i("a2.txt"), &OpenFlags::default()).unwrap();
    assert_eq!(CapFs::fstat(&file).unwrap().ino, s.ino);
    fs.remove_all(&f.i("sub")).unwrap();
    assert!(!f.i("sub").exists());
    fs.truncate(&f.i("a.txt"), 0).unwrap();
    assert_eq!(fs.read(&f.i("a2.txt")).unwrap(), b"");
}

#[test]
fn grant_root_itself() {
    let f = fx();
    let fs = f.rw();
    assert!(fs.stat(&f.inside, true).is_ok());
    assert!(!fs.read_dir(&f.inside).unwrap().is_empty());
    denied(fs.remove_all(&f.inside));
    denied(fs.rename(&f.inside, &f.i("x")));
    assert_eq!(fs.create_dir(&f.inside, true, 0o755).unwrap(), None);
    assert!(fs.allows(&f.i("deep/er"), Access::Write));
    assert!(!fs.allows(&f.outside, Access::Read));
}

#[test]
fn dangling_symlink_create_is_rerouted_and_rechecked() {
    let f = fx();
    f.link("sub/new.txt", "dang");
    f.link("protected/new.txt", "dang_prot");
    f.link(f.i("sub/abs_new.txt"), "dang_abs");
    f.link("loop2", "loop1");
    f.link("loop1", "loop2");
    let fs = carved(&f); // carve-outs force the checked create path
    fs.write(&f.i("dang"), b"made", false, false, 0o644)
        .unwrap();
    assert_eq!(fs::read(f.i("sub/new.txt")).unwrap(), b"made");
    fs.write(&f.i("dang_abs"), b"made", false, false, 0o644)
        .unwrap();
    assert_eq!(fs::read(f.i("sub/abs_new.txt")).unwrap(), b"made");
    denied(fs.write(&f.i("dang_prot"), b"pwn", false, false, 0o644));
    assert!(!f.i("protected/new.txt").exists());
    refused(fs.write(&f.i("loop1"), b"x", false, false, 0o644));
    f.outside_unchanged();
}

#[test]
fn absolute_symlink_inside_same_grant_is_rerouted() {
    let f = fx();
    f.link(f.i("sub/b.txt"), "abs_in");
    f.link(f.i("abs_in"), "abs_chain");
    f.link(f.secret(), "abs_out");
    let fs = f.rw();
    assert_eq!(fs.read(&f.i("abs_in")).unwrap(), b"B");
    assert_eq!(fs.read(&f.i("abs_chain")).unwrap(), b"B");
    fs.write(&f.i("abs_in"), b"B2", false, false, 0o644)
        .unwrap();
    assert_eq!(fs::read(f.i("sub/b.txt")).unwrap(), b"B2");
    denied(fs.read(&f.i("abs_out")));
    denied(fs.write(&f.i("abs_out"), b"pwn", false, false, 0o644));
    f.link("self_loop", "self_loop");
    refused(fs.read(&f.i("self_loop")));
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// More races: a symlink (or a symlinked parent) swapped in under every other kind of operation
// ---------------------------------------------------------------------------------------------

/// Swaps directory `name` between a real directory (holding a harmless `secret.txt`) and a
/// symlink to `outside/` until `stop`.
fn dir_swapper(f: &Fx, name: &str, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    let dir = f.i(name);
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("secret.txt"), b"harmless").unwrap();
    let (lnk, real, outside) = (
        f.i(&format!("{name}.lnk")),
        f.i(&format!("{name}.real")),
        f.outside.clone(),
    );
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let _ = fs::remove_file(&lnk);
            symlink(&outside, &lnk).unwrap();
            let _ = fs::rename(&dir, &real);
            let _ = fs::rename(&lnk, &dir);
            std::thread::yield_now();
            let _ = fs::remove_file(&dir);
            let _ = fs::rename(&real, &dir);
        }
    })
}

fn secret_ino(f: &Fx) -> u64 {
    fs::metadata(f.secret()).unwrap().ino()
}

fn for_a_while(mut body: impl FnMut()) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(1000) {
        body();
    }
}

#[test]
fn race_symlink_swap_during_open_and_fstat() {
    let f = fx();
    fs::write(f.i("orace"), b"harmless").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let h = swapper(&f, "orace", stop.clone());
    let fs = f.rw();
    let ino = secret_ino(&f);
    let mut opened = 0;
    for_a_while(|| {
        for flags in [
            OpenFlags::default(),
            OpenFlags {
                write: true,
                ..OpenFlags::default()
            },
        ] {
            if let Ok(file) = fs.open(&f.i("orace"), &flags) {
                opened += 1;
                assert_ne!(CapFs::fstat(&file).unwrap().ino, ino, "opened the secret");
            }
        }
    });
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    assert!(opened > 0, "the race never let the harmless file open");
    f.outside_unchanged();
}

#[test]
fn race_symlink_swap_during_stat_access_and_realpath() {
    let f = fx();
    fs::write(f.i("srace"), b"harmless").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let h = swapper(&f, "srace", stop.clone());
    let fs = f.rw();
    let ino = secret_ino(&f);
    for_a_while(|| {
        if let Ok(s) = fs.stat(&f.i("srace"), true) {
            assert_ne!(s.ino, ino, "stat followed the swapped link out");
        }
        let _ = fs.access(&f.i("srace"), Access::Read);
        if let Ok(p) = fs.canonicalize(&f.i("srace")) {
            assert!(p.starts_with(&f.inside), "realpath revealed {p:?}");
        }
        if let Err(FsError::Denied { path, .. }) = fs.canonicalize(&f.i("srace")) {
            assert!(!path.starts_with(&f.outside), "denial revealed {path:?}");
        }
    });
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    f.outside_unchanged();
}

#[test]
fn race_dir_swap_during_readdir_reads_and_stats_beneath_it() {
    let f = fx();
    let stop = Arc::new(AtomicBool::new(false));
    let h = dir_swapper(&f, "rd", stop.clone());
    let fs = f.rw();
    let ino = secret_ino(&f);
    for_a_while(|| {
        if let Ok(list) = fs.read_dir(&f.i("rd")) {
            assert!(
                !list.iter().any(|e| e.name == "dir"),
                "listed outside/: {list:?}"
            );
        }
        if let Ok(data) = fs.read(&f.i("rd/secret.txt")) {
            assert_eq!(data, b"harmless");
        }
        if let Ok(s) = fs.stat(&f.i("rd/secret.txt"), true) {
            assert_ne!(s.ino, ino);
        }
        refused(fs.read(&f.i("rd/dir/inner.txt")));
    });
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    f.outside_unchanged();
}

#[test]
fn race_symlink_swap_during_rename_link_and_unlink() {
    let f = fx();
    fs::write(f.i("rrace"), b"harmless").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let h = swapper(&f, "rrace", stop.clone());
    let fs = f.rw();
    for_a_while(|| {
        // renames and hard links move or name the entry itself, never what a link points at
        if fs.rename(&f.i("rrace"), &f.i("rmoved")).is_ok() {
            if let Ok(d) = fs.read(&f.i("rmoved")) {
                assert_ne!(d, SECRET);
            }
            let _ = fs.remove_file(&f.i("rmoved"));
        }
        if fs.hard_link(&f.i("rrace"), &f.i("rhl")).is_ok() {
            if let Ok(d) = fs.read(&f.i("rhl")) {
                assert_ne!(d, SECRET);
            }
            let _ = fs.remove_file(&f.i("rhl"));
        }
        if let Ok(()) = fs.copy_file(&f.i("rrace"), &f.i("rcopy"), false) {
            assert_ne!(fs::read(f.i("rcopy")).unwrap(), SECRET);
        }
        let _ = fs.remove_file(&f.i("rrace"));
    });
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    f.outside_unchanged();
}

#[test]
fn race_dir_swap_during_mkdir_symlink_rename_into_and_metadata_changes() {
    let f = fx();
    let stop = Arc::new(AtomicBool::new(false));
    let h = dir_swapper(&f, "md", stop.clone());
    let fs = f.rw();
    for_a_while(|| {
        let _ = fs.create_dir(&f.i("md/x/y"), true, 0o755);
        let _ = fs.symlink("/etc/passwd", &f.i("md/planted"));
        let _ = fs.copy_file(&f.i("a.txt"), &f.i("md/copied"), false);
        let _ = fs.hard_link(&f.i("a.txt"), &f.i("md/hl"));
        if fs.rename(&f.i("a.txt"), &f.i("md/a.txt")).is_ok() {
            let _ = fs.rename(&f.i("md/a.txt"), &f.i("a.txt"));
        }
        let _ = fs.set_permissions(&f.i("md/secret.txt"), 0o777);
        let _ = fs.set_times(&f.i("md/secret.txt"), Some(0), Some(0), true);
        let _ = fs.truncate(&f.i("md/secret.txt"), 0);
        let _ = fs.write(&f.i("md/secret.txt"), b"PWNED", true, false, 0o644);
        for n in ["x/y", "x"] {
            let _ = fs.remove_dir(&f.i(&format!("md/{n}")));
        }
        for n in ["planted", "copied", "hl"] {
            let _ = fs.remove_file(&f.i(&format!("md/{n}")));
        }
    });
    stop.store(true, Ordering::Relaxed);
    h.join().unwrap();
    f.outside_unchanged();
}

// ---------------------------------------------------------------------------------------------
// Path-string tricks
// ---------------------------------------------------------------------------------------------

#[test]
fn a_sibling_sharing_the_grant_name_prefix_is_outside() {
    let f = fx();
    let base = f.inside.parent().unwrap().to_path_buf();
    let sib = base.join("inside-evil");
    fs::create_dir(&sib).unwrap();
    fs::write(sib.join("s.txt"), SECRET).unwrap();
    fs::write(f.i("a.txt.bak"), b"bak").unwrap();
    let fs = f.rw();
    denied(fs.read(&sib.join("s.txt")));
    denied(fs.read_dir(&sib));
    denied(fs.write(&sib.join("planted"), b"x", false, false, 0o644));
    denied(fs.create_dir(&sib.join("d"), true, 0o755));
    denied(fs.canonicalize(&sib));
    denied(fs.read(&base.join("insidex/../inside-evil/s.txt")));
    // a file grant does not cover a longer name beside it
    let file_only = CapFs::new(&f.grants(vec![f.i("a.txt")], vec![]), Path::new("/")).unwrap();
    denied(file_only.read(&f.i("a.txt.bak")));
    denied(file_only.read(&PathBuf::from(format!("{}x", f.i("a.txt").display()))));
    assert_eq!(fs::read_dir(&sib).unwrap().count(), 1);
    f.outside_unchanged();
}

#[test]
fn trailing_slash_dot_and_doubled_separator_tricks() {
    let f = fx();
    let fs = f.rw();
    let s = |p: &str| PathBuf::from(format!("{}/{p}", f.inside.display()));
    for p in [
        "../outside/secret.txt/",
        "./../outside/secret.txt",
        ".//..//outside//secret.txt",
        "sub/./../../outside/./secret.txt",
        "a.txt/../../outside/secret.txt",
        "../outside/.",
        "../outside/dir/..",
    ] {
        if let Ok(d) = fs.read(&s(p)) {
            panic!("{p} read {d:?}");
        }
        refused(fs.read_dir(&s(p)));
        refused(fs.stat(&s(p), true));
        refused(fs.canonicalize(&s(p)));
    }
    denied(fs.write(&s("../outside/new.txt/"), b"x", false, false, 0o644));
    denied(fs.create_dir(&s("../outside/./newdir/"), true, 0o755));
    denied(fs.remove_all(&s("../outside/dir/.")));
    denied(fs.remove_all(&s("sub/../../outside/")));
    f.outside_unchanged();
}

#[test]
fn nul_bytes_in_paths_are_rejected_not_truncated() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let f = fx();
    let fs = f.rw();
    let with_nul = |rest: &[u8]| {
        let mut b = f.inside.as_os_str().as_bytes().to_vec();
        b.extend_from_slice(rest);
        PathBuf::from(OsStr::from_bytes(&b))
    };
    // truncated at the NUL this would be inside/a.txt; the rest would lead out
    let p = with_nul(b"/a.txt\0/../../outside/secret.txt");
    refused(fs.read(&p));
    refused(fs.stat(&p, true));
    refused(fs.write(
        &with_nul(b"/x\0/../../outside/planted"),
        b"x",
        false,
        false,
        0o644,
    ));
    refused(fs.create_dir(&with_nul(b"/../outside\0/d"), true, 0o755));
    refused(fs.symlink("../outside\0/secret.txt", &f.i("nul-link")));
    assert!(!f.i("x").exists() && !f.i("nul-link").exists());
    assert_eq!(fs::read(f.i("a.txt")).unwrap(), b"A");
    f.outside_unchanged();
}

#[test]
fn very_long_paths_fail_without_escaping_or_panicking() {
    let f = fx();
    let fs = f.rw();
    let deep_up = f
        .inside
        .join("sub/".to_string() + &"x/../".repeat(5000) + "../../outside/secret.txt");
    denied(fs.read(&deep_up));
    let long_name = f.i(&"n".repeat(300));
    let e = fs.write(&long_name, b"x", false, false, 0o644).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(36 /* ENAMETOOLONG */));
    let deep = f.i(&"d/".repeat(3000));
    refused(fs.create_dir(&deep, true, 0o755));
    let deep_link = f.i(&"../outside/".repeat(500));
    refused(fs.read_dir(&deep_link));
    f.outside_unchanged();
}

#[test]
fn outside_existence_is_not_an_oracle() {
    let f = fx();
    let exists = f.link("../outside/secret.txt", "to_existing");
    let missing = f.link("../outside/missing.txt", "to_missing");
    let exists_abs = f.link(f.secret(), "abs_existing");
    let missing_abs = f.link(f.o("missing.txt"), "abs_missing");
    let fs = f.rw();
    let shape = |r: Result<Stat, FsError>| match r {
        Err(FsError::Denied { access, .. }) => format!("denied {access:?}"),
        Err(FsError::Io(e)) => format!("io {:?}", e.raw_os_error()),
        Ok(_) => "ok".into(),
    };
    for (a, b) in [(&exists, &missing), (&exists_abs, &missing_abs)] {
        assert_eq!(shape(fs.stat(a, true)), shape(fs.stat(b, true)));
        assert!(shape(fs.stat(a, true)).starts_with("denied"));
        assert_eq!(
            fs.access(a, Access::Read).is_err(),
            fs.access(b, Access::Read).is_err()
        );
        assert_eq!(
            format!(
                "{:?}",
                fs.canonicalize(a).map(|_| ()).map_err(|e| e.is_denied())
            ),
            format!(
                "{:?}",
                fs.canonicalize(b).map(|_| ()).map_err(|e| e.is_denied())
            ),
        );
    }
    assert_eq!(
        shape(fs.stat(&f.secret(), true)),
        shape(fs.stat(&f.o("missing.txt"), true))
    );
    assert_eq!(
        fs.read_dir(&f.o("dir"))
            .map(|_| ())
            .map_err(|e| e.is_denied()),
        fs.read_dir(&f.o("nodir"))
            .map(|_| ())
            .map_err(|e| e.is_denied())
    );
    f.outside_unchanged();
}

#[test]
fn copy_or_hard_link_onto_a_dangling_link_out_creates_nothing_outside() {
    let f = fx();
    let dang = f.link("../outside/created.txt", "dang");
    let dang_abs = f.link(f.o("created_abs.txt"), "dang_abs");
    let fs = f.rw();
    for d in [&dang, &dang_abs] {
        refused(fs.copy_file(&f.i("a.txt"), d, false));
        refused(fs.copy_file(&f.i("a.txt"), d, true));
        refused(fs.hard_link(&f.i("a.txt"), d));
        refused(fs.open(
            d,
            &OpenFlags {
                write: true,
                create: true,
                exclusive: true,
                ..OpenFlags::default()
            },
        ));
    }
    assert!(!f.o("created.txt").exists() && !f.o("created_abs.txt").exists());
    // renaming onto the link replaces the link itself, inside the grant
    fs.rename(&f.i("sub/b.txt"), &dang).unwrap();
    assert_eq!(fs::read(&dang).unwrap(), b"B");
    f.outside_unchanged();
}
