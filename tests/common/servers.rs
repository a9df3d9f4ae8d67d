//! Real Git servers on localhost for the tests of a shared register: a bare repository by
//! path, `git daemon` (git://) and Git's smart HTTP (`git http-backend` behind a small CGI
//! server written here, std only). Each is started by the test on a free port, answers
//! before its constructor returns, and is stopped when dropped. Nothing reads the
//! machine's git config: every git process gets [`hermetic`]'s environment.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The name, e-mail and date of every commit plain git makes in the tests.
const GIT_IDENTITY: [(&str, &str); 6] = [
    ("GIT_AUTHOR_NAME", "Kollega"),
    ("GIT_AUTHOR_EMAIL", "kollega@example.org"),
    ("GIT_AUTHOR_DATE", "2026-03-27T12:00:00+01:00"),
    ("GIT_COMMITTER_NAME", "Kollega"),
    ("GIT_COMMITTER_EMAIL", "kollega@example.org"),
    ("GIT_COMMITTER_DATE", "2026-03-27T12:00:00+01:00"),
];

/// How long a server may take to start answering before the test gives up on it: a guard
/// against a hang, never a measure of speed.
const START_LIMIT: Duration = Duration::from_secs(60);

/// `command` without the machine's git configuration, with a fixed identity for commits.
pub fn hermetic(command: &mut Command) -> &mut Command {
    command
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        // A hook that runs the tool under a server sees only what the test sets.
        .env_remove("INCIDENT_LANG")
        .env_remove("INCIDENT_REGISTER")
        .envs(GIT_IDENTITY)
}

/// Runs plain git in `dir`, hermetically; the output, whatever the exit.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    hermetic(Command::new("git").args(args).current_dir(dir))
        .output()
        .unwrap()
}

/// Runs plain git in `dir` and fails the test when it fails; its stdout, trimmed.
pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let output = git(dir, args);
    assert!(
        output.status.success(),
        "git {args:?} in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Something a clone can push to and fetch from.
pub trait Remote {
    fn url(&self) -> String;
}

/// A bare repository `<name>.git` in a folder of its own, with `main` as its branch; its
/// path is a URL too.
pub struct BareRepo {
    base: TempDir,
    name: String,
}

impl BareRepo {
    pub fn new(name: &str) -> BareRepo {
        let base = TempDir::new().unwrap();
        let repo = format!("{name}.git");
        git_ok(
            base.path(),
            &["init", "--quiet", "--bare", "--initial-branch=main", &repo],
        );
        BareRepo {
            base,
            name: name.to_string(),
        }
    }

    /// The folder the servers serve from (holding `<name>.git`).
    pub fn base(&self) -> &Path {
        self.base.path()
    }

    /// The bare repository itself.
    pub fn path(&self) -> PathBuf {
        self.base.path().join(format!("{}.git", self.name))
    }

    /// Installs `incident hook pre-receive` as the server's pre-receive hook, as the
    /// README tells an organisation's Git server to.
    pub fn guard_with_hook(&self) {
        let hook = self.path().join("hooks/pre-receive");
        let binary = assert_cmd::cargo::cargo_bin("incident");
        std::fs::write(
            &hook,
            format!("#!/bin/sh\nexec '{}' hook pre-receive\n", binary.display()),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }

    /// The file name in URLs: `<name>.git`.
    pub fn file_name(&self) -> String {
        format!("{}.git", self.name)
    }

    /// The commit id a ref points at in the bare repository, if it exists.
    pub fn rev(&self, reference: &str) -> Option<String> {
        let output = git(
            &self.path(),
            &["rev-parse", "--verify", "--quiet", reference],
        );
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
    }
}

impl Remote for BareRepo {
    fn url(&self) -> String {
        self.path().to_string_lossy().into_owned()
    }
}

/// A port nobody listens on now (the OS's pick for port 0).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn accepts(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// `git daemon` serving a [`BareRepo`]'s folder over git://, pushes allowed.
pub struct Daemon {
    child: Child,
    port: u16,
    name: String,
}

impl Daemon {
    pub fn start(repo: &BareRepo) -> Daemon {
        // The port is free when picked, but another process may take it before the daemon
        // binds it: then the daemon exits, and another port is tried.
        for _ in 0..5 {
            let port = free_port();
            let mut child = hermetic(
                Command::new("git")
                    .arg("daemon")
                    .arg("--enable=receive-pack")
                    .arg("--export-all")
                    .arg("--informative-errors")
                    .arg(format!("--base-path={}", repo.base().display()))
                    .arg("--reuseaddr")
                    .arg("--listen=127.0.0.1")
                    .arg(format!("--port={port}"))
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null()),
            )
            .spawn()
            .unwrap();
            let started = Instant::now();
            while started.elapsed() < START_LIMIT {
                if accepts(port) {
                    return Daemon {
                        child,
                        port,
                        name: repo.file_name(),
                    };
                }
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("git daemon did not start");
    }
}

impl Remote for Daemon {
    fn url(&self) -> String {
        format!("git://127.0.0.1:{}/{}", self.port, self.name)
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Git's smart HTTP for a [`BareRepo`]'s folder: a CGI server running `git http-backend`,
/// one thread a connection, each answered and closed. Pushes are allowed (a user is set).
pub struct HttpServer {
    port: u16,
    name: String,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl HttpServer {
    pub fn start(repo: &BareRepo) -> HttpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let root = repo.base().to_path_buf();
        let stopping = Arc::clone(&stop);
        let acceptor = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || serve_connection(stream, &root));
            }
        });
        // The listener is bound before the thread starts: it accepts from now on.
        assert!(accepts(port), "the HTTP server does not accept connections");
        HttpServer {
            port,
            name: repo.file_name(),
            stop,
            acceptor: Some(acceptor),
        }
    }
}

impl Remote for HttpServer {
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/{}", self.port, self.name)
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the blocking accept so that the thread sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

/// An HTTP request as the CGI gateway needs it.
struct Request {
    method: String,
    path: String,
    query: String,
    /// Header names in lower case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Request> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let (path, query) = target
        .split_once('?')
        .map_or((target.clone(), String::new()), |(p, q)| {
            (p.to_string(), q.to_string())
        });
    let mut request = Request {
        method,
        path,
        query,
        headers,
        body: Vec::new(),
    };
    let chunked = request
        .header("transfer-encoding")
        .is_some_and(|value| value.eq_ignore_ascii_case("chunked"));
    if chunked {
        request.body = read_chunked(reader)?;
    } else if let Some(length) = request.header("content-length") {
        let mut body = vec![0; length.parse().ok()?];
        reader.read_exact(&mut body).ok()?;
        request.body = body;
    }
    Some(request)
}

/// A body in HTTP/1.1's chunked encoding, decoded (Git sends large pushes so).
fn read_chunked(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size_line = String::new();
        reader.read_line(&mut size_line).ok()?;
        let size_text = size_line.trim().split(';').next()?;
        let size = usize::from_str_radix(size_text, 16).ok()?;
        if size == 0 {
            // The trailer, if any, ends with an empty line.
            loop {
                let mut trailer = String::new();
                reader.read_line(&mut trailer).ok()?;
                if trailer.trim().is_empty() {
                    return Some(body);
                }
            }
        }
        let start = body.len();
        body.resize(start + size, 0);
        reader.read_exact(&mut body[start..]).ok()?;
        let mut end = [0; 2];
        reader.read_exact(&mut end).ok()?;
    }
}

fn serve_connection(stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let Some(request) = read_request(&mut reader) else {
        return;
    };
    let response = run_backend(&request, root);
    let mut stream = stream;
    let _ = stream.write_all(&response);
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

/// Runs `git http-backend` as a CGI program for `request`; its answer as an HTTP/1.1
/// response that closes the connection.
fn run_backend(request: &Request, root: &Path) -> Vec<u8> {
    let mut command = Command::new("git");
    hermetic(&mut command)
        .arg("http-backend")
        .env("GIT_PROJECT_ROOT", root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("GATEWAY_INTERFACE", "CGI/1.1")
        .env("SERVER_PROTOCOL", "HTTP/1.1")
        .env("REQUEST_METHOD", &request.method)
        .env("PATH_INFO", &request.path)
        .env("QUERY_STRING", &request.query)
        .env("CONTENT_LENGTH", request.body.len().to_string())
        // A user is what http-backend needs to allow receive-pack (pushes).
        .env("REMOTE_USER", "test")
        .env("REMOTE_ADDR", "127.0.0.1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (header, variable) in [
        ("content-type", "CONTENT_TYPE"),
        ("content-encoding", "HTTP_CONTENT_ENCODING"),
        ("git-protocol", "GIT_PROTOCOL"),
    ] {
        if let Some(value) = request.header(header) {
            command.env(variable, value);
        }
    }
    let mut child = command.spawn().unwrap();
    // The body is written on its own thread: the backend may answer before reading all.
    let mut stdin = child.stdin.take().unwrap();
    let body = request.body.clone();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&body);
    });
    let output = child.wait_with_output().unwrap();
    let _ = writer.join();
    http_response(&output.stdout)
}

/// A CGI program's output (headers, an empty line, the body) as an HTTP/1.1 response.
fn http_response(cgi: &[u8]) -> Vec<u8> {
    let (head, body) = split_cgi(cgi);
    let mut status = "200 OK".to_string();
    let mut headers = String::new();
    for line in String::from_utf8_lossy(head).lines() {
        match line.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("status") => {
                status = value.trim().to_string();
            }
            Some(_) => headers.push_str(&format!("{line}\r\n")),
            None => {}
        }
    }
    let mut response = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(body);
    response
}

/// The header block and the body of a CGI output, split at the first empty line (CRLF or LF).
fn split_cgi(cgi: &[u8]) -> (&[u8], &[u8]) {
    for (index, window) in cgi.windows(2).enumerate() {
        if window == b"\n\n" {
            return (&cgi[..index], &cgi[index + 2..]);
        }
        if window == b"\r\n" && cgi[index + 2..].starts_with(b"\r\n") {
            return (&cgi[..index], &cgi[index + 4..]);
        }
    }
    (cgi, &[])
}
