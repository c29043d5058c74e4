//! The preview server: files of the output folder over HTTP, with the live
//! reload script added to HTML and a WebSocket for the browser.
//!
//! It never serves anything outside the output folder: paths are decoded
//! once, `..` is refused, and the resolved file must lie inside the folder
//! after symbolic links are followed.

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::extract::ws::{Message as Frame, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;

use super::ServeOptions;
use super::livereload::{self, Hub};

/// A running server.
#[derive(Debug)]
pub(super) struct Server {
    /// Where to open the site.
    pub(super) url: String,
}

#[derive(Clone)]
struct Shared {
    root: PathBuf,
    hub: Arc<Hub>,
}

/// Binds the port (or the next free one, said out loud) and serves `root`
/// on a thread of its own.
pub(super) fn start(root: PathBuf, options: &ServeOptions, hub: Arc<Hub>) -> Result<Server> {
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {} makes the preview reachable from other computers on the network; \
             use the default --bind 127.0.0.1 unless you mean it",
            options.bind
        );
    }
    let listener = bind(options.bind, options.port)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", addr.port());
    let root = std::path::absolute(&root)?;
    let shared = Shared { root, hub };
    let app = Router::new()
        .route(livereload::SOCKET_PATH, get(socket))
        .fallback(file)
        .with_state(shared);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .with_context(|| crate::words::w().cannot_start_server())?;
    std::thread::Builder::new()
        .name("malbild-http".into())
        .spawn(move || {
            runtime.block_on(accept(listener, app));
        })
        .with_context(|| crate::words::w().cannot_start_server())?;
    Ok(Server { url })
}

/// Connections served at once. More are closed as soon as they come, so the
/// server never runs out of file handles (1,024 by default on Linux) and
/// stops accepting; idle ones end after [`HEADER_TIMEOUT`].
const MAX_CONNECTIONS: usize = 512;
/// How long a client may take to send a request's headers.
const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Accepts connections and serves each over HTTP/1 (with upgrades, for the
/// live-reload socket), with a header timeout and a bound on connections.
async fn accept(listener: TcpListener, app: Router) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(err) => {
            eprintln!("{}", crate::words::w().server_stopped(&err.to_string()));
            return;
        }
    };
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let (tcp, _) = match listener.accept().await {
            Ok(c) => c,
            // Out of file handles and the like: wait a little, go on.
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(tcp);
            continue;
        };
        // No Nagle delay on the small live-reload messages.
        let _ = tcp.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            let _ = http
                .serve_connection(hyper_util::rt::TokioIo::new(tcp), service)
                .with_upgrades()
                .await;
            drop(slot);
        });
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    let mut last = None;
    for candidate in port..port.saturating_add(20) {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                if candidate != port {
                    eprintln!("{}", crate::words::w().port_taken(port, candidate));
                }
                return Ok(listener);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => last = Some(err),
            Err(err) => {
                return Err(err)
                    .with_context(|| crate::words::w().cannot_listen(&format!("{ip}:{port}")));
            }
        }
    }
    match last {
        Some(err) => bail!(
            "{}",
            crate::words::w().ports_taken(port, port.saturating_add(19), &err.to_string())
        ),
        None => bail!(
            "{}",
            crate::words::w().cannot_listen(&format!("{ip}:{port}"))
        ),
    }
}

async fn socket(
    State(shared): State<Shared>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if let Some(refused) = refuse_host(&headers) {
        return refused;
    }
    upgrade.on_upgrade(move |socket| live(socket, shared.hub))
}

/// Whether `host` (a `Host` header) names this computer by address or as
/// `localhost`. A web page elsewhere can make a browser send its requests
/// here under a name of its own (DNS rebinding), and read the preview,
/// drafts too; such a name is never an address.
pub(super) fn host_allowed(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        // [::1]:1111
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                name
            } else {
                host
            }
        }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

fn refuse_host(headers: &HeaderMap) -> Option<Response> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if host_allowed(host) {
        return None;
    }
    Some(
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            crate::words::w().wrong_host(),
        )
            .into_response(),
    )
}

/// One browser page's connection: its first messages, then every message of
/// the hub, until the page goes away.
async fn live(mut socket: WebSocket, hub: Arc<Hub>) {
    let (first, mut receiver) = hub.subscribe();
    for text in first {
        if socket.send(Frame::Text(text.into())).await.is_err() {
            return;
        }
    }
    loop {
        tokio::select! {
            message = receiver.recv() => match message {
                Ok(text) => {
                    if socket.send(Frame::Text(text.into())).await.is_err() {
                        return;
                    }
                }
                // Too far behind to know what it missed: every page asks for itself again.
                Err(RecvError::Lagged(_)) => {
                    let reload = livereload::RELOAD_UNKNOWN;
                    if socket.send(Frame::Text(reload.into())).await.is_err() {
                        return;
                    }
                }
                Err(RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                // The page says nothing; it only closes.
                Some(Ok(Frame::Close(_))) | Some(Err(_)) | None => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// The file of the output folder that `path` (still percent-encoded) names.
pub(super) fn resolve(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(':') => return None,
            s => file.push(s),
        }
    }
    let real = file.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    real.starts_with(&real_root).then_some(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` for a file name.
pub(super) fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

async fn file(
    State(shared): State<Shared>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = refuse_host(&headers) {
        return refused;
    }
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "",
        )
            .into_response();
    }
    let path = uri.path();
    let Some(mut found) = resolve(&shared.root, path) else {
        return not_found(&shared).await;
    };
    if found.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/");
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, location)],
                "",
            )
                .into_response();
        }
        found.push("index.html");
        if !found.is_file() {
            return not_found(&shared).await;
        }
    }
    match send(&shared, &found, StatusCode::OK).await {
        Some(response) => response,
        None => not_found(&shared).await,
    }
}

async fn not_found(shared: &Shared) -> Response {
    let page = shared.root.join("404.html");
    match send(shared, &page, StatusCode::NOT_FOUND).await {
        Some(response) => response,
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Sidan finns inte.",
        )
            .into_response(),
    }
}

async fn send(shared: &Shared, path: &Path, status: StatusCode) -> Option<Response> {
    // The generation before the file is read: if a rebuild ends in between,
    // the page looks older than it is and reloads once more, never the other
    // way round.
    let generation = shared.hub.generation();
    let kind = content_type(path);
    let mut length = None;
    let body = if kind.starts_with("text/html") {
        let bytes = tokio::fs::read(path).await.ok()?;
        Body::from(livereload::inject(
            &String::from_utf8_lossy(&bytes),
            &generation,
            status.as_u16(),
        ))
    } else {
        // Streamed: forty clients asking for a 100 MB PDF do not hold forty
        // copies of it in memory.
        let file = tokio::fs::File::open(path).await.ok()?;
        length = file.metadata().await.ok().map(|m| m.len());
        Body::from_stream(tokio_util::io::ReaderStream::new(file))
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Some(length) = length {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    Some(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_outside_the_root_is_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("output");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "x").unwrap();
        std::fs::write(root.join("min sida.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        let cases = [
            ("/a/index.html", true),
            ("/a/", true),
            ("/min%20sida.html", true),
            ("/../secret.txt", false),
            ("/a/../../secret.txt", false),
            ("/%2e%2e/secret.txt", false),
            ("/%2E%2E%2Fsecret.txt", false),
            ("/a/%2e%2e%2f%2e%2e%2fsecret.txt", false),
            ("/..%5csecret.txt", false),
            ("//etc/passwd", false),
            ("/link.txt", false),
            ("/%ff", false),
            ("/%", false),
            ("/a/index.html%00", false),
        ];
        for (path, ok) in cases {
            assert_eq!(resolve(&root, path).is_some(), ok, "{path}");
        }
    }

    // See: issue 12, item 6 (DNS rebinding).
    #[test]
    fn only_addresses_and_localhost_are_hosts() {
        for (host, ok) in [
            ("127.0.0.1:1111", true),
            ("localhost:1111", true),
            ("LOCALHOST", true),
            ("app.localhost:1111", true),
            ("[::1]:1111", true),
            ("192.168.1.20:1111", true),
            ("10.0.0.5", true),
            ("evil.example:1111", false),
            ("evil.example", false),
            ("127.0.0.1.evil.example:1111", false),
            ("localhost.evil.example", false),
            ("", false),
        ] {
            assert_eq!(host_allowed(host), ok, "{host}");
        }
    }

    #[test]
    fn content_types_carry_a_charset() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("css/malbild.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("karta.SVG")), "image/svg+xml");
    }
}
