// The what-if of the static site: the rules of the named queries whatif-inspanningen and
// whatif-goals, applied to the data in <script id="whatif-data"> (see views/whatif_static.py).
// A funding arrangement falls when one of its names is rejected; an inspanning loses its
// funding when all its arrangements fall, is weakened when some do, and is reported apart
// when it has none; a goal loses its coverage when every inspanning serving it loses its
// funding, and is weakened when some do. Text is set with textContent only.
//
// The rules are `evaluate` alone (no DOM); tests/analysis/test_whatif_static_rules.py runs it
// in node over every single reject name, every pair of targets and all of them, and asserts
// the same rows as the named queries (werkagenda.whatif.run).
(function () {
  "use strict";
  const uniq = (items) => [...new Set(items)].sort();
  function evaluate(data, asked) {
    const reject = new Set(asked.map((v) => v.toLowerCase()));
    const known = new Set(data.names);
    const unknown = [...reject].filter((r) => !known.has(r));
    const status = {};
    const lost = [], weakened = [], none = [];
    for (const i of data.inspanningen) {
      if (!i.arrangements.length) { none.push(i); status[i.code] = "unrecorded"; continue; }
      const falls = (a) => a.names.some((n) => reject.has(n));
      const fallen = i.arrangements.filter(falls);
      const kept = i.arrangements.filter((a) => !falls(a));
      if (!fallen.length) { status[i.code] = "kept"; continue; }
      const effect = kept.length ? "weakened" : "lost";
      const row = { ...i, effect, fallen: uniq(fallen.map((a) => a.text)), remaining: uniq(kept.map((a) => a.text)) };
      status[i.code] = effect;
      (kept.length ? weakened : lost).push(row);
    }
    const goals = [];
    for (const g of data.goals) {
      const codes = uniq(g.codes);
      const losing = codes.filter((c) => status[c] === "lost");
      if (!losing.length) continue;
      goals.push({ ...g, effect: losing.length === codes.length ? "lost" : "weakened", losing,
        keeping: codes.filter((c) => status[c] !== "lost") });
    }
    const themes = uniq([...lost, ...weakened].map((i) => i.theme).concat(goals.map((g) => g.theme)));
    const count = (items, theme, effect) => items.filter((i) => i.theme === theme && (!effect || i.effect === effect)).length;
    const summary = themes.map((t) => ({ theme: t, i_lost: count(lost, t), i_weak: count(weakened, t),
      g_lost: count(goals, t, "lost"), g_weak: count(goals, t, "weakened") }));
    return { unknown, lost, weakened, none, goals, themes: summary };
  }
  if (typeof module !== "undefined" && module.exports) module.exports = { evaluate };
  if (typeof document === "undefined") return;
  const node = document.getElementById("whatif-data");
  if (!node) return;
  const data = JSON.parse(node.textContent);
  const x = data.text;
  const asked = new URLSearchParams(window.location.search).getAll("reject")
    .flatMap((v) => v.split(/\s+/)).filter(Boolean);
  const reject = new Set(asked.map((v) => v.toLowerCase()));
  document.querySelectorAll('input[name="reject"]').forEach((box) => {
    box.checked = reject.has(box.value.toLowerCase());
  });
  if (!reject.size) return;
  const main = document.querySelector("main");
  const details = document.querySelector("details.pick");
  const el = (tag, text, attrs) => {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    return e;
  };
  const { unknown, lost, weakened, none, goals, themes } = evaluate(data, asked);
  if (unknown.length) {
    const p = el("p", x.error + ": " + unknown.join(", "), { id: "status", class: "error", role: "alert" });
    main.insertBefore(p, details);
    return;
  }
  const link = (text, href) => {
    const td = el("td", null, { class: "nowrap" });
    td.appendChild(href ? el("a", text, { href: href }) : document.createTextNode(text));
    return td;
  };
  const table = (heads, rows, stack) => {
    const wrap = el("div", null, { class: "results" });
    const t = el("table", null, { class: stack ? "results stack" : "results" });
    const tr = el("tr");
    heads.forEach((h) => tr.appendChild(el("th", x[h], { scope: "col" })));
    t.appendChild(el("thead")).appendChild(tr);
    const body = t.appendChild(el("tbody"));
    rows.forEach((cells) => {
      const r = body.appendChild(el("tr"));
      cells.forEach((c, k) => r.appendChild(c instanceof Node ? c
        : el("td", c, k ? { "data-label": x[heads[k]] } : {})));
    });
    wrap.appendChild(t);
    return wrap;
  };
  const section = el("section", null, { class: "scenario", "aria-labelledby": "scenario-h" });
  section.appendChild(el("h2", x.scenario + ": " + asked.join(", "), { id: "scenario-h" }));
  section.appendChild(el("p", x.share, { class: "tag" }));
  if (!lost.length && !weakened.length) section.appendChild(el("p", x.nothing));
  const rows = (items) => items.map((i) => [link(i.code, i.href), i.title, i.fallen.join("; "), i.remaining.join("; ")]);
  const add = (id, title, content) => { section.appendChild(el("h3", title, { id: id })); section.appendChild(content); };
  const cols = ["code", "title", "fallen", "remaining"];
  if (lost.length) add("lost", x.lost, table(cols, rows(lost), true));
  if (weakened.length) add("weakened", x.weakened, table(cols, rows(weakened), true));
  if (goals.length) {
    add("goals", x.goals, table(["goal", "effect", "losing", "keeping"], goals.map((g) => {
      const cell = link(g.goal, g.href);
      cell.appendChild(el("br"));
      cell.appendChild(el("span", g.label, { class: "tag" }));
      return [cell, x["goal:" + g.effect], g.losing.join("; "), g.keeping.join("; ")];
    }), true));
  }
  if (themes.length) {
    add("themes", x.themes, table(["theme", "i_lost", "i_weak", "g_lost", "g_weak"], themes.map((t) =>
      [t.theme, String(t.i_lost), String(t.i_weak), String(t.g_lost), String(t.g_weak)]), false));
  }
  if (none.length) add("none", x.none, table(["code", "title"], none.map((i) => [link(i.code, i.href), i.title]), true));
  main.insertBefore(section, details);
  details.open = false;
}());
