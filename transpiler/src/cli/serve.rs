//! `miniport serve`: a small static file server for previewing a converted app on localhost
//! (one thread per connection, `Connection: close`; for preview, not for production). Every
//! response carries the headers of the output's `_headers` file (the page's
//! Content-Security-Policy with `frame-ancestors`, `nosniff`, the referrer policy).

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::{ServeArgs, EXIT_FATAL};

pub fn run(args: &ServeArgs) -> i32 {
    let Ok(root) = args.dir.canonicalize() else {
        eprintln!(
            "error[cli::no-input]: `{}` does not exist",
            args.dir.display()
        );
        return EXIT_FATAL;
    };
    if !root.join("index.html").is_file() {
        eprintln!(
            "error[cli::not-converted]: `{}` has no index.html\n  help: run `miniport convert <src> -o {}` first",
            args.dir.display(),
            args.dir.display()
        );
        return EXIT_FATAL;
    }
    let listener = match TcpListener::bind((args.host.as_str(), args.port)) {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!(
                "error[cli::serve]: cannot listen on {}:{}: {err}",
                args.host, args.port
            );
            return EXIT_FATAL;
        }
    };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|_| format!("{}:{}", args.host, args.port));
    eprintln!(
        "serving `{}` at http://{addr}/ (Ctrl+C stops)",
        args.dir.display()
    );
    let headers = fs::read_to_string(root.join("_headers"))
        .map(|text| headers_for_all(&text))
        .unwrap_or_default();
    let site = Arc::new((root, headers));
    for stream in listener.incoming().flatten() {
        let site = Arc::clone(&site);
        std::thread::spawn(move || handle(&site.0, &site.1, stream));
    }
    0
}

/// The headers `_headers` (Netlify's format) gives to `/*`, every path; names must be tokens
/// and values single lines, anything else is skipped.
pub(crate) fn headers_for_all(text: &str) -> String {
    let mut out = String::new();
    let mut in_all = false;
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            in_all = line.trim() == "/*";
            continue;
        }
        let Some((name, value)) = line.trim().split_once(':') else {
            continue;
        };
        let token =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let value = value.trim();
        if in_all && token && !value.bytes().any(|b| b.is_ascii_control()) {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    out
}

/// Answers one request on `stream` with the `extra` headers and closes the connection.
fn handle(root: &Path, extra: &str, mut stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut parts = head.lines().next().unwrap_or_default().split_whitespace();
    let method = parts.next().unwrap_or_default();
    let url = parts.next().unwrap_or("/");
    let (status, body, mime) = if method == "GET" || method == "HEAD" {
        respond(root, url)
    } else {
        (
            405,
            b"method not allowed".to_vec(),
            "text/plain; charset=utf-8",
        )
    };
    let reason = match status {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let header = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n{extra}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
}

/// The file for a request path: no `..`, folders give their index.html, unknown paths
/// without an extension give the app shell (routes are paths).
fn respond(root: &Path, url: &str) -> (u16, Vec<u8>, &'static str) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path);
    let Some(rel) = miniport::source::normalize_path(decoded.trim_start_matches('/')) else {
        return (403, b"forbidden".to_vec(), "text/plain; charset=utf-8");
    };
    let mut file: PathBuf = root.join(&rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    if !file.is_file() && !rel.rsplit('/').next().unwrap_or("").contains('.') {
        file = root.join("index.html");
    }
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) => match fs::read(&real) {
            Ok(body) => (200, body, mime(&real)),
            Err(_) => (404, b"not found".to_vec(), "text/plain; charset=utf-8"),
        },
        _ => (404, b"not found".to_vec(), "text/plain; charset=utf-8"),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn mime(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff") => "font/woff",
        Some("woff2") => "font/woff2",
        Some("ttf") => "font/ttf",
        Some("otf") => "font/otf",
        Some("mp3") => "audio/mpeg",
        Some("mp4") => "video/mp4",
        Some("wav") => "audio/wav",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
