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
//! A `reload` names the files of the output folder that the rebuild wrote
//! or removed (`changed`; `null` when not known, or too many to list). A page
//! whose file is not among them does nothing. One whose file is fetches its
//! new HTML and patches itself in place (a small DOM morph: the elements that
//! stayed the same are kept, with focus, scroll, images and what was typed);
//! it reloads instead when what it loads changed (stylesheets, scripts, the
//! `<head>` apart from its title and meta), when the page or its theme runs
//! scripts of its own (they bound to elements a patch would replace), or
//! when the address no longer answers as it did (a removed page shows the
//! 404 page, as after a reload).
//!
//! Each page is sent with the *generation* of the build it comes from. The
//! socket's first message names the current generation: a page loaded just
//! before a rebuild, or kept open while the server was restarted, sees that
//! it is stale and fetches itself again, so no edit is missed between the
//! page load and the socket's opening. A patched page takes the generation
//! of the HTML it was patched with.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::broadcast;

/// What the browser should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Message {
    /// The site was rebuilt: the files of the output folder written or
    /// removed (`None`: not known, any page may have changed). A page among
    /// them patches itself or reloads; the others do nothing.
    Reload(Option<Vec<String>>),
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
        if matches!(message, Message::Reload(_) | Message::Css) {
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
            Message::Reload(changed) => {
                let changed = match changed {
                    Some(paths) if paths.len() <= MAX_LISTED => {
                        let mut list = String::from("[");
                        for (i, path) in paths.iter().enumerate() {
                            if i > 0 {
                                list.push(',');
                            }
                            list.push_str(&json_string(path));
                        }
                        list.push(']');
                        list
                    }
                    // Every page asks for itself: one request per open tab
                    // costs less than a long list sent to each.
                    _ => "null".to_owned(),
                };
                format!(r#"{{"type":"reload","generation":{generation},"changed":{changed}}}"#)
            }
            Message::Css => format!(r#"{{"type":"css","generation":{generation}}}"#),
            Message::Error(text) => {
                format!(r#"{{"type":"error","text":{}}}"#, json_string(text))
            }
        }
    }
}

/// The most files a `reload` message lists; past it, it says `null` (any
/// page may have changed).
const MAX_LISTED: usize = 2000;

/// What the socket sends a page that fell too far behind to know what it
/// missed: any page may have changed.
pub(super) const RELOAD_UNKNOWN: &str = r#"{"type":"reload","generation":"","changed":null}"#;

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
/// `__GENERATION__` is replaced by the page's generation, `__STATUS__` by the
/// HTTP status it was sent with (404: the page of a missing address).
pub(super) const SCRIPT: &str = r#"<script id="malbild-live">
(function () {
  "use strict";
  var generation = "__GENERATION__";
  var status = __STATUS__;
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

  // ------------------------------------------------ patching in place
  // The file of the output folder that `url` names, as the server lists
  // the files a rebuild wrote or removed.
  function fileOf(url) {
    try {
      var path = decodeURIComponent(new URL(url, location.href).pathname);
      return (path.slice(-1) === "/" ? path + "index.html" : path).replace(/^\/+/, "");
    } catch (err) { return null; }
  }
  function ours(node) {
    return node.nodeType === 1 && (node.id === "malbild-live" || node.id === "malbild-overlay");
  }
  function runs(script) {
    var type = (script.getAttribute("type") || "").trim().toLowerCase();
    return script.id !== "malbild-live" &&
      (type === "" || type === "module" || /javascript|ecmascript/.test(type));
  }
  function scripted(doc) { return Array.prototype.some.call(doc.scripts, runs); }
  // What the page loads, which a patch cannot change (and leaves as it is).
  var LOADS = "link[rel~=stylesheet], link[rel~=preload], link[rel~=modulepreload], " +
    "link[rel~=manifest], style, base, script";
  function fixed(node) {
    return ours(node) || node.nodeType === 1 && node.matches(LOADS) && (node.tagName !== "SCRIPT" || runs(node));
  }
  function loads(doc) {
    return Array.prototype.map.call(doc.querySelectorAll(LOADS), function (el) {
      if (el.tagName === "SCRIPT" && !runs(el)) { return ""; }
      if (el.tagName !== "LINK") { return el.outerHTML; }
      return ["link", el.getAttribute("rel"), el.getAttribute("href"), el.getAttribute("media")].join(" ");
    }).join("\n");
  }
  // Taken now: the stylesheet swap changes the links' addresses later.
  var loaded = loads(document);
  var scripts = scripted(document);
  // Whether `to`'s `name` is `value` asked for anew (a picture saved again
  // gets `?malbild=`): kept, or the browser would show the old picture,
  // which it still holds under the old address.
  function fresh(to, name, value) {
    var live = to.getAttribute(name);
    if (name !== "src" || !live || live.indexOf("malbild=") < 0) { return false; }
    try {
      var url = new URL(live, location.href);
      url.searchParams.delete("malbild");
      return url.href === new URL(value, location.href).href;
    } catch (err) { return false; }
  }
  function attributes(to, from) {
    var i, a;
    for (i = to.attributes.length - 1; i >= 0; i--) {
      a = to.attributes[i];
      // A <details> the reader opened stays open.
      if (!from.hasAttribute(a.name) && !(a.name === "open" && to.tagName === "DETAILS")) {
        to.removeAttributeNode(a);
      }
    }
    for (i = 0; i < from.attributes.length; i++) {
      a = from.attributes[i];
      if (to.getAttribute(a.name) !== a.value && !fresh(to, a.name, a.value)) {
        if (a.namespaceURI) { to.setAttributeNS(a.namespaceURI, a.name, a.value); } else { to.setAttribute(a.name, a.value); }
      }
    }
  }
  function fits(a, b) {
    return a.nodeType === b.nodeType && a.nodeName === b.nodeName && (a.nodeType !== 1 || a.id === b.id);
  }
  function morph(to, from) {
    if (to.nodeType !== 1) {
      if (to.nodeValue !== from.nodeValue) { to.nodeValue = from.nodeValue; }
      return;
    }
    attributes(to, from);
    children(to, from, null);
  }
  // Makes the children of `to` (but those `skip` says) those of `from`:
  // equal ones are kept, one added or taken out is seen one step ahead,
  // and an element of the same name and id is patched.
  function children(to, from, skip) {
    var olds = [], news = [], n;
    for (n = to.firstChild; n; n = n.nextSibling) { if (!skip || !skip(n)) { olds.push(n); } }
    for (n = from.firstChild; n; n = n.nextSibling) { if (!skip || !skip(n)) { news.push(n); } }
    var i = 0, j = 0, prev = null;
    function put(node) {
      prev = to.insertBefore(document.importNode(node, true), prev ? prev.nextSibling : to.firstChild);
    }
    while (j < news.length) {
      var o = olds[i], w = news[j];
      if (!o) { put(w); j++; }
      else if (o.isEqualNode(w)) { prev = o; i++; j++; }
      else if (i + 1 < olds.length && olds[i + 1].isEqualNode(w)) { o.remove(); i++; }
      else if (j + 1 < news.length && o.isEqualNode(news[j + 1])) { put(w); j++; }
      else if (fits(o, w)) { morph(o, w); prev = o; i++; j++; }
      else { put(w); o.remove(); i++; j++; }
    }
    for (; i < olds.length; i++) { olds[i].remove(); }
  }
  // Patches the page into `doc`; false when only a reload will do.
  function patch(doc) {
    if (scripts || scripted(doc) || loads(doc) !== loaded) { return false; }
    var x = window.scrollX, y = window.scrollY;
    var focused = document.activeElement;
    var id = focused && focused.id;
    attributes(document.documentElement, doc.documentElement);
    children(document.head, doc.head, fixed);
    attributes(document.body, doc.body);
    children(document.body, doc.body, ours);
    if (window.scrollX !== x || window.scrollY !== y) {
      window.scrollTo({ top: y, left: x, behavior: "instant" });
    }
    // Focus stays where it was unless its element went; then on the new
    // element of the same id, if there is one.
    if (focused && !focused.isConnected && id) {
      var again = document.getElementById(id);
      if (again) { again.focus({ preventScroll: true }); }
    }
    var mine = doc.getElementById("malbild-live");
    var stamp = mine && /var generation = "([^"]*)"/.exec(mine.textContent);
    if (stamp) { generation = stamp[1]; }
    return true;
  }
  var busy = false, queued = false;
  // Fetches this page again and patches it in, or reloads.
  function refresh() {
    if (busy) { queued = true; return; }
    busy = true;
    var asked = location.href;
    fetch(asked, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      return response.text().then(function (text) {
        if (response.status !== status || location.href !== asked ||
          !patch(new DOMParser().parseFromString(text, "text/html"))) { reload(); }
      });
    }).catch(function () { reload(); }).then(function () {
      busy = false;
      if (queued) { queued = false; refresh(); }
    });
  }
  function rebuilt(message) {
    overlay(null);
    if (!Array.isArray(message.changed)) { refresh(); return; }
    var changed = {};
    message.changed.forEach(function (file) { changed[file] = true; });
    var hit = function (url) { return url !== null && changed[fileOf(url)] === true; };
    var mine = hit(location.href) || (status !== 200 && changed["404.html"] === true);
    var restyle = false, rerun = false;
    document.querySelectorAll("link[rel~=stylesheet][href]").forEach(function (el) {
      if (hit(el.getAttribute("href"))) { restyle = true; }
    });
    document.querySelectorAll("script[src], iframe[src], embed[src], object[data], video[src], audio[src], source[src]").forEach(function (el) {
      if (hit(el.getAttribute(el.tagName === "OBJECT" ? "data" : "src"))) { rerun = true; }
    });
    if (rerun) { reload(); return; }
    if (restyle) { swapStylesheets(); }
    // A picture saved again: asked for anew, where it is.
    document.querySelectorAll("img[src]").forEach(function (img) {
      var src = img.getAttribute("src");
      if (hit(src)) {
        var url = new URL(src, location.href);
        url.searchParams.set("malbild", String(Date.now()));
        img.src = url.toString();
      }
    });
    if (mine) { refresh(); } else if (!busy) { generation = message.generation; }
  }

  var delay = 500;
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") +
      location.host + "__SOCKET__");
    socket.onopen = function () { delay = 500; };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.type === "hello") {
        if (message.generation !== generation) { refresh(); }
      } else if (message.type === "reload") {
        rebuilt(message);
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

/// Adds the live-reload script, for a page of `generation` sent with
/// `status`, to an HTML page.
pub(super) fn inject(html: &str, generation: &str, status: u16) -> String {
    let script = SCRIPT
        .replace("__SOCKET__", SOCKET_PATH)
        .replace("__GENERATION__", generation)
        .replace("__STATUS__", &status.to_string())
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
        let out = inject("<html><body><p>x</p></body></html>", "7-3", 200);
        assert!(out.starts_with("<html><body><p>x</p><script id=\"malbild-live\">"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("location.host + \"/__malbild/live\""));
        // The page's generation, as a patch reads it back from a fetched page.
        assert!(out.contains("var generation = \"7-3\";"));
        assert!(out.contains("var status = 200;"));
        assert!(inject("<p>x</p>", "7-3", 404).contains("var status = 404;"));
        for placeholder in ["__GENERATION__", "__STATUS__", "__TITLE__", "__SOCKET__"] {
            assert!(!out.contains(placeholder), "{placeholder} is left: {out}");
        }
    }

    /// Each message as JSON, and what it says.
    fn parsed(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
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
        hub.send(Message::Reload(Some(vec![
            "region-a/plan/del/index.html".into(),
            "a \"b\".html".into(),
        ])));
        assert_eq!(
            receiver.try_recv().unwrap(),
            format!(
                r#"{{"type":"reload","generation":"{}-1","changed":["region-a/plan/del/index.html","a \"b\".html"]}}"#,
                hub.run
            )
        );
        assert!(!hub.failing());
        hub.send(Message::Css);
        assert!(receiver.try_recv().unwrap().contains(r#""type":"css""#));
        assert_eq!(hub.generation(), format!("{}-2", hub.run));
        // Nothing the browser sees changed (after a failed build: the panel
        // goes, no page is fetched); still a new generation.
        hub.send(Message::Reload(Some(Vec::new())));
        assert_eq!(
            parsed(&receiver.try_recv().unwrap()),
            serde_json::json!({"type": "reload", "generation": format!("{}-3", hub.run), "changed": []})
        );
    }

    #[test]
    fn a_reload_names_the_files_or_says_null() {
        let many = |n: usize| Some((0..n).map(|i| format!("p{i}/index.html")).collect());
        for (changed, listed) in [
            (None, None),
            (Some(vec![]), Some(0)),
            (Some(vec!["404.html".to_owned()]), Some(1)),
            (many(MAX_LISTED), Some(MAX_LISTED)),
            // Too many to list: every open page asks for itself.
            (many(MAX_LISTED + 1), None),
        ] {
            let hub = Hub::new();
            let (_, mut receiver) = hub.subscribe();
            hub.send(Message::Reload(changed));
            let message = parsed(&receiver.try_recv().unwrap());
            assert_eq!(message["type"], "reload");
            assert_eq!(message["generation"], format!("{}-1", hub.run));
            assert_eq!(
                message["changed"].as_array().map(Vec::len),
                listed,
                "{message}"
            );
        }
        // What a page too far behind gets: any page may have changed.
        let behind = parsed(RELOAD_UNKNOWN);
        assert_eq!(behind["type"], "reload");
        assert!(behind["changed"].is_null());
    }
}
