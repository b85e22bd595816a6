// Query editor: named queries with their parameters, free SPARQL, a result table, downloads.
// Vanilla JS served by the werkagenda server itself (no CDN), so it works offline.
"use strict";

(function () {
  const form = document.getElementById("editor");
  const lang = form.dataset.lang || "nl";
  const select = document.getElementById("named");
  const text = document.getElementById("sparql");
  const params = document.getElementById("params");
  const describe = document.getElementById("named-description");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const csvButton = document.getElementById("download-csv");
  const jsonButton = document.getElementById("download-json");
  let catalogue = {};
  let last = null;

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  function loadCatalogue() {
    return fetch(form.dataset.api, { headers: { Accept: "application/json" } })
      .then((r) => r.json())
      .then((list) => {
        for (const q of list) {
          catalogue[q.name] = q;
          const option = document.createElement("option");
          option.value = q.name;
          option.textContent = q.title[lang] + " (" + q.name + ")";
          select.appendChild(option);
        }
        const wanted = decodeURIComponent(location.hash.slice(1));
        if (wanted && catalogue[wanted]) {
          select.value = wanted;
          choose();
        }
      })
      .catch(() => say("Named queries could not be loaded.", true));
  }

  function choose() {
    const q = catalogue[select.value];
    params.replaceChildren();
    params.hidden = !q || q.params.length === 0;
    describe.textContent = q ? q.description : "";
    if (!q) return;
    text.value = q.sparql;
    const legend = document.createElement("legend");
    legend.textContent = "Parameters";
    params.appendChild(legend);
    for (const p of q.params) {
      const label = document.createElement("label");
      label.textContent = p.name + " (" + p.type + ") ";
      let input;
      if (p.choices.length) {
        input = document.createElement("select");
        for (const c of p.choices) {
          const o = document.createElement("option");
          o.value = c;
          o.textContent = c;
          input.appendChild(o);
        }
      } else {
        input = document.createElement("input");
        input.type = "text";
        input.size = 50;
      }
      input.name = p.name;
      input.className = "param";
      input.title = p.description;
      if (p.default !== null) input.value = p.default;
      input.required = p.required;
      label.appendChild(input);
      const row = document.createElement("p");
      row.appendChild(label);
      params.appendChild(row);
    }
  }

  function run(event) {
    event.preventDefault();
    const q = catalogue[select.value];
    let request;
    if (q && text.value === q.sparql) {
      const search = new URLSearchParams();
      for (const input of params.querySelectorAll(".param")) search.set(input.name, input.value);
      request = fetch(form.dataset.api + "/" + encodeURIComponent(q.name) + "/run?" + search, {
        headers: { Accept: "application/sparql-results+json" },
      });
    } else {
      request = fetch(form.dataset.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
        body: text.value,
      });
    }
    say("…");
    const started = performance.now();
    request
      .then((r) => (r.ok ? r.json() : r.text().then((t) => Promise.reject(new Error(r.status + ": " + t)))))
      .then((data) => show(data, performance.now() - started))
      .catch((e) => {
        last = null;
        results.replaceChildren();
        csvButton.disabled = jsonButton.disabled = true;
        say(e.message, true);
      });
  }

  function cell(term) {
    if (!term) return "";
    return term.type === "bnode" ? "_:" + term.value : term.value;
  }

  function show(data, ms) {
    last = data;
    results.replaceChildren();
    csvButton.disabled = jsonButton.disabled = false;
    if ("boolean" in data) {
      const p = document.createElement("p");
      p.className = "boolean";
      p.textContent = String(data.boolean);
      results.appendChild(p);
      say("ASK · " + Math.round(ms) + " ms");
      return;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const b of data.results.bindings) {
      const row = body.insertRow();
      for (const v of vars) {
        const td = row.insertCell();
        td.dir = "auto";  // a bidi override in the data stays inside its cell (issue 17)
        const term = b[v];
        if (term && term.type === "uri" && /^https?:\/\//.test(term.value)) {
          const a = document.createElement("a");
          const local = term.value.match(/^https:\/\/w3id\.org\/iza-werkagenda\/(.*)$/);
          // `…//evil.example/x` must not become the protocol-relative `//evil.example/x`
          const onSite = local && !/^[\/\\]/.test(local[1]);
          a.href = onSite ? "/" + local[1] : term.value;
          a.textContent = term.value;
          td.appendChild(a);
        } else {
          td.textContent = cell(term);
        }
      }
    }
    results.appendChild(table);
    const note = data.truncated ? " · " + data.note : "";
    say(data.results.bindings.length + " rows · " + Math.round(ms) + " ms" + note);
  }

  // Spreadsheet-safe CSV: cells starting with = + - @ get a leading apostrophe.
  function safe(value) {
    const s = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function save(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type: type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  csvButton.addEventListener("click", () => {
    if (!last) return;
    if ("boolean" in last) return save("result.csv", "text/csv", "boolean\r\n" + last.boolean + "\r\n");
    const vars = last.head.vars;
    const lines = [vars.map(safe).join(",")];
    for (const b of last.results.bindings) lines.push(vars.map((v) => safe(cell(b[v]))).join(","));
    save("result.csv", "text/csv", lines.join("\r\n") + "\r\n");
  });
  jsonButton.addEventListener("click", () => {
    if (last) save("result.json", "application/sparql-results+json", JSON.stringify(last, null, 2));
  });
  select.addEventListener("change", choose);
  form.addEventListener("submit", run);
  loadCatalogue();
})();
