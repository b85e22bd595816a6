// Search of the static site: the matching of werkagenda.views.search, in the browser.
// The index is the JSON in <script type="application/json" id="search-index"> (the same
// data as search-index.json); the query is ?q= of the page's address. Text is only ever
// set with textContent, so labels from the data stay text.
(function () {
  "use strict";
  const CONTEXT = 60, MAX_QUERY = 200, MAX_RESULTS = 50;
  const FIELD_ORDER = { code: 0, label: 1, title: 2, variant: 3, text: 4 };
  const cache = new Map();

  function foldChar(c) {
    let f = cache.get(c);
    if (f === undefined) {
      f = c.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
      cache.set(c, f);
    }
    return f;
  }
  function fold(text) { let out = ""; for (const c of text) out += foldChar(c); return out; }
  function foldedWithMap(text) {
    // positions are UTF-16 indices into text, like Python's on the BMP
    let out = "", where = [];
    for (let n = 0; n < text.length; n++) {
      let c = text[n];
      const code = text.charCodeAt(n);
      if (code >= 0xd800 && code < 0xdc00 && n + 1 < text.length) { c = text.slice(n, n + 2); }
      const f = foldChar(c);
      out += f;
      for (let k = 0; k < f.length; k++) where.push(n);
      if (c.length === 2) n++;
    }
    return [out, where];
  }
  function words(query) {
    const seen = [];
    for (const w of fold(query.slice(0, MAX_QUERY)).split(/\s+/)) if (w && !seen.includes(w)) seen.push(w);
    return seen;
  }
  function alnum(s) { return fold(s).replace(/[^\p{L}\p{N}]/gu, ""); }
  function display(code, lbl) {
    return !code || alnum(lbl).startsWith(alnum(code)) ? lbl : `${code} ${lbl}`;
  }
  function label(e, lang) { return e.labels[lang] || e.labels.nl || e.labels[""] || e.href; }

  function snippet(text, folded, where, wanted) {
    const spans = [];
    for (const w of wanted) {
      let at = folded.indexOf(w);
      while (at >= 0) { spans.push([where[at], where[at + w.length - 1] + 1]); at = folded.indexOf(w, at + w.length); }
    }
    spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged = [];
    for (const [s, e] of spans) {
      if (merged.length && s <= merged[merged.length - 1][1]) merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], e);
      else merged.push([s, e]);
    }
    const first = merged.length ? merged[0][0] : 0, firstEnd = merged.length ? merged[0][1] : 0;
    let lo = Math.max(0, first - CONTEXT), hi = Math.min(text.length, firstEnd + CONTEXT);
    if (lo > 0) { const sp = text.indexOf(" ", lo); lo = sp >= 0 && sp < first ? sp + 1 : lo; }
    if (hi < text.length) { const sp = text.lastIndexOf(" ", hi - 1); hi = sp > 0 && sp >= firstEnd ? sp : hi; }
    const parts = lo > 0 ? [["…", false]] : [];
    let at = lo;
    for (const [s, e] of merged) {
      if (s >= hi) break;
      if (s > at) parts.push([text.slice(at, s), false]);
      parts.push([text.slice(Math.max(s, at), Math.min(e, hi)), true]);
      at = Math.min(e, hi);
    }
    if (at < hi) parts.push([text.slice(at, hi), false]);
    if (hi < text.length) parts.push(["…", false]);
    const out = [];
    for (const [t, m] of parts) {
      if (out.length && out[out.length - 1][1] === m) out[out.length - 1][0] += t;
      else if (t) out.push([t, m]);
    }
    return out;
  }

  function match(e, fields, wanted, lang) {
    const missing = new Set(wanted);
    let best = null;
    for (const [f, folded, where] of fields) {
      const hits = wanted.filter((w) => folded.includes(w));
      if (!hits.length) continue;
      hits.forEach((w) => missing.delete(w));
      const rank = [-hits.length, f[1] === "" || f[1] === lang ? 0 : 1, FIELD_ORDER[f[0]] ?? 9];
      if (best === null || less(rank, best[0])) best = [rank, f, folded, where];
    }
    if (missing.size || best === null) return null;
    const [, f, folded, where] = best;
    const exact = fold(label(e, lang)) === wanted.join(" ") || wanted.includes(fold(e.code)) ? 0 : 1;
    return { e, field: f[0], snippet: snippet(f[2], folded, where, wanted),
             score: [exact, FIELD_ORDER[f[0]] ?? 9, fold(e.code || label(e, lang))] };
  }
  function less(a, b) {
    for (let k = 0; k < a.length; k++) { if (a[k] < b[k]) return true; if (a[k] > b[k]) return false; }
    return false;
  }

  function el(tag, text, cls) {
    const n = document.createElement(tag);
    if (text !== undefined) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }

  function run() {
    const data = JSON.parse(document.getElementById("search-index").textContent);
    const text = data.text, lang = document.documentElement.lang === "en" ? "en" : "nl";
    const kinds = data.kinds;
    const order = Object.fromEntries(kinds.map((k, n) => [k, n]));
    const prepared = data.entries.map((e) => [e, e.fields.map((f) => [f, ...foldedWithMap(f[2])])]);
    const query = new URLSearchParams(location.search).get("q") || "";
    const box = document.querySelector("form.search input[name=q]");
    document.querySelectorAll("input[name=q]").forEach((i) => { i.value = query; });
    const out = document.getElementById("results");
    const status = document.getElementById("search-status");
    out.replaceChildren();
    const wanted = words(query);
    if (!wanted.length) { status.textContent = text.empty; return; }
    const found = new Map();
    for (const [e, fields] of prepared) {
      if (data.agenda && e.agenda !== data.agenda) continue;
      const r = match(e, fields, wanted, lang);
      if (r) { if (!found.has(e.kind)) found.set(e.kind, []); found.get(e.kind).push(r); }
    }
    let total = 0;
    const groups = [...found.entries()].sort((a, b) => (order[a[0]] ?? 99) - (order[b[0]] ?? 99));
    for (const [kind, rs] of groups) {
      total += rs.length;
      rs.sort((a, b) => (less(a.score, b.score) ? -1 : less(b.score, a.score) ? 1 : 0));
      const section = el("section", undefined, "search-group");
      section.append(el("h2", `${text.kinds[kind] || kind} (${rs.length})`));
      const list = el("ol", undefined, "search-results");
      for (const r of rs.slice(0, MAX_RESULTS)) {
        const li = el("li");
        const a = el("a");  // labels in <bdi>: a bidi override cannot reorder the page (as served)
        a.append(el("bdi", display(r.e.code, label(r.e, lang))));
        if (/^(https?:\/\/|[^:]*$)/.test(r.e.href)) a.href = r.e.href;
        li.append(a);
        const p = el("p", undefined, "context");
        const snippet = el("bdi");
        for (const [part, marked] of r.snippet) snippet.append(marked ? el("mark", part) : document.createTextNode(part));
        p.append(snippet);
        li.append(p);
        list.append(li);
      }
      section.append(list);
      out.append(section);
    }
    status.textContent = total ? text.found.replace("{n}", total).replace("{q}", query) : text.none.replace("{q}", query);
    if (box && !query) box.focus();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
