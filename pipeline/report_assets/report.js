// Draws the report's charts as inline SVG from the numbers embedded in the page (no network, no libraries).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("report-data").textContent);
  const SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, text) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fmt(n) { return Number(n).toLocaleString("en-GB"); }

  function barChart(id, entries, colour) {
    const box = document.getElementById(id);
    const width = 540, labelW = 215, rowH = 22, pad = 6;
    const rows = entries.length ? entries : [["nothing to show", 0]];
    const height = rows.length * rowH + pad * 2;
    const svg = el("svg", { width: "100%", viewBox: `0 0 ${width} ${height}`, role: "img" });
    const max = Math.max(1, ...rows.map(([, v]) => v));
    rows.forEach(([label, value], i) => {
      const y = pad + i * rowH;
      const w = entries.length ? Math.max(2, (width - labelW - 70) * value / max) : 0;
      svg.appendChild(el("text", { x: labelW - 8, y: y + 15, "text-anchor": "end" }, String(label).slice(0, 34)));
      const bar = el("rect", { x: labelW, y: y + 3, width: w, height: rowH - 7, rx: 2, fill: colour || "var(--bar)" });
      bar.appendChild(el("title", {}, `${label}: ${fmt(value)}`));
      svg.appendChild(bar);
      svg.appendChild(el("text", { class: "value", x: labelW + w + 6, y: y + 15 }, entries.length ? fmt(value) : ""));
    });
    box.appendChild(svg);
    box.dataset.drawn = "true";
  }

  const pairs = (obj) => Object.entries(obj || {});
  const langs = pairs(data.languages);
  barChart("chart-docs-language", langs.map(([l, v]) => [l, v.documents]));
  barChart("chart-words-language", langs.map(([l, v]) => [l, v.words]));
  barChart("chart-funnel", data.stages.map((s) => [`after ${s.stage}`, s.kept]));
  const removals = [];
  for (const [stage, reasons] of pairs(data.removals)) {
    for (const [reason, n] of pairs(reasons)) removals.push([`${stage} · ${reason}`, n]);
  }
  removals.sort((a, b) => b[1] - a[1]);
  barChart("chart-removals", removals, "var(--bar2)");
  barChart("chart-pii-type", pairs(data.pii_by_type), "var(--bar2)");
  barChart("chart-pii-language", pairs(data.pii_by_language).map(([l, c]) => [l, Object.values(c).reduce((a, b) => a + b, 0)]), "var(--bar2)");
  barChart("chart-clusters", pairs(data.duplicate_cluster_sizes).map(([size, n]) => [`${size} document${size === "1" ? "" : "s"}`, n]));
  barChart("chart-licenses", pairs(data.licenses));
  barChart("chart-domains", pairs(data.top_domains));
  barChart("chart-optout", pairs(data.optout_status));
  qualityTable("quality-rules", data.quality_rules);
  languageIdTable("language-id", data.language_id);

  function qualityTable(id, section) {
    // One row per rule and language; cells filled with textContent only (values come from the run).
    const box = document.getElementById(id);
    if (!box || !section) return;
    const num = (x) => Number(x).toLocaleString("en-GB", { maximumSignificantDigits: 3 });
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    ["rule", "language", "removed", "threshold", "value min / q1 / median / q3 / max", "kept, lines removed"]
      .forEach((h) => { const th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
    const body = table.createTBody();
    const rules = new Set([...Object.keys(section.removed || {}), ...Object.keys(section.lines_removed || {})]);
    for (const rule of [...rules].sort()) {
      const removed = (section.removed || {})[rule] || {};
      const trimmed = (section.lines_removed || {})[rule] || {};
      for (const lang of [...new Set([...Object.keys(removed), ...Object.keys(trimmed)])].sort()) {
        const e = removed[lang] || { documents: 0 };
        const v = e.values;
        const cells = [rule, lang, fmt(e.documents), e.op ? `${e.op} ${num(e.threshold)}` : "",
          v ? [v.min, v.q1, v.median, v.q3, v.max].map(num).join(" / ") : "", fmt(trimmed[lang] || 0)];
        const row = body.insertRow();
        cells.forEach((c) => { row.insertCell().textContent = c; });
      }
    }
    if (!body.rows.length) body.insertRow().insertCell().textContent = "none";
    box.appendChild(table);
  }

  function languageIdTable(id, section) {
    // Per published label: documents, those lid.176 itself labels otherwise, and from which labels (textContent only).
    const box = document.getElementById(id);
    const note = document.getElementById(id + "-note");
    if (!box || !section) return;
    if (!section.available) { note.textContent = section.why; return; }
    note.textContent = `${section.what_it_counts} Checked ${fmt(section.documents_checked)} of ${fmt(section.documents_kept)} kept documents: ${fmt(section.moved)} moved (${(100 * section.moved_share).toFixed(1)}%); non-EU to EU: ${fmt(section.non_eu_to_eu)} of ${fmt(section.non_eu_model_label)} (${(100 * section.non_eu_to_eu_share).toFixed(1)}%).`;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    ["published label", "documents", "lid.176 labels otherwise", "lid.176's labels for those"]
      .forEach((h) => { const th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
    const body = table.createTBody();
    for (const [lang, e] of Object.entries(section.by_label || {})) {
      const from = Object.entries(e.from || {}).map(([l, n]) => `${l}: ${fmt(n)}`).join(", ");
      const row = body.insertRow();
      [lang, fmt(e.documents), fmt(e.moved_in), from].forEach((c) => { row.insertCell().textContent = c; });
    }
    if (!body.rows.length) body.insertRow().insertCell().textContent = "none";
    box.appendChild(table);
  }
})();
