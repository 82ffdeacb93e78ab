// The form of `accountability serve`: built from the spec the server embeds (the input schema's
// fields and choices, labelled from the library's terms); posts the case as JSON to /assess and
// shows the printable report. No library, no network beyond this app.
"use strict";

(function () {
  const SPEC = JSON.parse(document.getElementById("spec").textContent);
  const ZH = SPEC.lang === "zh";
  const UI = ZH ? {
    title: "安全生产责任追究计算",
    intro: "填写事故、此前事故和相关人员，提交后得到可打印的计算报告。带 * 的为必填项；未填写的情况按“不知道”处理，相应规则会注明无法判断。",
    caseH: "基本信息", history: "此前事故", historyHint: "同一辖区此前发生的事故（如知道）。",
    addHistory: "添加此前事故", addOfficial: "添加人员", remove: "删除", submit: "计算并生成报告",
    print: "打印报告", back: "返回修改", automatic: "默认", choose: "请选择", none: "—",
    unknown: "不详", yes: "是", no: "否", date: "日期", time: "时间（可不填）", timeReq: "时间",
    from: "较轻", to: "较重（可不填）", official: "人员", entry: "事故",
    required: "必填", integer: "应为不小于 0 的整数", money: "应为金额，如 3500000 或 3500000.50",
    timeNeedsDate: "填写时间时也须填写日期", timestampNeedsTime: "报告时间须包括时分",
    fix: "请先改正以下问题：", server: "服务器未能处理：", sending: "正在计算…",
    switchTo: "English", switchHref: "?lang=en",
  } : {
    title: "Safety accountability calculator",
    intro: "Fill in the incident, earlier incidents and the officials; the answer is a printable report. Fields marked * are required; a fact left empty counts as unknown and the rules that need it say so.",
    caseH: "Basics", history: "Earlier incidents", historyHint: "Earlier incidents in the same jurisdiction, where known.",
    addHistory: "Add an earlier incident", addOfficial: "Add an official", remove: "Remove", submit: "Assess and show the report",
    print: "Print the report", back: "Back to the form", automatic: "default", choose: "choose", none: "—",
    unknown: "unknown", yes: "yes", no: "no", date: "date", time: "time (optional)", timeReq: "time",
    from: "lighter", to: "heavier (optional)", official: "Official", entry: "Incident",
    required: "required", integer: "a whole number, 0 or more", money: "an amount such as 3500000 or 3500000.50",
    timeNeedsDate: "a time needs its date", timestampNeedsTime: "the report time needs hours and minutes",
    fix: "Please correct:", server: "The server could not process the request:", sending: "Assessing…",
    switchTo: "中文", switchHref: "?lang=zh",
  };
  const MONEY = /^\s*\d+(\.\d{1,2})?\s*$/;

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children || []) node.appendChild(child);
    return node;
  }

  let uid = 0;
  function select(options, attrs) {
    const node = el("select", attrs);
    for (const [value, label] of options) node.appendChild(el("option", { value: value, text: label }));
    return node;
  }

  // One field: a wrapper .field with data-rel (its path inside the group) and its inputs.
  function field(spec, rel, overrides) {
    const id = "f" + (++uid);
    const style = spec.kind === "bool" && spec.nullable ? "tri" : spec.kind;
    const wrap = el("div", { class: "field " + style + (spec.required ? " required" : ""), "data-rel": rel,
                             "data-kind": spec.kind });
    const label = el("label", { for: id, text: spec.label });
    const choices = spec.enum ? SPEC.enums[spec.enum] : [];
    if (spec.kind === "bool" && !spec.nullable) {
      wrap.append(el("input", { type: "checkbox", id: id, name: rel }), label);
    } else if (spec.kind === "bool") {
      wrap.append(label, select([["", UI.unknown], ["true", UI.yes], ["false", UI.no]], { id: id, name: rel }));
    } else if (spec.kind === "int") {
      wrap.append(label, el("input", { type: "number", min: "0", step: "1", inputmode: "numeric", id: id, name: rel,
                                       required: spec.required }));
    } else if (spec.kind === "money") {
      wrap.append(label, el("input", { type: "text", inputmode: "decimal", id: id, name: rel, placeholder: "0.00" }));
    } else if (spec.kind === "moment" || spec.kind === "timestamp") {
      const time = el("input", { type: "time", "aria-label": spec.label + " " + (spec.kind === "moment" ? UI.time : UI.timeReq),
                                 name: rel + ".time" });
      wrap.append(label, el("div", { class: "pair" }, [
        el("input", { type: "date", id: id, name: rel + ".date", "aria-label": spec.label + " " + UI.date, required: spec.required }),
        time]));
    } else if (spec.kind === "date") {
      wrap.append(label, el("input", { type: "date", id: id, name: rel }));
    } else if (spec.kind === "choice") {
      const first = [["", spec.required ? UI.choose : UI.none]];
      wrap.append(label, select(first.concat(choices), { id: id, name: rel, required: spec.required }));
    } else if (spec.kind === "choices") {
      wrap.classList.add("wide");
      const box = el("div", { class: "checks" });
      for (const [value, text] of choices) {
        box.appendChild(el("label", {}, [el("input", { type: "checkbox", value: value, name: rel }),
                                          document.createTextNode(text)]));
      }
      const details = el("details", {}, [el("summary", { text: spec.label }), box]);
      wrap.append(details);
    } else if (spec.kind === "forms") {
      const none = [["", UI.none]];
      wrap.append(label, el("div", { class: "pair" }, [
        select(none.concat(choices), { id: id, name: rel + ".from", "aria-label": spec.label + " " + UI.from }),
        select(none.concat(choices), { name: rel + ".to", "aria-label": spec.label + " " + UI.to })]));
    } else {
      wrap.append(label, el("input", { type: "text", id: id, name: rel, required: spec.required }));
    }
    if (overrides && overrides.value !== undefined) {
      const input = wrap.querySelector("input, select");
      input.value = overrides.value;
    }
    wrap.appendChild(el("div", { class: "err", "aria-live": "polite" }));
    return wrap;
  }

  // A group of the schema (Incident, Official, Unit …): scalar fields in a grid, objects as fieldsets.
  function group(defName, prefix, container, options) {
    const grid = el("div", { class: "grid" });
    container.appendChild(grid);
    for (const spec of SPEC.groups[defName]) {
      if (options && options.flat && spec.kind === "object") continue;
      const rel = prefix ? prefix + "." + spec.key : spec.key;
      if (spec.kind === "object") {
        const set = el("fieldset", { "data-object": rel }, [el("legend", { text: spec.label })]);
        if (spec.ref === "Conduct") {
          const details = el("details", {}, [el("summary", { text: spec.label })]);
          set.replaceChildren(details);
          group(spec.ref, rel, details);
        } else {
          group(spec.ref, rel, set);
        }
        container.appendChild(set);
      } else {
        grid.appendChild(field(spec, rel, options && options.values && { value: options.values[spec.key] }));
      }
    }
  }

  function entry(list, kind) {
    const box = el("div", { class: "entry", "data-entry": kind });
    const title = el("span", { class: "entry-title" });
    const remove = el("button", { type: "button", class: "remove", text: UI.remove });
    remove.addEventListener("click", () => { box.remove(); renumber(); });
    box.appendChild(el("div", { class: "entry-head" }, [title, remove]));
    list.appendChild(box);
    return box;
  }

  function renumber() {
    document.querySelectorAll("#officials > .entry").forEach((box, i) => {
      box.querySelector(".entry-title").textContent = UI.official + " " + (i + 1);
    });
    document.querySelectorAll("#history > .entry").forEach((box, i) => {
      box.querySelector(".entry-title").textContent = UI.entry + " " + (i + 1);
    });
  }

  function addOfficial() {
    const list = document.getElementById("officials");
    const box = entry(list, "officials");
    group("Official", "", box, { values: { id: "o" + (list.children.length) } });
    renumber();
  }

  function addHistory() {
    const box = entry(document.getElementById("history"), "history");
    group("Incident", "", box, { flat: true });
    renumber();
  }

  // The JSON path of a field: $.incident.deaths, $.officials[0].conduct.cooperated …
  function pathOf(wrap) {
    const rel = wrap.dataset.rel;
    const box = wrap.closest(".entry");
    if (box) {
      const list = Array.from(box.parentNode.children);
      return "$." + box.dataset.entry + "[" + list.indexOf(box) + "]." + rel;
    }
    const root = wrap.closest("[data-root]");
    return root.dataset.root === "" ? "$." + rel : "$." + root.dataset.root + "." + rel;
  }

  function setPath(target, dotted, value) {
    const keys = dotted.split(".");
    let node = target;
    for (const key of keys.slice(0, -1)) node = node[key] = node[key] || {};
    node[keys[keys.length - 1]] = value;
  }

  // Read one field: [value, error]; value undefined = not given.
  function read(wrap) {
    const kind = wrap.dataset.kind;
    const required = wrap.classList.contains("required");
    const q = (name) => wrap.querySelector("[name='" + wrap.dataset.rel + name + "']");
    if (kind === "bool") {
      const box = wrap.querySelector("input[type=checkbox]");
      if (box) return [box.checked ? true : undefined, null];
      const v = wrap.querySelector("select").value;
      return [v === "" ? undefined : v === "true", null];
    }
    if (kind === "choices") {
      const v = Array.from(wrap.querySelectorAll("input:checked")).map((x) => x.value);
      return [v.length ? v : undefined, null];
    }
    if (kind === "forms") {
      const v = [q(".from").value, q(".to").value].filter((x) => x);
      return [v.length ? v : undefined, null];
    }
    if (kind === "moment" || kind === "timestamp") {
      const d = q(".date").value, t = q(".time").value;
      if (!d && !t) return [undefined, required ? UI.required : null];
      if (!d) return [undefined, UI.timeNeedsDate];
      if (!t) return kind === "timestamp" ? [undefined, UI.timestampNeedsTime] : [d, null];
      return [d + "T" + (t.length === 5 ? t + ":00" : t) + "+08:00", null];
    }
    const input = wrap.querySelector("input, select");
    const raw = input.value.trim();
    if (kind === "int" && input.validity && input.validity.badInput) return [undefined, UI.integer];
    if (raw === "") return [undefined, required ? UI.required : null];
    if (kind === "int") {
      if (!/^\d+$/.test(raw)) return [undefined, UI.integer];
      return [parseInt(raw, 10), null];
    }
    if (kind === "money") return MONEY.test(raw) ? [raw, null] : [undefined, UI.money];
    return [raw, null];
  }

  function collect() {
    const body = {};
    const problems = [];
    const regime = document.querySelector("[name=regime]").value;
    if (regime) body.regime = regime;
    const decided = document.querySelector("[name=decided_on]").value;
    if (decided) body.decided_on = decided;
    const incident = {};
    document.querySelectorAll("#incident .field").forEach((wrap) => {
      const [value, error] = read(wrap);
      if (error) problems.push([wrap, error]);
      else if (value !== undefined) setPath(incident, wrap.dataset.rel, value);
    });
    body.incident = incident;
    for (const list of ["history", "officials"]) {
      const items = [];
      document.querySelectorAll("#" + list + " > .entry").forEach((box) => {
        const item = {};
        box.querySelectorAll(".field").forEach((wrap) => {
          const [value, error] = read(wrap);
          if (error) problems.push([wrap, error]);
          else if (value !== undefined) setPath(item, wrap.dataset.rel, value);
        });
        items.push(item);
      });
      if (items.length) body[list] = items;
    }
    return [body, problems];
  }

  function clearErrors() {
    document.querySelectorAll(".field.invalid").forEach((w) => w.classList.remove("invalid"));
    document.querySelectorAll(".err").forEach((e) => { e.textContent = ""; });
    const summary = document.getElementById("summary");
    summary.hidden = true;
    summary.replaceChildren();
  }

  function showError(wrap, message) {
    wrap.classList.add("invalid");
    const box = wrap.querySelector(".err");
    box.textContent = box.textContent ? box.textContent + "; " + message : message;
  }

  // A server problem goes next to the field whose path is the longest prefix of the problem's path.
  function placeServerProblems(problems) {
    const fields = Array.from(document.querySelectorAll("#case .field")).map((w) => [pathOf(w), w]);
    const loose = [];
    for (const p of problems) {
      let best = null;
      for (const [path, wrap] of fields) {
        const fits = p.path === path || p.path.startsWith(path + ".") || p.path.startsWith(path + "[");
        if (fits && (!best || path.length > best[0].length)) best = [path, wrap];
      }
      if (best) showError(best[1], p.message);
      else loose.push(p.path + ": " + p.message);
    }
    return loose;
  }

  function summarise(title, lines) {
    const summary = document.getElementById("summary");
    summary.replaceChildren(el("strong", { text: title }), el("ul", {}, lines.map((t) => el("li", { text: t }))));
    summary.hidden = false;
    summary.scrollIntoView({ block: "start" });
  }

  async function submit(event) {
    event.preventDefault();
    clearErrors();
    const [body, problems] = collect();
    if (problems.length) {
      for (const [wrap, message] of problems) showError(wrap, message);
      summarise(UI.fix, problems.map(([wrap, message]) => wrap.querySelector("label, summary").textContent + ": " + message));
      return;
    }
    const button = document.getElementById("submit");
    button.disabled = true;
    button.textContent = UI.sending;
    try {
      const response = await fetch("/assess?format=html&lang=" + SPEC.lang, {
        method: "POST", headers: { "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.ok) {
        document.getElementById("report").srcdoc = text;
        document.getElementById("case").hidden = true;
        document.getElementById("answer").hidden = false;
        window.scrollTo(0, 0);
        return;
      }
      let lines;
      try {
        const answer = JSON.parse(text);
        const loose = placeServerProblems(answer.problems || []);
        lines = (answer.problems || []).map((p) => p.path + ": " + p.message);
        if (!loose.length && lines.length) lines = lines.slice(0, 20);
      } catch (e) {
        lines = [response.status + " " + text.slice(0, 200)];
      }
      summarise(UI.server, lines);
    } catch (e) {
      summarise(UI.server, [String(e)]);
    } finally {
      button.disabled = false;
      button.textContent = UI.submit;
    }
  }

  function start() {
    document.title = UI.title;
    document.getElementById("title").textContent = UI.title;
    document.getElementById("intro").textContent = UI.intro;
    const sw = document.getElementById("switch");
    sw.textContent = UI.switchTo;
    sw.href = UI.switchHref;
    document.getElementById("h-case").textContent = UI.caseH;
    document.getElementById("h-incident").textContent = SPEC.labels.incident;
    document.getElementById("h-history").textContent = UI.history;
    document.getElementById("hint-history").textContent = UI.historyHint;
    document.getElementById("h-officials").textContent = SPEC.labels.officials;
    document.getElementById("add-history").textContent = UI.addHistory;
    document.getElementById("add-official").textContent = UI.addOfficial;
    document.getElementById("submit").textContent = UI.submit;
    document.getElementById("print").textContent = UI.print;
    document.getElementById("back").textContent = UI.back;

    const basics = document.getElementById("case-fields");
    basics.dataset.root = "";
    const regimes = [["", UI.automatic + (SPEC.regime_default ? " (" + SPEC.regime_default + ")" : "")]].concat(SPEC.regimes.map((r) => [r, r]));
    basics.appendChild(field({ kind: "choice", label: SPEC.labels.regime, required: false }, "regime"));
    basics.lastChild.querySelector("select").replaceChildren(...regimes.map(([v, t]) => el("option", { value: v, text: t })));
    basics.appendChild(field({ kind: "date", label: SPEC.labels.decided_on }, "decided_on"));

    const incident = document.getElementById("incident");
    incident.dataset.root = "incident";
    group("Incident", "", incident);

    document.getElementById("add-history").addEventListener("click", addHistory);
    document.getElementById("add-official").addEventListener("click", addOfficial);
    document.getElementById("case").addEventListener("submit", submit);
    document.getElementById("print").addEventListener("click", () => {
      document.getElementById("report").contentWindow.print();
    });
    document.getElementById("report").addEventListener("load", (event) => {
      const frame = event.target;  // the report's own height: one scroll bar, not two
      if (frame.contentDocument && frame.contentDocument.body) {
        frame.style.height = (frame.contentDocument.documentElement.scrollHeight + 24) + "px";
      }
    });
    document.getElementById("back").addEventListener("click", () => {
      document.getElementById("answer").hidden = true;
      document.getElementById("case").hidden = false;
    });
    addOfficial();
  }

  start();
})();
