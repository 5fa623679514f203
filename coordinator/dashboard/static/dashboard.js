// Cohort dashboard: draws the study page's charts as SVG from the figures
// the page carries (the chain's), with no library and nothing loaded from
// elsewhere.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const COLOURS = ["#1d4ed8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d"];

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

// lineChart draws one polyline per series over the rounds.
function lineChart(box, rounds, series, opts) {
  const W = 360, H = 200, L = 44, R = 10, T = 10, B = 28;
  const svg = el("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img" }, box);
  const all = series.flatMap(s => s.values);
  if (rounds.length === 0 || all.length === 0) {
    el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "font-size": 12 }, svg).textContent = "no closed round yet";
    return;
  }
  let lo = opts.min !== undefined ? opts.min : Math.min(...all);
  let hi = opts.max !== undefined ? opts.max : Math.max(...all);
  if (opts.max === undefined) hi = hi + (hi - lo) * 0.1 || hi + 1;
  if (hi <= lo) hi = lo + 1;
  const x = i => L + (rounds.length === 1 ? (W - L - R) / 2 : i * (W - L - R) / (rounds.length - 1));
  const y = v => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  el("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#889" }, svg);
  el("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#889" }, svg);
  for (let k = 0; k <= 4; k++) {
    const v = lo + (hi - lo) * k / 4;
    el("text", { x: L - 4, y: y(v) + 4, "text-anchor": "end", "font-size": 10 }, svg).textContent = v.toFixed(hi - lo < 5 ? 2 : 0);
  }
  rounds.forEach((r, i) => {
    el("text", { x: x(i), y: H - B + 14, "text-anchor": "middle", "font-size": 10 }, svg).textContent = r;
  });
  el("text", { x: (L + W - R) / 2, y: H - 2, "text-anchor": "middle", "font-size": 10 }, svg).textContent = "round";
  series.forEach((s, j) => {
    const colour = COLOURS[j % COLOURS.length];
    el("polyline", { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }, svg);
    s.values.forEach((v, i) => {
      // A point links to the transaction its figure comes from.
      const href = (s.links || [])[i];
      const parent = href ? el("a", { href: href }, svg) : svg;
      const dot = el("circle", { cx: x(i), cy: y(v), r: 3, fill: colour, "data-series": s.name, "data-round": rounds[i], "data-value": v }, parent);
      el("title", {}, dot).textContent = `${s.name}, round ${rounds[i]}: ${v}`;
    });
    el("text", { x: L + 6 + 90 * j, y: T + 10, "font-size": 11, fill: colour }, svg).textContent = s.name;
  });
}

function drawCharts() {
  const data = document.getElementById("chart-data");
  if (!data) return;
  const d = JSON.parse(data.textContent);
  for (const box of document.querySelectorAll(".chart")) {
    const opts = {};
    if (box.dataset.min !== undefined) opts.min = Number(box.dataset.min);
    if (box.dataset.max !== undefined) opts.max = Number(box.dataset.max);
    let series;
    if (box.dataset.consent) {
      series = (d.hospitals || []).map((h, i) => ({ name: h, values: (d.consent || [])[i] || [], links: (d.consentLinks || [])[i] || [] }));
    } else {
      series = box.dataset.series.split(",").map(n => ({ name: n, values: (d.series || {})[n] || [], links: d.links || [] }));
    }
    lineChart(box, d.rounds || [], series, opts);
  }
}

document.addEventListener("DOMContentLoaded", drawCharts);
