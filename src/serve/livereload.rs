//! Live reload: what the browser is told after each rebuild, and the script
//! the server adds to every HTML page it sends (never to `output/`).
//!
//! The browser keeps one WebSocket to [`SOCKET_PATH`]. Every message is one
//! JSON object with a `type` (`hello`, `reload`, `css`, `error`), so nothing a
//! browser receives is ever empty. (The first version used server-sent events
//! with no `data:` line, which browsers never dispatch; a WebSocket also
//! escapes the six-connections-per-host limit that event streams share with
//! page loads, so ten open tabs still load pages.)
//!
//! Each page is sent with the *generation* of the build it comes from. The
//! socket's first message names the current generation: a page loaded just
//! before a rebuild, or kept open while the server was restarted, sees that
//! it is stale and reloads, so no edit is missed between the page load and
//! the socket's opening.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::broadcast;

/// What the browser should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Message {
    /// The site was rebuilt: reload the page, keeping the scroll position.
    Reload,
    /// Only stylesheets changed: swap them without reloading.
    Css,
    /// The build failed: show this text over the page.
    Error(String),
}

/// Sends messages to every connected browser and remembers the state a newly
/// opened page needs: the current generation and the error of a failed build.
#[derive(Debug)]
pub(super) struct Hub {
    sender: broadcast::Sender<String>,
    /// Differs between two runs of the server, so a page from an earlier
    /// run never looks current.
    run: u64,
    generation: AtomicU64,
    last_error: Mutex<Option<String>>,
}

impl Hub {
    /// A hub with no browsers yet.
    pub(super) fn new() -> Self {
        let run = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        Hub {
            sender: broadcast::channel(16).0,
            run,
            generation: AtomicU64::new(0),
            last_error: Mutex::new(None),
        }
    }

    /// The generation of the pages in the output folder now.
    pub(super) fn generation(&self) -> String {
        format!("{}-{}", self.run, self.generation.load(Ordering::SeqCst))
    }

    /// Tells every browser. A reload or a stylesheet swap starts a new
    /// generation.
    pub(super) fn send(&self, message: Message) {
        let mut error = self.last_error.lock().unwrap_or_else(|e| e.into_inner());
        *error = match &message {
            Message::Error(text) => Some(text.clone()),
            _ => None,
        };
        if matches!(message, Message::Reload | Message::Css) {
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
        // Sent while holding the lock, so `subscribe` never falls between.
        let _ = self.sender.send(self.json(&message));
    }

    /// Whether the last build failed.
    pub(super) fn failing(&self) -> bool {
        self.last_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }

    /// A new browser's first messages (the generation, then the current
    /// error, if any) and a receiver for what comes next.
    pub(super) fn subscribe(&self) -> (Vec<String>, broadcast::Receiver<String>) {
        // Subscribe while holding the lock that `send` takes, so no message
        // falls between the first ones and the receiver.
        let error = self.last_error.lock().unwrap_or_else(|e| e.into_inner());
        let receiver = self.sender.subscribe();
        let mut first = vec![format!(
            r#"{{"type":"hello","generation":{}}}"#,
            json_string(&self.generation())
        )];
        if let Some(text) = error.as_ref() {
            first.push(self.json(&Message::Error(text.clone())));
        }
        (first, receiver)
    }

    fn json(&self, message: &Message) -> String {
        let generation = json_string(&self.generation());
        match message {
            Message::Reload => format!(r#"{{"type":"reload","generation":{generation}}}"#),
            Message::Css => format!(r#"{{"type":"css","generation":{generation}}}"#),
            Message::Error(text) => {
                format!(r#"{{"type":"error","text":{}}}"#, json_string(text))
            }
        }
    }
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The path of the live-reload WebSocket.
pub(super) const SOCKET_PATH: &str = "/__malbild/live";

/// The script added before `</body>` of every HTML page the server sends.
/// `__GENERATION__` is replaced by the page's generation.
pub(super) const SCRIPT: &str = r#"<script>
(function () {
  "use strict";
  var generation = "__GENERATION__";
  var key = "malbild-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    if ("scrollRestoration" in history) { history.scrollRestoration = "manual"; }
    // "instant": the theme scrolls smoothly, and a reload should land where
    // the writer was, not glide there from the top.
    var back = function () { window.scrollTo({ top: y, left: 0, behavior: "instant" }); };
    back();
    window.addEventListener("load", back);
  }
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  function overlay(text) {
    var box = document.getElementById("malbild-overlay");
    if (text === null) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "malbild-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:70vh;" +
        "z-index:2147483647;overflow:auto;background:#fff;color:#1a1a1a;" +
        "border:4px solid #b00020;padding:1.5rem;font:16px/1.5 system-ui,sans-serif;" +
        "box-shadow:0 .5rem 2rem rgba(0,0,0,.35)";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("strong");
    title.textContent = __TITLE__;
    title.style.cssText = "display:block;font-size:1.25rem;margin-bottom:1rem;color:#b00020";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText = "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:0";
    box.appendChild(title);
    box.appendChild(pre);
  }
  function swapStylesheets() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("malbild", String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.toString();
      // The old sheet stays until the new one has loaded: no flash of an
      // unstyled page.
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { link.remove(); });
      link.after(fresh);
    });
  }
  var delay = 500;
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") +
      location.host + "__SOCKET__");
    socket.onopen = function () { delay = 500; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "hello") {
        if (message.generation !== generation) { reload(); }
      } else if (message.type === "reload") {
        reload();
      } else if (message.type === "css") {
        generation = message.generation;
        overlay(null);
        swapStylesheets();
      } else if (message.type === "error") {
        overlay(message.text);
      }
    };
    socket.onclose = function () {
      // The server stopped or restarted: try again, less and less often.
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }
  connect();
})();
</script>
"#;

/// Adds the live-reload script, for a page of `generation`, to an HTML page.
pub(super) fn inject(html: &str, generation: &str) -> String {
    let script = SCRIPT
        .replace("__SOCKET__", SOCKET_PATH)
        .replace("__GENERATION__", generation)
        .replace(
            "__TITLE__",
            &serde_json::to_string(crate::words::w().panel_title()).unwrap_or_default(),
        );
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        let out = inject("<html><body><p>x</p></body></html>", "7-3");
        assert!(out.starts_with("<html><body><p>x</p><script>"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("location.host + \"/__malbild/live\""));
        assert!(out.contains("var generation = \"7-3\";"));
    }

    #[test]
    fn every_message_has_data_and_a_type() {
        let hub = Hub::new();
        let (first, mut receiver) = hub.subscribe();
        assert_eq!(
            first,
            [format!(
                r#"{{"type":"hello","generation":"{}-0"}}"#,
                hub.run
            )]
        );
        hub.send(Message::Error("a.md:3:1: error: \"x\"\n  = hint".into()));
        assert_eq!(
            receiver.try_recv().unwrap(),
            r#"{"type":"error","text":"a.md:3:1: error: \"x\"\n  = hint"}"#
        );
        assert!(hub.failing());
        // A page opened now gets the error after the hello.
        let (first, _) = hub.subscribe();
        assert_eq!(first.len(), 2);
        assert!(first[1].contains(r#""type":"error""#));
        hub.send(Message::Reload);
        assert_eq!(
            receiver.try_recv().unwrap(),
            format!(r#"{{"type":"reload","generation":"{}-1"}}"#, hub.run)
        );
        assert!(!hub.failing());
        hub.send(Message::Css);
        assert!(receiver.try_recv().unwrap().contains(r#""type":"css""#));
        assert_eq!(hub.generation(), format!("{}-2", hub.run));
    }
}
