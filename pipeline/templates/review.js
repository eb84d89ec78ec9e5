// zhfacts review page. The data is the JSON block #zhfacts-data (pipeline/review.py, page_record);
// article text only ever reaches the DOM through textContent, setAttribute and createTextNode.
(function () {
  "use strict";
  var T0 = performance.now();
  var D = JSON.parse(document.getElementById("zhfacts-data").textContent);
  var A = D.a, TYPES = D.types, RULES = D.rules, FACT_TYPES = ["count", "money", "date", "percent", "award"];
  var ROW = 28, STORE = "zhfacts-review:" + D.key;

  // -- small DOM helpers ------------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function show(v) {
    if (v === null || v === undefined) return "";
    return typeof v === "string" ? v : JSON.stringify(v);
  }
  function typeName(f) { return TYPES[f[0]]; }
  function typeClass(t) { return "t-" + (FACT_TYPES.indexOf(t) >= 0 ? t : "other"); }
  function swatch(t) {
    var s = el("span", "sw");
    s.style.background = "var(--" + (FACT_TYPES.indexOf(t) >= 0 ? t : "other") + ")";
    return s;
  }

  // -- offsets: the records count code points, JavaScript strings count UTF-16 units ----------------
  var SURR = /[\uD800-\uDFFF]/;
  function cpToU16(text) {
    if (!SURR.test(text)) return function (i) { return i; };
    var map = [], u = 0;
    for (var ch of text) { map.push(u); u += ch.length; }
    map.push(u);
    return function (i) { return i >= 0 && i < map.length ? map[i] : -1; };
  }
  function cpLen(s) { return SURR.test(s) ? Array.from(s).length : s.length; }
  function factOk(a, f) {  // offsets inside the text and pointing at the fact (the page was told otherwise)
    return f.length <= 8 && typeof f[1] === "number" && typeof f[2] === "number" && f[1] >= 0 && f[1] < f[2];
  }
  function factText(a, f, conv) {
    if (f.length > 8) return f[8];
    conv = conv || cpToU16(a.x);
    return a.x.slice(conv(f[1]), conv(f[2]));
  }

  // -- decisions: {articleId: {v: {"type|start|end": {fact, verdict}}, m: [missed, ...]}} ---------
  var DEC = {};
  try { DEC = JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { DEC = {}; }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(DEC)); } catch (e) { status("decisions not saved: " + e); }
    updateDecided();
  }
  function fkey(t, s, e) { return t + "|" + s + "|" + e; }
  function decOf(id, make) {
    if (!DEC[id] && make) DEC[id] = {v: {}, m: []};
    return DEC[id];
  }
  function verdictOf(a, f) {
    var d = DEC[a.id];
    var v = d && d.v[fkey(typeName(f), f[1], f[2])];
    return v ? v.verdict : null;
  }
  function setVerdict(a, f, verdict) {
    var d = decOf(a.id, true), k = fkey(typeName(f), f[1], f[2]);
    if (verdict) d.v[k] = {fact: {type: typeName(f), text: factText(a, f), start: f[1], end: f[2]}, verdict: verdict};
    else delete d.v[k];
    if (!Object.keys(d.v).length && !d.m.length) delete DEC[a.id];
    save();
  }
  function reviewed(a) { return !!DEC[a.id]; }
  function decisionsJsonl() {
    var lines = [];
    for (var i = 0; i < A.length; i++) {
      var a = A[i], d = DEC[a.id];
      if (!d) continue;
      var done = {};
      for (var j = 0; j < a.f.length; j++) {  // in the article's fact order
        var f = a.f[j], k = fkey(typeName(f), f[1], f[2]);
        if (d.v[k] && !done[k]) { done[k] = 1; lines.push(JSON.stringify({id: a.id, fact: d.v[k].fact, verdict: d.v[k].verdict})); }
      }
      for (var k2 in d.v) if (!done[k2]) lines.push(JSON.stringify({id: a.id, fact: d.v[k2].fact, verdict: d.v[k2].verdict}));
      d.m.forEach(function (m) { lines.push(JSON.stringify({id: a.id, missed: m})); });
    }
    return lines.length ? lines.join("\n") + "\n" : "";
  }
  function download() {
    var blob = new Blob([decisionsJsonl()], {type: "application/x-ndjson"});
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "decisions-" + D.key + ".jsonl";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // a downloaded file read back (another browser, another machine): its decisions are added,
  // a later line about the same fact wins; lines about articles not on this page are counted
  function loadDecisions(text) {
    var ids = {}, used = 0, skipped = 0;
    A.forEach(function (a) { ids[a.id] = 1; });
    text.split(/\r?\n/).forEach(function (line) {
      if (!line.trim()) return;
      var d;
      try { d = JSON.parse(line); } catch (e) { skipped++; return; }
      if (!d || !ids[d.id]) { skipped++; return; }
      var x = d.fact || d.missed;
      if (!x || typeof x.start !== "number" || typeof x.end !== "number" || typeof x.text !== "string" || !x.type ||
          (d.fact && d.verdict !== "right" && d.verdict !== "wrong")) { skipped++; return; }
      var dec = decOf(d.id, true);
      if (d.fact) dec.v[fkey(x.type, x.start, x.end)] = {fact: x, verdict: d.verdict};
      else if (!dec.m.some(function (m) { return m.type === x.type && m.start === x.start && m.end === x.end; })) dec.m.push(x);
      used++;
    });
    save();
    rerender();
    status(used + " decisions loaded" + (skipped ? ", " + skipped + " lines skipped" : ""));
    return [used, skipped];
  }

  // -- per-article facts for filtering, computed once ------------------------------------------
  var N = A.length, MASK = new Int32Array(N), WARN = new Uint8Array(N), RULESET = new Array(N);
  var ruleCount = new Map(), typeCount = {}, awardCount = new Map(), money = new Map();
  var nErr = 0, nWarn = 0, nFacts = 0, nRemoved = 0;
  for (var i = 0; i < N; i++) {
    var a = A[i], m = 0, rs = [], bad = 0;
    for (var j = 0; j < a.f.length; j++) {
      var f = a.f[j], t = TYPES[f[0]];
      m |= 1 << f[0];
      rs.push(f[4]);
      typeCount[t] = (typeCount[t] || 0) + 1;
      ruleCount.set(f[4], (ruleCount.get(f[4]) || 0) + 1);
      if (!factOk(a, f)) bad = 1;
      if (t === "award") {
        var name = show(f[3]) || factText(a, f), lv = f[7] && f[7].level, c = awardCount.get(name);
        if (!c) awardCount.set(name, c = {n: 0, levels: {}});
        c.n++;
        if (lv) c.levels[lv] = (c.levels[lv] || 0) + 1;
      } else if (t === "money" && typeof f[3] === "number") {
        var cur = f[5] || "?";
        money.set(cur, (money.get(cur) || 0) + f[3]);
      }
    }
    (a.rm || []).forEach(function (r) { rs.push(r[3]); ruleCount.set(r[3], (ruleCount.get(r[3]) || 0) + 1); });
    nFacts += a.f.length;
    nRemoved += (a.rm || []).length;
    MASK[i] = m;
    RULESET[i] = rs;
    WARN[i] = (a.w && a.w.length) || bad ? 1 : 0;
    if (a.e) nErr++;
    if (WARN[i]) nWarn++;
  }
  var HAY = null;  // lower-cased search text, made on the first search
  function hay(i) {
    if (!HAY) HAY = new Array(N);
    if (HAY[i] === undefined) {
      var a = A[i], parts = [a.id, a.x, (a.m && a.m.title) || "", a.s || ""];
      HAY[i] = parts.join("\n").toLowerCase();
    }
    return HAY[i];
  }

  // -- filters ----------------------------------------------------------------------------------
  var shown = new Int32Array(0), pos = -1, curFact = -1;
  var checked = {};
  TYPES.forEach(function (t) { checked[t] = true; });
  function typeMask() {
    var m = 0;
    TYPES.forEach(function (t, k) { if (checked[t]) m |= 1 << k; });
    return m;
  }
  function applyFilters(keepId) {
    var t0 = performance.now();
    var all = TYPES.every(function (t) { return checked[t]; }), tm = typeMask();
    var rule = $("rule-filter").value, ruleIx = rule === "" ? -1 : +rule;
    var eo = $("errors-only").checked, wo = $("warnings-only").checked, ro = $("decided-only").checked;
    var q = $("search").value.trim().toLowerCase();
    var out = new Int32Array(N), n = 0;
    for (var i = 0; i < N; i++) {
      if (!all && !(MASK[i] & tm)) continue;
      if (ruleIx >= 0 && RULESET[i].indexOf(ruleIx) < 0) continue;
      if (eo && !A[i].e) continue;
      if (wo && !WARN[i]) continue;
      if (ro && !reviewed(A[i])) continue;
      if (q && hay(i).indexOf(q) < 0) continue;
      out[n++] = i;
    }
    shown = out.subarray(0, n);
    var keep = keepId === undefined ? null : keepId;
    pos = -1;
    if (keep !== null) for (var k = 0; k < n; k++) if (shown[k] === keep) { pos = k; break; }
    if (pos < 0 && n) pos = 0;
    $("list-spacer").style.height = (n * ROW) + "px";
    drawList(true);
    renderArticle();
    window.zhfactsReview.filterMs = performance.now() - t0;
  }
  function current() { return pos >= 0 && pos < shown.length ? shown[pos] : -1; }

  // -- the virtual list ---------------------------------------------------------------------------
  var list = $("list"), spacer = $("list-spacer"), pool = [];
  function drawList(scrollToCurrent) {
    if (scrollToCurrent && pos >= 0) {
      var top = pos * ROW;
      if (top < list.scrollTop || top + ROW > list.scrollTop + list.clientHeight)
        list.scrollTop = Math.max(0, top - list.clientHeight / 3);
    }
    var first = Math.max(0, Math.floor(list.scrollTop / ROW) - 5);
    var last = Math.min(shown.length, first + Math.ceil((list.clientHeight || 800) / ROW) + 10);
    var k = 0;
    for (var p = first; p < last; p++, k++) {
      var it = pool[k];
      if (!it) {
        it = pool[k] = el("div", "item");
        it.appendChild(el("span", "id"));
        it.addEventListener("click", function () { go(+this.dataset.pos); });
        spacer.appendChild(it);
      }
      var a = A[shown[p]];
      it.hidden = false;
      it.dataset.pos = p;
      it.style.top = (p * ROW) + "px";
      it.className = "item" + (p === pos ? " current" : "");
      it.firstChild.textContent = a.id;
      it.title = a.id;
      while (it.childNodes.length > 1) it.removeChild(it.lastChild);
      if (a.e) it.appendChild(el("span", "badge e", "error"));
      if (WARN[shown[p]]) it.appendChild(el("span", "badge w", "warn"));
      if (reviewed(a)) it.appendChild(el("span", "badge d", "✓"));
      it.appendChild(el("span", "badge n", a.f.length));
    }
    for (; k < pool.length; k++) pool[k].hidden = true;
    status();
  }
  list.addEventListener("scroll", function () { drawList(false); });
  function status(extra) {
    $("status").textContent = shown.length + " of " + N + " articles" +
      (pos >= 0 ? " · " + (pos + 1) + "/" + shown.length : "") + (extra ? " · " + extra : "");
  }
  function updateDecided() {
    var nv = 0, nm = 0, na = 0;
    for (var id in DEC) { na++; nv += Object.keys(DEC[id].v).length; nm += DEC[id].m.length; }
    $("decided").textContent = na ? na + " reviewed · " + nv + " marked · " + nm + " missed" : "";
  }
  function go(p) {
    if (p < 0 || p >= shown.length) return;
    pos = p;
    curFact = -1;
    drawList(true);
    renderArticle();
    $("view").scrollTop = 0;
  }

  // -- one article ------------------------------------------------------------------------------
  var view = $("view"), rowsNow = [], marksNow = [];
  function title(a, f) {
    var p = [typeName(f) + ": " + factText(a, f)];
    if (f[3] !== null && f[3] !== undefined) p.push("value = " + show(f[3]) + (f[5] ? " " + f[5] : ""));
    if (f[6]) p.push("qualifier = " + f[6]);
    if (f[7]) for (var k in f[7]) p.push(k + " = " + show(f[7][k]));
    p.push("rule = " + RULES[f[4]]);
    return p.join("\n");
  }
  // facts as <mark>s; facts may nest (an award over a date); spans that cross are closed and
  // reopened so every mark stays inside its parent
  function highlight(box, a, spans) {
    var text = a.x, conv = cpToU16(text);
    var good = spans.filter(function (s) { return s.s >= 0 && s.s < s.e && s.e <= cpLen(text); });
    good.sort(function (x, y) { return x.s - y.s || y.e - x.e; });
    var bounds = new Set([0, cpLen(text)]), opens = new Map();
    good.forEach(function (s, i) {
      bounds.add(s.s); bounds.add(s.e);
      if (!opens.has(s.s)) opens.set(s.s, []);
      opens.get(s.s).push(i);
    });
    var pts = Array.from(bounds).sort(function (x, y) { return x - y; });
    var stack = [], nodes = [box];
    function open(i) {
      var s = good[i], m = el("mark", typeClass(s.type) + (s.cls ? " " + s.cls : ""));
      m.title = s.title;
      m.dataset.k = s.k;
      nodes[nodes.length - 1].appendChild(m);
      nodes.push(m);
      stack.push(i);
      (marksNow[s.k] = marksNow[s.k] || []).push(m);
    }
    for (var n = 0; n + 1 < pts.length; n++) {
      var x = pts[n], y = pts[n + 1];
      var depth = -1;
      for (var d = 0; d < stack.length; d++) if (good[stack[d]].e <= x) { depth = d; break; }
      if (depth >= 0) {
        var above = stack.slice(depth);
        stack.length = depth;
        nodes.length = depth + 1;
        above.forEach(function (i) { if (good[i].e > x) open(i); });
      }
      (opens.get(x) || []).forEach(open);
      nodes[nodes.length - 1].appendChild(document.createTextNode(text.slice(conv(x), conv(y))));
    }
  }
  function cell(tr, text, cls) { var td = el("td", cls, text); tr.appendChild(td); return td; }
  function renderArticle() {
    view.textContent = "";
    rowsNow = [];
    marksNow = [];
    var i = current();
    if (i < 0) { view.appendChild(el("div", "empty", N ? "No article matches the filters." : "No articles.")); status(); return; }
    var a = A[i], conv = cpToU16(a.x);
    view.appendChild(el("h2", null, a.id));
    var meta = el("div", "meta");
    function kv(k, v) { if (meta.childNodes.length) meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("b", null, k)); meta.appendChild(document.createTextNode(" " + show(v))); }
    kv("ref_date", a.r || "—");
    if (a.m) for (var k in a.m) kv(k, a.m[k]);
    if (a.s) kv("source", a.s);
    view.appendChild(meta);
    if (a.e) { var e = el("div", "error"); e.appendChild(el("b", null, "error ")); e.appendChild(document.createTextNode(a.e)); view.appendChild(e); }
    var warns = (a.w || []).slice();
    a.f.forEach(function (f) {
      if (!factOk(a, f)) warns.push("fact offsets do not match the text: " + typeName(f) + " " + JSON.stringify(factText(a, f)) + " [" + f[1] + ":" + f[2] + "]");
    });
    if (warns.length) {
      var w = el("div", "warnings"), ul = el("ul");
      w.appendChild(el("b", null, "warnings"));
      warns.forEach(function (s) { ul.appendChild(el("li", null, s)); });
      w.appendChild(ul);
      view.appendChild(w);
    }
    var add = el("div", "add");
    add.appendChild(document.createTextNode("Missed a fact? Select it in the text, then add it as: "));
    FACT_TYPES.forEach(function (t, n) {
      var b = el("button", "add-" + t);
      b.type = "button";
      b.appendChild(swatch(t));
      b.appendChild(document.createTextNode(t + " (" + (n + 1) + ")"));
      b.addEventListener("mousedown", function (ev) { ev.preventDefault(); });  // keep the selection
      b.addEventListener("click", function () { addMissed(t); });
      add.appendChild(b);
      add.appendChild(document.createTextNode(" "));
    });
    view.appendChild(add);

    var cols = el("div", "cols"), body = el("div", "body"), box = el("div", "facts-box");
    body.id = "article-text";
    var spans = [], d = DEC[a.id];
    var table = el("table", "facts"), head = el("tr");
    ["#", "verdict", "type", "text", "value", "unit", "qualifier", "object, recipient", "rule"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    a.f.forEach(function (f, n) {
      var t = typeName(f);
      if (!checked[t]) return;
      var v = verdictOf(a, f), k = "f" + n;
      if (factOk(a, f)) spans.push({s: f[1], e: f[2], type: t, title: title(a, f), k: k, cls: v === "wrong" ? "wrong" : ""});
      var tr = el("tr", v || "");
      tr.dataset.k = k;
      cell(tr, n + 1);
      var vd = cell(tr, "", "verdict");
      [["ok", "right", "✓"], ["bad", "wrong", "✗"]].forEach(function (b) {
        var btn = el("button", b[0], b[2]);
        btn.type = "button";
        btn.title = "mark " + b[1];
        btn.addEventListener("click", function () { curFact = rowsNow.indexOf(tr); setVerdict(a, f, verdictOf(a, f) === b[1] ? null : b[1]); rerender(); });
        vd.appendChild(btn);
      });
      var tt = cell(tr, ""); tt.appendChild(swatch(t)); tt.appendChild(document.createTextNode(t));
      cell(tr, factText(a, f, conv), "text");
      cell(tr, show(f[3]), "val");
      cell(tr, f[5] || "");
      cell(tr, f[6] || "");
      var x = f[7] || {}, who = [x.object, x.recipient].filter(Boolean).map(show).join(" / ");
      if (x.level) who += (who ? " · " : "") + show(x.level);
      cell(tr, who);
      cell(tr, RULES[f[4]], "rule");
      table.appendChild(tr);
      rowsNow.push(tr);
    });
    (d ? d.m : []).forEach(function (m, n) {
      if (!checked[m.type]) return;
      var k = "m" + n;
      spans.push({s: m.start, e: m.end, type: m.type, title: "missed " + m.type + ": " + m.text, k: k, cls: "missed"});
      var tr = el("tr", "missed");
      tr.dataset.k = k;
      cell(tr, "+");
      var del = el("button", "del", "remove");
      del.type = "button";
      del.addEventListener("click", function () { d.m.splice(n, 1); if (!d.m.length && !Object.keys(d.v).length) delete DEC[a.id]; save(); rerender(); });
      cell(tr, "", "verdict").appendChild(del);
      var tt = cell(tr, ""); tt.appendChild(swatch(m.type)); tt.appendChild(document.createTextNode(m.type));
      cell(tr, m.text, "text");
      [["value", "val"], ["unit", ""]].forEach(function (p) {
        var inp = el("input");
        inp.value = show(m[p[0]]);
        inp.placeholder = p[0] === "value" ? "(from the pipeline)" : "";
        inp.addEventListener("change", function () {
          var s = inp.value.trim();
          m[p[0]] = s === "" ? null : (p[0] === "value" && s !== "" && !isNaN(+s) && m.type !== "date" && m.type !== "award" ? +s : s);
          save();
        });
        cell(tr, "", p[1]).appendChild(inp);
      });
      cell(tr, ""); cell(tr, ""); cell(tr, "missed", "rule");
      table.appendChild(tr);
      rowsNow.push(tr);
    });
    highlight(body, a, spans);
    cols.appendChild(body);
    if (rowsNow.length) box.appendChild(table);
    else box.appendChild(el("div", "muted", a.f.length ? "No facts of the checked types." : "No facts."));
    cols.appendChild(box);
    view.appendChild(cols);

    if (a.rm && a.rm.length) {
      var reasons = {};
      a.rm.forEach(function (r) { reasons[r[1]] = (reasons[r[1]] || 0) + 1; });
      var det = el("details"), rt = el("table", "removed"), hr = el("tr");
      det.open = true;
      det.appendChild(el("summary", null, a.rm.length + " removed lines (" + Object.keys(reasons).sort().map(function (r) { return r + " " + reasons[r]; }).join(", ") + ")"));
      ["line", "reason", "text", "rule"].forEach(function (h) { hr.appendChild(el("th", null, h)); });
      rt.appendChild(hr);
      a.rm.forEach(function (r) {
        var tr = el("tr");
        cell(tr, r[0]); cell(tr, r[1], "reason"); cell(tr, r[2], "text"); cell(tr, RULES[r[3]], "rule");
        rt.appendChild(tr);
      });
      det.appendChild(rt);
      view.appendChild(det);
    }
    markFact();
    status();
  }
  function rerender() { var sc = view.scrollTop; renderArticle(); view.scrollTop = sc; drawList(false); }
  function markFact() {
    view.querySelectorAll(".current").forEach(function (x) { x.classList.remove("current"); });
    var tr = rowsNow[curFact];
    if (!tr) return;
    tr.classList.add("current");
    (marksNow[tr.dataset.k] || []).forEach(function (m) { m.classList.add("current"); });
    var mk = (marksNow[tr.dataset.k] || [])[0];
    (mk || tr).scrollIntoView({block: "nearest"});
  }

  // -- missed facts from a selection ------------------------------------------------------------
  var KNOWN = {};  // type -> Map(text -> [value, unit]) over every predicted fact, made on first use
  function known(t, text) {
    if (!KNOWN[t]) {
      var mp = KNOWN[t] = new Map(), ti = TYPES.indexOf(t);
      for (var i = 0; i < N; i++) {
        var a = A[i];
        for (var j = 0; j < a.f.length; j++) {
          var f = a.f[j];
          if (f[0] !== ti || !factOk(a, f)) continue;
          var s = factText(a, f);
          if (!mp.has(s)) mp.set(s, [f[3] === undefined ? null : f[3], f[5] || null]);
        }
      }
    }
    return KNOWN[t].get(text);
  }
  function addMissed(t) {
    var i = current(), body = $("article-text"), sel = window.getSelection();
    if (i < 0 || !body || !sel || !sel.rangeCount) { status("select text in the article first"); return false; }
    var r = sel.getRangeAt(0);
    if (r.collapsed || !body.contains(r.startContainer) || !body.contains(r.endContainer)) { status("select text in the article first"); return false; }
    var pre = document.createRange();
    pre.setStart(body, 0);
    pre.setEnd(r.startContainer, r.startOffset);
    var a = A[i], u0 = pre.toString().length, u1 = u0 + r.toString().length;
    while (u0 < u1 && /\s/.test(a.x[u0])) u0++;
    while (u1 > u0 && /\s/.test(a.x[u1 - 1])) u1--;
    if (u0 >= u1) return false;
    var text = a.x.slice(u0, u1), start = cpLen(a.x.slice(0, u0)), end = start + cpLen(text);
    var d = decOf(a.id, true);
    if (d.m.some(function (m) { return m.type === t && m.start === start && m.end === end; })) return false;
    var k = known(t, text);
    d.m.push({type: t, text: text, start: start, end: end, value: k ? k[0] : null, unit: k ? k[1] : null});
    sel.removeAllRanges();
    save();
    rerender();
    return true;
  }

  // -- summary ----------------------------------------------------------------------------------
  function top(map, n) {
    return Array.from(map.entries()).sort(function (x, y) { return (y[1].n || y[1]) - (x[1].n || x[1]) || (x[0] < y[0] ? -1 : 1); }).slice(0, n);
  }
  function zhAmount(v) {
    var a = Math.abs(v);
    if (a >= 1e12) return +(v / 1e12).toFixed(2) + "万亿";
    if (a >= 1e8) return +(v / 1e8).toFixed(2) + "亿";
    if (a >= 1e4) return +(v / 1e4).toFixed(2) + "万";
    return String(+v.toFixed(2));
  }
  function box(h) { var b = el("div"); b.appendChild(el("h3", null, h)); $("summary").appendChild(b); return b; }
  function table2(b, rows, onclick) {
    var t = el("table");
    rows.forEach(function (r) {
      var tr = el("tr");
      r.forEach(function (c, n) { tr.appendChild(el("td", n === r.length - 1 ? "n" : null, c)); });
      if (onclick) { tr.style.cursor = "pointer"; tr.addEventListener("click", function () { onclick(r); }); }
      t.appendChild(tr);
    });
    b.appendChild(t);
  }
  function summary() {
    var b = box("Archive");
    table2(b, [["articles", N], ["errors", nErr], ["with warnings", nWarn], ["facts", nFacts], ["removed lines", nRemoved]]);
    b.querySelectorAll("td.n")[0].classList.add("big");
    // facts per type: an inline SVG bar chart
    var c = box("Facts per type"), NS = "http://www.w3.org/2000/svg";
    var ts = TYPES.filter(function (t) { return typeCount[t]; }), max = Math.max.apply(null, ts.map(function (t) { return typeCount[t]; }).concat([1]));
    var svg = document.createElementNS(NS, "svg"), W = 260, H = 20;
    svg.setAttribute("width", W);
    svg.setAttribute("height", Math.max(1, ts.length) * H);
    svg.setAttribute("role", "img");
    svg.id = "type-chart";
    ts.forEach(function (t, n) {
      var label = document.createElementNS(NS, "text"), bar = document.createElementNS(NS, "rect"), num = document.createElementNS(NS, "text");
      label.setAttribute("x", 0); label.setAttribute("y", n * H + 14); label.textContent = t;
      bar.setAttribute("x", 62); bar.setAttribute("y", n * H + 3); bar.setAttribute("height", H - 6);
      bar.setAttribute("width", Math.max(1, Math.round((W - 130) * typeCount[t] / max)));
      bar.setAttribute("fill", getComputedStyle(document.documentElement).getPropertyValue("--" + (FACT_TYPES.indexOf(t) >= 0 ? t : "other")).trim() || "#ccc");
      bar.setAttribute("stroke", "#888"); bar.setAttribute("stroke-width", "0.5");
      num.setAttribute("x", 66 + Math.round((W - 130) * typeCount[t] / max)); num.setAttribute("y", n * H + 14); num.textContent = typeCount[t];
      [label, num].forEach(function (x) { x.setAttribute("font-size", "12"); });
      svg.appendChild(label); svg.appendChild(bar); svg.appendChild(num);
    });
    c.appendChild(svg);
    var aw = box("Most frequent awards");
    table2(aw, top(awardCount, 8).map(function (e) {
      var lv = Object.keys(e[1].levels).sort(function (x, y) { return e[1].levels[y] - e[1].levels[x]; })[0] || "";
      return [e[0], lv, e[1].n];
    }), function (r) { $("search").value = r[0]; applyFilters(); });
    var mo = box("Money totals");
    table2(mo, top(money, 6).map(function (e) { return [e[0], zhAmount(e[1]), Math.round(e[1]).toLocaleString("en")]; }));
    var ru = box("Rules that fired most");
    table2(ru, top(ruleCount, 8).map(function (e) { return [RULES[e[0]], e[1]]; }), function (r) {
      $("rule-filter").value = String(RULES.indexOf(r[0])); applyFilters();
    });
  }

  // -- controls ---------------------------------------------------------------------------------
  function controls() {
    document.title = D.title;
    $("title").textContent = D.title;
    var tf = $("type-filters");
    TYPES.forEach(function (t) {
      var l = el("label"), c = el("input");
      c.type = "checkbox"; c.checked = true; c.id = "show-" + t; c.dataset.type = t;
      c.addEventListener("change", function () { checked[t] = c.checked; applyFilters(current()); });
      l.appendChild(c); l.appendChild(document.createTextNode(" ")); l.appendChild(swatch(t));
      l.appendChild(document.createTextNode(t + " (" + (typeCount[t] || 0) + ")"));
      tf.appendChild(l); tf.appendChild(document.createTextNode(" "));
    });
    var rf = $("rule-filter");
    top(ruleCount, RULES.length).forEach(function (e) {
      var o = el("option", null, RULES[e[0]] + " (" + e[1] + ")");
      o.value = String(e[0]);
      rf.appendChild(o);
    });
    ["rule-filter", "errors-only", "warnings-only", "decided-only"].forEach(function (id) { $(id).addEventListener("change", function () { applyFilters(current()); }); });
    var timer = null;
    $("search").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { applyFilters(current()); }, 150); });
    $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") { clearTimeout(timer); applyFilters(current()); } });
    $("download").addEventListener("click", download);
    $("load").addEventListener("click", function () { $("load-file").click(); });
    $("load-file").addEventListener("change", function () {
      var f = this.files && this.files[0], input = this;
      if (!f) return;
      f.text().then(function (t) { loadDecisions(t); input.value = ""; });
    });
    $("clear").addEventListener("click", function () { if (confirm("Forget every decision on this page?")) { DEC = {}; save(); rerender(); } });
    $("toggle-summary").addEventListener("click", function () {
      var s = $("summary"); s.hidden = !s.hidden; this.setAttribute("aria-expanded", String(!s.hidden)); drawList(false);
    });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) {
        if (e.key === "Escape" && e.target.blur) e.target.blur();
        return;
      }
      var a = current() >= 0 ? A[current()] : null, tr = rowsNow[curFact];
      if (e.key === "j" || e.key === "ArrowDown" && e.target === document.body) go(pos + 1);
      else if (e.key === "k" || e.key === "ArrowUp" && e.target === document.body) go(pos - 1);
      else if (e.key === "n" && rowsNow.length) { curFact = Math.min(rowsNow.length - 1, curFact + 1); markFact(); }
      else if (e.key === "p" && rowsNow.length) { curFact = Math.max(0, curFact - 1); markFact(); }
      else if ((e.key === "r" || e.key === "w" || e.key === "u") && a && tr && tr.dataset.k[0] === "f") {
        setVerdict(a, a.f[+tr.dataset.k.slice(1)], e.key === "r" ? "right" : e.key === "w" ? "wrong" : null);
        rerender();
      } else if (e.key >= "1" && e.key <= "5") addMissed(FACT_TYPES[+e.key - 1]);
      else if (e.key === "/") $("search").focus();
      else return;
      e.preventDefault();
    });
    window.addEventListener("resize", function () { drawList(false); });
  }

  window.zhfactsReview = {
    key: D.key, decisionsJsonl: decisionsJsonl, addMissed: addMissed,
    shown: function () { return Array.from(shown, function (i) { return A[i].id; }); },
    current: function () { return current() >= 0 ? A[current()].id : null; },
    open: function (id) { for (var k = 0; k < shown.length; k++) if (A[shown[k]].id === id) { go(k); return true; } return false; }
  };
  controls();
  summary();
  updateDecided();
  var start = 0;
  if (location.hash.length > 1) {
    var want = decodeURIComponent(location.hash.slice(1));
    for (var h = 0; h < N; h++) if (A[h].id === want) { start = h; break; }
  }
  applyFilters(N ? start : undefined);
  window.zhfactsReview.scriptMs = performance.now() - T0;
  window.zhfactsReview.loadMs = performance.now();
  document.documentElement.dataset.ready = "1";
})();
