/* Sökningen på sok/index.html. Ingen server behövs: indexet är vanliga skriptfiler i
   mappen search/ som sidan laddar med <script>, så det fungerar från en disk (file://),
   under en undermapp och på vilken webbserver som helst. Varje fil anropar en funktion i
   window.malbildSearch (meta, shard, pages), som det här skriptet definierar.

   Orden i frågan delas, viks (gemener, accenter bort men å, ä och ö kvar) och stammas
   med Snowballs svenska stemmer, samma som malbild använder när indexet byggs
   (src/search.rs; tests/browser/stems.tsv visar att de två ger samma stam). Sedan laddas
   bara de delar av indexet som frågans ord behöver: en fil per två första bokstäver i
   stammen, och kortfilerna för de sidor som visas. */
(function () {
  "use strict";

  // ------------------------------------------------------------ Snowball, svenska
  var VOWELS = "aeiouyäåö";
  var S_ENDING = "bcdfghjklmnoprtvy";
  var STEP1 = ["a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne",
    "are", "aste", "en", "anden", "aren", "heten", "ern", "ar", "er", "heter", "or", "s", "as",
    "arnas", "ernas", "ornas", "es", "ades", "andes", "ens", "arens", "hetens", "erns", "at",
    "andet", "het", "ast"].sort(function (a, b) { return b.length - a.length; });
  var STEP2 = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];
  var STEP3 = ["fullt", "löst", "lig", "els", "ig"];

  function endsWith(w, suffix, from) {
    var s = Array.from(suffix);
    if (w.length - s.length < from) { return false; }
    for (var i = 0; i < s.length; i++) {
      if (w[w.length - s.length + i] !== s[i]) { return false; }
    }
    return true;
  }

  // The stem of a folded word (an array of characters in, a string out).
  function snowball(word) {
    var w = Array.from(word);
    var n = w.length;
    // R1: after the first non-vowel that follows a vowel, but at least 3 letters in.
    var p1 = n;
    if (n >= 3) {
      var i = 0;
      while (i < n && VOWELS.indexOf(w[i]) < 0) { i++; }
      var j = i;
      while (j < n && VOWELS.indexOf(w[j]) >= 0) { j++; }
      if (i < n && j < n) { p1 = Math.max(j + 1, 3); }
    }
    var k;
    for (k = 0; k < STEP1.length; k++) {
      if (endsWith(w, STEP1[k], p1)) {
        if (STEP1[k] === "s") {
          if (S_ENDING.indexOf(w[n - 2]) >= 0) { w.length = n - 1; }
        } else {
          w.length = n - Array.from(STEP1[k]).length;
        }
        break;
      }
    }
    for (k = 0; k < STEP2.length; k++) {
      if (endsWith(w, STEP2[k], p1)) { w.length -= 1; break; }
    }
    for (k = 0; k < STEP3.length; k++) {
      if (endsWith(w, STEP3[k], p1)) {
        if (STEP3[k] === "löst") { w.length -= 1; }
        else if (STEP3[k] === "fullt") { w.length -= 1; }
        else { w.length -= STEP3[k].length; }
        break;
      }
    }
    return w.join("");
  }

  var FOLD = { "à": "a", "á": "a", "â": "a", "ã": "a", "é": "e", "è": "e", "ê": "e", "ë": "e",
    "í": "i", "ì": "i", "î": "i", "ï": "i", "ó": "o", "ò": "o", "ô": "o", "õ": "o",
    "ú": "u", "ù": "u", "û": "u", "ü": "y", "ç": "c", "ñ": "n", "æ": "ä", "ø": "ö" };

  function fold(word) {
    return Array.from(word).map(function (c) {
      return Array.from(c.toLowerCase()).map(function (l) { return FOLD[l] || l; }).join("");
    }).join("");
  }

  function tokens(text) {
    return text.normalize("NFC").match(/[\p{Alphabetic}\p{N}]+/gu) || [];
  }

  // The stem of one word, or null for a stop word.
  function stem(word, stop) {
    var folded = fold(word);
    if (stop && stop[folded]) { return null; }
    return snowball(folded);
  }

  function shardKey(s) { return Array.from(s).slice(0, 2).join(""); }

  function shardFile(key) {
    return "t-" + Array.from(key).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("") + ".js";
  }

  var api = { fold: fold, tokens: tokens, stem: stem, snowball: snowball, shardFile: shardFile };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }

  // ------------------------------------------------------------ Indexet
  var state = { meta: null, shards: {}, pages: {}, loading: {} };
  window.malbildSearch = {
    meta: function (m) { state.meta = m; },
    shard: function (key, data) { state.shards[key] = data; },
    pages: function (n, cards) { state.pages[n] = cards; },
    api: api
  };

  var form = document.querySelector("form[data-mb-search]");
  if (!form) { return; }
  var dir = form.getAttribute("data-mb-search").replace(/[^/]*$/, "");
  var root = form.getAttribute("data-mb-root");
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("mb-sok-status");
  var results = document.getElementById("mb-sok-traffar");
  var heading = document.getElementById("mb-sok-rubrik");
  var list = results.querySelector("ol");
  var PAGE = 10;

  function load(file) {
    if (!state.loading[file]) {
      state.loading[file] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = dir + file;
        s.onload = resolve;
        s.onerror = function () { reject(new Error(file)); };
        document.head.appendChild(s);
      });
    }
    return state.loading[file];
  }

  function text(name, n, q) {
    return results.getAttribute("data-" + name).replace("{n}", n).replace("{q}", "”" + q + "”");
  }

  // The numbers of a shard's string: base 32, the last digit of each from
  // LAST, the others from MORE (see `number` in malbild's src/search.rs).
  var LAST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  var MORE = "abcdefghijklmnopqrstuvwxyz6789+/";
  function numbers(text) {
    var out = [], n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i), last = LAST.indexOf(c);
      if (last >= 0) { out.push(n * 32 + last); n = 0; } else { n = n * 32 + MORE.indexOf(c); }
    }
    return out;
  }

  // Every page with every stem of `stems` (exactly, or as the start of a
  // longer stem when `prefix`), with the sum of its scores.
  function match(stems, prefix) {
    var found = null;
    stems.forEach(function (s) {
      var shard = state.shards[shardKey(s)] || {};
      var here = {};
      Object.keys(shard).forEach(function (t) {
        var exact = t === s;
        if (!exact && !(prefix && t.length > s.length && t.indexOf(s) === 0)) { return; }
        var list = numbers(shard[t]), doc = 0;
        for (var i = 0; i < list.length; i += 2) {
          doc += list[i];
          here[doc] = (here[doc] || 0) + (exact ? list[i + 1] * 2 : list[i + 1]);
        }
      });
      if (found === null) { found = here; return; }
      var both = {};
      Object.keys(found).forEach(function (d) { if (here[d]) { both[d] = found[d] + here[d]; } });
      found = both;
    });
    return Object.keys(found || {}).map(function (d) { return [Number(d), found[d]]; })
      .sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  }

  var current = { hits: [], shown: 0, q: "", run: 0 };

  function card(doc) {
    var chunk = state.pages[Math.floor(doc / state.meta.chunk)];
    return chunk[doc % state.meta.chunk];
  }

  function show(from, to) {
    var files = {};
    for (var i = from; i < to; i++) {
      files["p-" + Math.floor(current.hits[i][0] / state.meta.chunk) + ".js"] = true;
    }
    return Promise.all(Object.keys(files).map(load)).then(function () {
      var first = null;
      for (var i = from; i < to; i++) {
        var c = card(current.hits[i][0]);
        var li = document.createElement("li");
        li.className = "search-result";
        var a = document.createElement("a");
        a.className = "search-result__link";
        a.href = root + c[0];
        a.textContent = c[1];
        li.appendChild(a);
        if (c[2]) {
          var where = document.createElement("p");
          where.className = "search-result__context";
          where.textContent = c[2];
          li.appendChild(where);
        }
        if (c[3]) {
          var snippet = document.createElement("p");
          snippet.className = "search-result__snippet";
          snippet.textContent = c[3];
          li.appendChild(snippet);
        }
        list.appendChild(li);
        first = first || a;
      }
      current.shown = to;
      more.hidden = current.shown >= current.hits.length;
      return first;
    });
  }

  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-results__more";
  more.textContent = results.getAttribute("data-more");
  more.hidden = true;
  results.appendChild(more);
  more.addEventListener("click", function () {
    show(current.shown, Math.min(current.shown + PAGE, current.hits.length)).then(function (first) {
      if (first) { first.focus(); }
    });
  });

  function say(message) {
    heading.textContent = message;
    status.textContent = message;
  }

  // Searches for `q`; moves focus to the results' heading when `focus`.
  function search(q, focus) {
    var run = ++current.run;
    q = q.trim();
    list.textContent = "";
    more.hidden = true;
    if (!q) { results.hidden = true; status.textContent = ""; return; }
    load("index.js").then(function () {
      var stop = {};
      state.meta.stop.forEach(function (w) { stop[w] = true; });
      var stems = [];
      tokens(q).forEach(function (t) {
        var s = stem(t, stop);
        if (s && stems.indexOf(s) < 0) { stems.push(s); }
      });
      if (!stems.length) { return { stop: true }; }
      var files = {};
      stems.forEach(function (s) {
        var key = shardKey(s);
        if (state.meta.shards.indexOf(key) >= 0) { files[shardFile(key)] = true; }
      });
      return Promise.all(Object.keys(files).map(load)).then(function () {
        var hits = match(stems, false);
        return { hits: hits.length ? hits : match(stems, true) };
      });
    }).then(function (r) {
      if (run !== current.run) { return; }
      results.hidden = false;
      if (r.stop) { say(results.getAttribute("data-stop")); }
      else {
        current.hits = r.hits;
        current.q = q;
        var n = r.hits.length;
        say(n === 0 ? text("none", n, q) : n === 1 ? text("one", n, q) : text("many", n, q));
      }
      if (focus) { heading.focus(); }
      if (!r.stop) { return show(0, Math.min(PAGE, current.hits.length)); }
    }).catch(function () {
      if (run !== current.run) { return; }
      results.hidden = false;
      say(results.getAttribute("data-failed"));
    });
  }

  var params = new URLSearchParams(location.search);
  var q = params.get("q") || "";
  if (q) { input.value = q; search(q, true); }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim())); } catch (err) { /* file: may refuse */ }
    search(input.value, true);
  });
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value, false); }, 300);
  });
})();
