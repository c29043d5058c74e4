//! Live reload: what the browser is told after each rebuild, and the script
//! the server adds to every HTML page it sends (never to `output/`).

use std::sync::Mutex;

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

impl Message {
    /// The SSE event name and its data.
    pub(super) fn event(&self) -> (&'static str, String) {
        match self {
            Message::Reload => ("reload", String::new()),
            Message::Css => ("css", String::new()),
            Message::Error(text) => ("build-error", json_string(text)),
        }
    }
}

/// Sends messages to every connected browser and remembers whether the last
/// build failed, so a page opened afterwards shows the error too.
#[derive(Debug)]
pub(super) struct Hub {
    sender: broadcast::Sender<Message>,
    last_error: Mutex<Option<String>>,
}

impl Hub {
    /// A hub with no browsers yet.
    pub(super) fn new() -> Self {
        Hub {
            sender: broadcast::channel(16).0,
            last_error: Mutex::new(None),
        }
    }

    /// Tells every browser.
    pub(super) fn send(&self, message: Message) {
        *self.last_error.lock().unwrap_or_else(|e| e.into_inner()) = match &message {
            Message::Error(text) => Some(text.clone()),
            _ => None,
        };
        let _ = self.sender.send(message);
    }

    /// A new browser's view: the current error, if any, and what comes next.
    pub(super) fn subscribe(&self) -> (Option<Message>, broadcast::Receiver<Message>) {
        let error = self
            .last_error
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        (error.map(Message::Error), self.sender.subscribe())
    }
}

/// A JSON string literal, so that text with line breaks fits one SSE data line.
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

/// The path of the event stream.
pub(super) const EVENTS_PATH: &str = "/__malbild/events";

/// The script added before `</body>` of every HTML page the server sends.
pub(super) const SCRIPT: &str = r#"<script>
(function () {
  "use strict";
  var key = "malbild-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
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
    title.textContent = "malbild: the site could not be built";
    title.style.cssText = "display:block;font-size:1.25rem;margin-bottom:1rem;color:#b00020";
    var pre = document.createElement("pre");
    pre.textContent = text;
    pre.style.cssText = "white-space:pre-wrap;font:14px/1.45 ui-monospace,monospace;margin:0";
    box.appendChild(title);
    box.appendChild(pre);
  }
  var events = new EventSource("__EVENTS__");
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("css", function () {
    overlay(null);
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("malbild", String(Date.now()));
      link.href = url.toString();
    });
  });
  events.addEventListener("build-error", function (e) { overlay(JSON.parse(e.data)); });
})();
</script>
"#;

/// Adds the live-reload script to an HTML page.
pub(super) fn inject(html: &str) -> String {
    let script = SCRIPT.replace("__EVENTS__", EVENTS_PATH);
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
        let out = inject("<html><body><p>x</p></body></html>");
        assert!(out.starts_with("<html><body><p>x</p><script>"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("new EventSource(\"/__malbild/events\")"));
    }

    #[test]
    fn errors_travel_as_one_json_line() {
        let (name, data) = Message::Error("a.md:3:1: error: \"x\"\n  = hint".into()).event();
        assert_eq!(name, "build-error");
        assert_eq!(data, r#""a.md:3:1: error: \"x\"\n  = hint""#);
        assert!(!data.contains('\n'));
    }
}
