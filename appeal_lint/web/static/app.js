// appeal-lint page: the letter in a textarea over a backdrop that carries the highlights.
// Everything goes to this page's own server (127.0.0.1) and nowhere else.
"use strict";

const boot = JSON.parse(document.getElementById("boot").textContent);
const $ = (id) => document.getElementById(id);
const textarea = $("text");
const backdrop = $("backdrop");
const tip = $("tip");
const detail = $("detail");
const DEBOUNCE_MS = 250;
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };

const state = {
  lang: localStorage.getItem("appeal-lint.lang") || boot.lang,
  ui: boot.ui,
  result: null,       // the last report, for the text it was made from
  resultText: null,
  seq: 0,
  timer: null,
  hoverIds: "",
};

// Seam for the notice box (notice parsing lands on its own branch): what the page knows
// about the Amazon notice the letter answers, sent with every lint. Nothing yet.
function noticePayload() {
  return null;
}

function esc(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function fmt(template, values) {
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

// ---- linting ----------------------------------------------------------------
function scheduleLint() {
  clearTimeout(state.timer);
  state.timer = setTimeout(lintNow, DEBOUNCE_MS);
}

async function lintNow() {
  clearTimeout(state.timer);
  const text = textarea.value;
  const seq = ++state.seq;
  if (!text.trim()) {
    state.result = null;
    state.resultText = text;
    render();
    return;
  }
  setStatus(state.ui.checking);
  document.body.dataset.busy = "1";
  try {
    const data = await post("/api/lint", { text, lang: state.lang, reason: $("reason").value, notice: noticePayload() });
    if (seq !== state.seq) return; // a newer request is on its way
    state.result = data;
    state.resultText = text;
    if (data.labels) state.ui = data.labels;
    render();
  } catch (err) {
    if (seq === state.seq) setStatus(fmt(state.ui.error, { message: err.message }), true);
  } finally {
    if (seq === state.seq) delete document.body.dataset.busy;
  }
}

function setStatus(text, bad) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("bad", !!bad);
}

// ---- rendering --------------------------------------------------------------
function findings() {
  return state.result && state.result.findings ? state.result.findings : [];
}

function render() {
  const r = state.result;
  const fresh = r && !r.empty && state.resultText === textarea.value;
  renderBackdrop(fresh ? findings() : []);
  renderGrade(fresh ? r : null);
  renderOutline(fresh ? r.outline : []);
  renderFindings(fresh ? findings() : []);
  hideTip();
  detail.hidden = true;
  if (!textarea.value.trim()) setStatus(state.ui.empty);
  else if (fresh) setStatus(fmt(state.ui.checked, { ms: r.elapsed_ms, words: r.words }));
}

function renderBackdrop(list) {
  const text = textarea.value;
  const spans = list
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.scope === "text" && f.u16_end > f.u16_start);
  const points = new Set([0, text.length]);
  for (const { f } of spans) {
    points.add(f.u16_start);
    points.add(f.u16_end);
  }
  const cuts = [...points].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  let html = "";
  for (let k = 0; k < cuts.length - 1; k++) {
    const a = cuts[k];
    const b = cuts[k + 1];
    const piece = esc(text.slice(a, b));
    const cover = spans.filter(({ f }) => f.u16_start <= a && f.u16_end >= b);
    if (!cover.length) {
      html += piece;
      continue;
    }
    const worst = cover.reduce((w, { f }) => (SEVERITY_RANK[f.severity] > SEVERITY_RANK[w] ? f.severity : w), "info");
    html += `<mark class="${worst}" data-ids="${cover.map(({ i }) => i).join(" ")}">${piece}</mark>`;
  }
  backdrop.innerHTML = html + "\n"; // a final line break needs a line to stand on
  backdrop.scrollTop = textarea.scrollTop;
}

function renderGrade(r) {
  const card = $("grade-card");
  if (!r) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const letter = $("grade-letter");
  letter.textContent = r.grade;
  letter.className = "grade-letter " + r.grade;
  $("score").textContent = `${r.score}/100`;
  const verdict = $("verdict");
  verdict.textContent = r.verdict_label;
  verdict.className = "verdict " + (r.verdict === "ready to send" ? "ready" : "revise");
  const ui = state.ui;
  $("reason-shown").textContent = r.reason
    ? fmt(ui.reason_shown, { name: r.reason_name }) + ` (${r.reason_source === "detected" ? ui.reason_detected : ui.reason_option})`
    : "";
  const max = Math.max(24, ...r.categories.map((c) => c.penalty));
  $("categories").innerHTML = r.categories
    .map((c) => {
      return `<li class="${c.findings ? "" : "clean"}" data-category="${esc(c.id)}"><span>${esc(c.label)}</span>` +
        `<span class="meter"><span></span></span><span class="pen">${c.findings ? "−" + c.penalty : "✓"}</span></li>`;
    })
    .join("");
  // widths come from CSSOM (allowed by the page's style policy), not inline style attributes
  $("categories").querySelectorAll(".meter span").forEach((el, k) => {
    el.style.width = `${Math.round((100 * r.categories[k].penalty) / max)}%`;
  });
  const capped = $("capped");
  capped.hidden = !r.capped_by.length;
  capped.textContent = r.capped_by.length ? `${ui.capped}: ${r.capped_by.join(", ")}` : "";
}

function renderOutline(outline) {
  const list = $("outline");
  if (!outline.length) {
    list.innerHTML = `<li class="muted">${esc(state.ui.outline_empty)}</li>`;
    return;
  }
  list.innerHTML = outline
    .map((o, k) => `<li class="${esc(o.role)}" data-k="${k}" tabindex="0"><span class="role">${esc(o.label)}</span>` +
      `<span class="excerpt">${esc(o.excerpt)}</span></li>`)
    .join("");
}

function renderFindings(list) {
  const ui = state.ui;
  $("count").textContent = state.result && !state.result.empty ? `(${list.length})` : "";
  const fixAll = $("fix-all");
  const safe = state.result && state.result.safe_fixes ? state.result.safe_fixes : 0;
  fixAll.disabled = !safe;
  fixAll.textContent = safe ? `${ui.fix_all} (${safe})` : ui.fix_none;
  if (!list.length) {
    $("findings").innerHTML = state.result && !state.result.empty ? `<li class="muted">${esc(ui.no_findings)}</li>` : "";
    return;
  }
  $("findings").innerHTML = list
    .map((f, i) => `<li class="${f.severity}" data-i="${i}" tabindex="0"><span class="code">${esc(f.code)}</span>` +
      `<span class="sev ${f.severity}">${esc(f.severity_label)}</span>${esc(f.message)}` +
      (f.scope === "letter" ? `<span class="scope">${esc(ui.whole_letter)}</span>` : "") + "</li>")
    .join("");
}

function explainHTML(ids) {
  const ui = state.ui;
  return ids
    .map((i) => {
      const f = findings()[i];
      if (!f) return "";
      let html = `<div class="explain" data-i="${i}"><div class="head">${esc(f.code)} · ${esc(f.severity_label)} · ${esc(f.category_label)}</div>`;
      html += `<div class="message">${esc(f.message)}</div>`;
      if (f.paragraph) html += `<div class="label">${esc(fmt(ui.paragraph, { n: f.paragraph.number }))}</div>`;
      html += `<div class="label">${esc(ui.why)}</div><div class="why">${esc(f.why)}</div>`;
      const better = f.suggestions.slice(0, 3);
      if (better.length) {
        html += `<div class="label">${esc(ui.better)}</div>`;
        for (const s of better) {
          html += `<div class="better"><q>${esc(s)}</q></div>`;
          if (f.glosses && f.glosses[s]) html += `<div class="gloss">${esc(ui.gloss)}${esc(f.glosses[s])}</div>`;
        }
      }
      const reps = f.scope === "text" ? f.replacements.slice(0, 3) : [];
      if (reps.length) {
        html += `<div class="actions">` + reps
          .map((rep, k) => `<button type="button" data-apply="${i}:${k}">${rep ? esc(ui.apply) + " “" + esc(rep) + "”" : esc(ui.remove) + " “" + esc(f.text) + "”"}</button>`)
          .join("") + `</div>`;
      }
      return html + "</div>";
    })
    .join("");
}

// ---- where things are in the letter ----------------------------------------
function offsetTop(offset) {
  // the backdrop's vertical position of a UTF-16 offset, found through its text nodes
  const walker = document.createTreeWalker(backdrop, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let node;
  while ((node = walker.nextNode())) {
    const len = node.textContent.length;
    if (seen + len >= offset) {
      const range = document.createRange();
      range.setStart(node, Math.min(offset - seen, len));
      range.setEnd(node, Math.min(offset - seen, len));
      const rect = range.getBoundingClientRect();
      return rect.top - backdrop.getBoundingClientRect().top + backdrop.scrollTop;
    }
    seen += len;
  }
  return 0;
}

function reveal(start, end) {
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  textarea.scrollTop = Math.max(0, offsetTop(start) - 80);
  backdrop.scrollTop = textarea.scrollTop;
}

function markActive(ids) {
  const wanted = new Set(ids.map(String));
  backdrop.querySelectorAll("mark").forEach((m) => {
    m.classList.toggle("active", m.dataset.ids.split(" ").some((x) => wanted.has(x)));
  });
  document.querySelectorAll("#findings li").forEach((li) => li.classList.toggle("active", wanted.has(li.dataset.i)));
}

function showDetail(ids) {
  if (!ids.length) {
    detail.hidden = true;
    markActive([]);
    return;
  }
  detail.innerHTML = explainHTML(ids);
  detail.hidden = false;
  markActive(ids);
}

function findingsAt(offset) {
  return findings()
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.scope === "text" && f.u16_start <= offset && offset < Math.max(f.u16_end, f.u16_start + 1))
    .map(({ i }) => i);
}

// ---- hover: the mark under the pointer, looked up through the textarea --------
function markAt(x, y) {
  // for one hit test, the textarea lets the pointer through to the backdrop's marks
  textarea.style.pointerEvents = "none";
  backdrop.style.pointerEvents = "auto";
  const el = document.elementFromPoint(x, y);
  backdrop.style.pointerEvents = "";
  textarea.style.pointerEvents = "";
  return el && el.tagName === "MARK" && backdrop.contains(el) ? el : null;
}

let tipTimer = null;
function showTip(ids, x, y) {
  clearTimeout(tipTimer);
  const key = ids.join(" ");
  if (key !== state.hoverIds || tip.hidden) {
    tip.innerHTML = explainHTML(ids);
    state.hoverIds = key;
  }
  tip.hidden = false;
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const left = Math.min(x + 12, window.innerWidth - width - 12);
  const top = y + 18 + height > window.innerHeight ? Math.max(8, y - height - 12) : y + 18;
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${top}px`;
}

function hideTip(delay) {
  clearTimeout(tipTimer);
  const hide = () => {
    tip.hidden = true;
    state.hoverIds = "";
  };
  if (delay) tipTimer = setTimeout(hide, delay);
  else hide();
}

let pending = null;
textarea.addEventListener("mousemove", (event) => {
  if (pending) return;
  pending = requestAnimationFrame(() => {
    pending = null;
    if (state.resultText !== textarea.value) return;
    const mark = markAt(event.clientX, event.clientY);
    if (mark) showTip(mark.dataset.ids.split(" ").map(Number), event.clientX, event.clientY);
    else if (!tip.hidden) hideTip(250);
  });
});
textarea.addEventListener("mouseleave", () => hideTip(250));
tip.addEventListener("mouseenter", () => clearTimeout(tipTimer));
tip.addEventListener("mouseleave", () => hideTip(150));

// ---- editing, fixes ---------------------------------------------------------
function replaceRange(start, end, replacement) {
  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  // execCommand keeps the browser's undo history (Ctrl-Z undoes a fix)
  const done = replacement ? document.execCommand("insertText", false, replacement) : document.execCommand("delete");
  if (!done) textarea.setRangeText(replacement, start, end, "end");
}

function applyReplacement(i, k) {
  const f = findings()[i];
  if (!f || state.resultText !== textarea.value) return;
  replaceRange(f.u16_start, f.u16_end, f.replacements[k]);
  hideTip();
  detail.hidden = true;
  lintNow();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-apply]");
  if (button) {
    const [i, k] = button.dataset.apply.split(":").map(Number);
    applyReplacement(i, k);
  }
});

$("fix-all").addEventListener("click", async () => {
  const text = textarea.value;
  try {
    const data = await post("/api/fix", { text, lang: state.lang, reason: $("reason").value });
    if (data.fixed && textarea.value === text) {
      replaceRange(0, text.length, data.text);
      lintNow();
    }
  } catch (err) {
    setStatus(fmt(state.ui.error, { message: err.message }), true);
  }
});

textarea.addEventListener("input", () => {
  if (state.result) renderBackdrop([]); // old highlights no longer fit the text
  scheduleLint();
});
textarea.addEventListener("scroll", () => {
  backdrop.scrollTop = textarea.scrollTop;
});
function caretDetail() {
  if (state.resultText !== textarea.value) return;
  if (textarea.selectionStart !== textarea.selectionEnd) return;
  showDetail(findingsAt(textarea.selectionStart));
}
textarea.addEventListener("click", caretDetail);
textarea.addEventListener("keyup", (event) => {
  if (event.key.startsWith("Arrow") || event.key === "Home" || event.key === "End") caretDetail();
});

$("findings").addEventListener("click", (event) => {
  const li = event.target.closest("li[data-i]");
  if (!li) return;
  const i = Number(li.dataset.i);
  const f = findings()[i];
  if (f.scope === "text") reveal(f.u16_start, f.u16_end);
  showDetail([i]);
});
$("findings").addEventListener("mouseover", (event) => {
  const li = event.target.closest("li[data-i]");
  if (li) markActive([Number(li.dataset.i)]);
});

$("outline").addEventListener("click", (event) => {
  const li = event.target.closest("li[data-k]");
  if (!li || !state.result) return;
  const o = state.result.outline[Number(li.dataset.k)];
  reveal(o.u16_start, o.u16_end);
});

// keyboard: Enter on a finding or an outline entry does what a click does
["findings", "outline"].forEach((id) => $(id).addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches("li[tabindex]")) event.target.click();
}));

$("reason").addEventListener("change", lintNow);

// ---- opening files ----------------------------------------------------------
async function openFile(file) {
  const form = new FormData();
  form.append("file", file, file.name);
  setStatus(state.ui.checking);
  try {
    const response = await fetch("/api/open", { method: "POST", body: form });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    textarea.focus({ preventScroll: true });
    textarea.select();
    if (!document.execCommand("insertText", false, data.text)) textarea.value = data.text;
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
    document.title = `${data.name} · appeal-lint`;
    lintNow();
  } catch (err) {
    setStatus(fmt(state.ui.error, { message: err.message }), true);
  }
}

$("open").addEventListener("change", (event) => {
  const file = event.target.files[0];
  if (file) openFile(file);
  event.target.value = "";
});
const editor = $("editor");
["dragenter", "dragover"].forEach((type) => editor.addEventListener(type, (event) => {
  if (event.dataTransfer && [...event.dataTransfer.types].includes("Files")) {
    event.preventDefault();
    editor.classList.add("dragging");
  }
}));
["dragleave", "drop"].forEach((type) => editor.addEventListener(type, () => editor.classList.remove("dragging")));
editor.addEventListener("drop", (event) => {
  const file = event.dataTransfer && event.dataTransfer.files[0];
  if (file) {
    event.preventDefault();
    openFile(file);
  }
});

// ---- language -----------------------------------------------------------------
async function setLang(lang) {
  state.lang = lang;
  localStorage.setItem("appeal-lint.lang", lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll(".lang button").forEach((b) => b.classList.toggle("on", b.dataset.lang === lang));
  const names = lang === "zh" ? boot.reasons_zh : boot.reasons_en;
  document.querySelectorAll("#reason option[value]").forEach((o) => {
    if (o.value) o.textContent = names[o.value] || o.value;
  });
  try {
    const response = await fetch(`/api/labels?lang=${lang}`);
    state.ui = await response.json();
  } catch (err) {
    /* keep the old words */
  }
  relabel();
  if (textarea.value.trim()) lintNow();
  else render();
}

function relabel() {
  document.querySelectorAll("[data-ui]").forEach((el) => {
    const text = state.ui[el.dataset.ui];
    if (typeof text === "string") el.textContent = text;
  });
  textarea.placeholder = state.ui.placeholder;
}

document.querySelectorAll(".lang button").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));

if (state.lang !== boot.lang) setLang(state.lang);
window.appealLint = { lintNow, state }; // for tests and the curious
