import PartnerMatch

extension WorkbenchPage {
    /// The page's script. Every request goes to this server's `/api/…` with the cookie the first
    /// page load set; every value is written with `textContent`. `CRITERIA` lists the registered
    /// criteria's keys (a weight slider and a score column each).
    static let script = #"""
    "use strict";
    const CRITERIA = [\#(Criterion.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))];
    const state = { scenario: null, start: null, off: {}, seq: 0, chartSeq: 0, baseBudget: null, names: {} };
    const $ = (id) => document.getElementById(id);

    function el(tag, text, cls) {
      const e = document.createElement(tag);
      if (text !== undefined && text !== null) e.textContent = String(text);
      if (cls) e.className = cls;
      return e;
    }
    function fmt(x, d) { return typeof x === "number" ? x.toLocaleString("en-US", { maximumFractionDigits: d === undefined ? 2 : d }) : (x === null || x === undefined ? "—" : String(x)); }
    function clone(x) { return JSON.parse(JSON.stringify(x)); }

    async function api(path, options, scenario) {
      const response = await fetch("/api/" + path, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scenario: scenario || currentScenario(), options: options || {} }),
      });
      const type = response.headers.get("Content-Type") || "";
      const body = type.startsWith("application/json") ? await response.json() : await response.blob();
      return { status: response.status, body };
    }

    // The scenario sent: the form's scenario without the rules switched off.
    function currentScenario() {
      const s = clone(state.scenario);
      if (s.rules) for (const key of Object.keys(state.off)) if (state.off[key]) delete s.rules[key];
      return s;
    }

    let timer = null;
    function changed(what) {
      clearTimeout(timer);
      timer = setTimeout(() => refresh(what), 250);
    }

    async function refresh(what) {
      const seq = ++state.seq;
      $("busy").hidden = false;
      document.body.dataset.state = "busy";
      try {
        const [shortlist, team] = await Promise.all([api("shortlist", {}), api("optimize", { exit_analysis: true })]);
        if (seq !== state.seq) return;
        clearErrors();
        if (shortlist.status !== 200) { showErrors(shortlist.body); } else { renderShortlist(shortlist.body); }
        if (team.status !== 200) { if (shortlist.status === 200) showErrors(team.body); } else { renderTeam(team.body); }
        refreshPrices(seq, team.status === 200 && team.body.team && team.body.team.length > 0);
        if (what !== "budget") refreshChart();
      } catch (error) {
        if (seq === state.seq) showErrors({ error: String(error) });
      } finally {
        if (seq === state.seq) { $("busy").hidden = true; document.body.dataset.state = "ready"; }
      }
    }

    async function refreshChart() {
      const seq = ++state.chartSeq;
      const b = state.baseBudget;
      if (!b) { $("chart-status").textContent = "The scenario has no budget: no frontier."; return; }
      const step = Math.max(1, Math.round(b * 0.05));
      const budgets = Math.round(b * 0.5) + "..." + Math.round(b * 0.5 + 20 * step) + "/" + step;
      $("chart-status").textContent = "computing the frontier…";
      const answer = await api("chart", { budgets });
      if (seq !== state.chartSeq) return;
      if (answer.status === 200) {
        const old = $("chart").src;
        $("chart").src = URL.createObjectURL(answer.body);
        if (old) URL.revokeObjectURL(old);
        $("chart-status").textContent = "Budgets " + budgets + "; the slider under Budget shows the team at any budget.";
      } else {
        $("chart-status").textContent = (answer.body && answer.body.error) || "no frontier";
      }
    }

    function clearErrors() {
      for (const id of ["errors", "scenario-errors"]) { $(id).hidden = true; $(id).textContent = ""; }
      for (const e of document.querySelectorAll(".field-error")) e.classList.remove("field-error");
      for (const e of document.querySelectorAll(".field-message")) e.remove();
    }

    // A 400 lists the located messages the CLI prints; each is also shown beside its field.
    function showErrors(body) {
      const box = $("errors");
      box.hidden = false;
      const lines = [body.error || "error"];
      for (const d of body.diagnostics || []) {
        lines.push(d.text);
        const key = (d.message.match(/^([a-z_]+(\.[A-Za-z0-9_]+)*)/) || [])[1];
        const field = key && document.querySelector('[data-key="' + CSS.escape(key) + '"]');
        if (field) {
          field.classList.add("field-error");
          field.insertAdjacentElement("afterend", el("div", d.message, "field-message"));
        }
      }
      box.textContent = lines.join("\n");
    }

    function renderShortlist(doc) {
      const body = $("shortlist").tBodies[0];
      body.replaceChildren();
      for (const v of doc.ranked || []) {
        state.names[v.id] = v.name;
        const tr = el("tr");
        tr.append(el("td", v.rank), el("td", v.id, "id"), el("td", v.name, "name"), el("td", fmt(v.utility, 3)));
        for (const c of CRITERIA) tr.append(el("td", fmt(v.scores && v.scores[c], 2)));
        body.append(tr);
      }
      const w = doc.weights || {};
      $("derived-weights").textContent = "Weights used (normalised, " + (w.method || "given") + "): "
        + CRITERIA.map((c) => c + " " + fmt(w[c], 3)).join(", ");
      for (const c of CRITERIA) { const d = $("derived-" + c); if (d) d.textContent = fmt(w[c], 3); }
      if (!state.weightsShown && w.cost !== undefined) {
        state.weightsShown = true;
        for (const c of CRITERIA) $("weight-" + c).value = Math.round(w[c] * 100);
      }
    }

    function renderTeam(doc) {
      const status = $("team-status");
      status.className = "status " + doc.status;
      const parts = ["status: " + doc.status];
      // The objective to 4 places, as the rule prices are shown: switching a rule off moves it by its price.
      if (typeof doc.utility === "number") parts.push("utility " + fmt(doc.utility, 4));
      if (doc.mean_utility !== undefined && doc.mean_utility !== null) parts.push("mean utility " + fmt(doc.mean_utility, 3));
      if (doc.total_cost !== undefined && doc.total_cost !== null) parts.push("cost " + fmt(doc.total_cost, 0));
      if (doc.budget !== undefined && doc.budget !== null) parts.push("budget " + fmt(doc.budget, 0));
      status.textContent = parts.join(" · ");
      const body = $("team").tBodies[0];
      body.replaceChildren();
      for (const m of doc.team || []) {
        const tr = el("tr");
        const skills = m.skills ? Object.keys(m.skills).sort().map((k) => k + " " + fmt(m.skills[k], 2)).join(", ") : "";
        tr.append(el("td", m.id, "id"), el("td", m.name || state.names[m.id] || "", "name"), el("td", fmt(m.fte, 2)), el("td", skills), el("td", fmt(m.cost, 0)));
        body.append(tr);
      }
      const binding = $("binding");
      binding.replaceChildren();
      const rules = doc.binding_rules || doc.binding || [];
      if (rules.length) {
        binding.append(el("h3", "Binding rules"));
        const ul = el("ul");
        for (const r of rules) ul.append(el("li", typeof r === "string" ? r : (r.message || r.rule || r.key || JSON.stringify(r))));
        binding.append(ul);
      }
      renderExtras(doc);
      renderExplanation(doc);
      const exits = $("exits").tBodies[0];
      exits.replaceChildren();
      for (const x of doc.exits || doc.exit_analysis || []) {
        const tr = el("tr");
        const without = x.team ? x.team.map((m) => m.id || m).join(", ") : (x.status || "");
        const change = x.utility_change !== undefined ? x.utility_change : (x.objective_change !== undefined ? x.objective_change : x.change);
        tr.append(el("td", x.id || x.vendor || x.leaves), el("td", without), el("td", typeof change === "number" ? fmt(change, 4) : (x.message || "—")));
        exits.append(tr);
      }
    }

    // What each rule costs: asked after the team (each price is one more solve), so the team is
    // never held up by its prices. `document.body.dataset.prices` is "busy" until they are shown.
    async function refreshPrices(seq, hasTeam) {
      const body = $("rule-prices").tBodies[0];
      document.body.dataset.prices = "busy";
      if (!hasTeam) {
        body.replaceChildren();
        showPriceBadges([]);
        $("prices-status").textContent = "No team: no rule to price.";
        document.body.dataset.prices = "ready";
        return;
      }
      $("prices-status").textContent = "pricing each rule (one solve without it)…";
      const answer = await api("optimize", { rule_prices: true });
      if (seq !== state.seq) return;
      body.replaceChildren();
      if (answer.status !== 200) {
        $("prices-status").textContent = (answer.body && answer.body.error) || "no prices";
        showPriceBadges([]);
        document.body.dataset.prices = "ready";
        return;
      }
      const prices = answer.body.rule_prices || [];
      for (const p of prices) {
        const tr = el("tr");
        tr.dataset.constraint = p.constraint;
        const price = p.price === null ? "no team" : (p.free ? "free" : fmt(p.price, 4)) + (p.rescored ? " (re-scored)" : "");
        tr.append(el("td", p.entry ? p.constraint + " " + p.entry : p.constraint), el("td", p.current), el("td", p.without),
          el("td", price), el("td", fmt(p.cost_change, 0)), el("td", (p.joins || []).join(", ")), el("td", (p.leaves || []).join(", ")));
        tr.title = p.message;
        body.append(tr);
      }
      const unit = prices.length ? prices[0].price_unit : "";
      $("prices-status").textContent = prices.length
        ? "Each rule priced by the best team without it, the others kept; the price in " + (unit === "utility" ? "utility (the team's Σ utility × FTE) gained" : unit + " saved") + "."
        : "No rule to price (every rule is at its loosest value).";
      showPriceBadges(prices);
      document.body.dataset.prices = "ready";
    }

    // Beside each rule of the form: what switching it off would gain.
    function showPriceBadges(prices) {
      for (const badge of document.querySelectorAll(".rule .price")) {
        badge.textContent = state.off[badge.id.slice(6)] ? "off" : "";
        badge.className = "price"; badge.title = "";
      }
      for (const p of prices) {
        const key = p.constraint.startsWith("rules.") ? p.constraint.slice(6).split(".")[0] : null;
        const badge = key && $("price-" + key);
        if (!badge || p.entry) continue;
        badge.textContent = p.price === null ? "no team without" : p.rescored ? "re-scored" : p.free ? "free" : "costs " + fmt(p.price, 4);
        if (p.price !== null && !p.free && !p.rescored) badge.classList.add("costs");
        badge.title = p.message;
      }
    }

    // Parts that other analyses add to the optimize document (relaxed soft rules, rule prices,
    // resilience…): shown as tables when present, so the page grows with the document.
    const EXTRA_KEYS = ["relaxed_rules", "resilience"];
    function renderExtras(doc) {
      const box = $("extras");
      box.replaceChildren();
      for (const key of EXTRA_KEYS) {
        const value = doc[key];
        if (value === undefined || value === null) continue;
        box.append(el("h3", key.replace(/_/g, " ")));
        box.append(table(Array.isArray(value) ? value : [value], key));
      }
    }

    function table(rows, id) {
      const t = el("table");
      t.id = "extra-" + id;
      const keys = [];
      for (const r of rows) if (r && typeof r === "object") for (const k of Object.keys(r)) if (!keys.includes(k)) keys.push(k);
      const head = el("tr");
      for (const k of keys) head.append(el("th", k));
      t.append(el("thead")); t.tHead.append(head);
      const body = el("tbody");
      for (const r of rows) {
        const tr = el("tr");
        for (const k of keys) { const v = r[k]; tr.append(el("td", typeof v === "object" && v !== null ? JSON.stringify(v) : fmt(v, 4))); }
        body.append(tr);
      }
      t.append(body);
      return t;
    }

    function renderExplanation(doc) {
      const list = $("relaxations");
      list.replaceChildren();
      const relaxations = doc.relaxations || [];
      $("explanation").hidden = doc.status !== "infeasible";
      for (const r of relaxations) {
        const li = el("li", r.message || (r.constraint + ": " + JSON.stringify(r.needed)));
        const fix = fixFor(r);
        if (fix) {
          const button = el("button", "Apply");
          button.type = "button";
          button.className = "fix";
          button.addEventListener("click", () => { fix(); buildForm(); changed("fix"); });
          li.append(button);
        }
        list.append(li);
      }
      if (doc.status === "infeasible" && !relaxations.length) list.append(el("li", "No single change of a rule makes this scenario feasible."));
    }

    // A suggestion as a change of the scenario: its `constraint` names the scenario key.
    function fixFor(r) {
      if (r.needed === undefined || r.needed === null || !r.constraint) return null;
      const path = r.constraint.split(".");
      if (path.length === 1) path.unshift(path[0] === "budget" ? "budget" : "rules");
      if (path[0] === "budget" && path.length === 1) path.push("total");
      if (path[0] === "budget" && path[1] !== "total") return null;
      return () => {
        let node = state.scenario;
        for (const p of path.slice(0, -1)) { if (typeof node[p] !== "object" || node[p] === null) node[p] = {}; node = node[p]; }
        node[path[path.length - 1]] = r.needed;
        if (path[0] === "rules") state.off[path[path.length - 1]] = false;
        if (path[0] === "budget") state.baseBudget = r.needed;
      };
    }

    function buildForm() {
      const s = state.scenario;
      $("name").value = s.name || "";
      const demand = $("demand");
      demand.replaceChildren();
      for (const skill of Object.keys(s.demand || {}).sort()) {
        const label = el("label", skill, "row");
        const input = el("input");
        input.type = typeof s.demand[skill] === "number" ? "number" : "text";
        input.step = "0.5"; input.min = "0";
        input.id = "demand-" + skill;
        input.dataset.key = "demand." + skill;
        input.value = typeof s.demand[skill] === "number" ? s.demand[skill] : JSON.stringify(s.demand[skill]);
        input.addEventListener("input", () => { s.demand[skill] = parseValue(input.value, s.demand[skill]); changed("demand"); });
        label.append(input);
        demand.append(label);
      }
      const budget = s.budget && typeof s.budget.total === "number" ? s.budget.total : null;
      $("budget").value = budget === null ? "" : budget;
      $("budget").dataset.key = "budget.total";
      setSlider(budget);
      const weights = $("weights");
      weights.replaceChildren();
      for (const c of CRITERIA) {
        const row = el("div", null, "weight");
        const slider = el("input");
        slider.type = "range"; slider.min = "0"; slider.max = "100"; slider.step = "1";
        slider.id = "weight-" + c;
        slider.dataset.key = "weights." + c;
        const given = s.weights && typeof s.weights[c] === "number" ? s.weights[c] : null;
        slider.value = given === null ? 0 : Math.round(given * 100);
        const raw = el("span", slider.value);
        slider.addEventListener("input", () => {
          raw.textContent = slider.value;
          // Sliders give the weights directly; an order or AHP given in the file is replaced.
          const w = {};
          for (const k of CRITERIA) w[k] = Number($("weight-" + k).value) / 100;
          s.weights = w;
          state.weightsShown = true;
          changed("weights");
        });
        row.append(el("span", c), slider, raw, el("span", "", "derived"));
        row.lastChild.id = "derived-" + c;
        weights.append(row);
      }
      const method = s.weights && (s.weights.order || s.weights.ahp) ? "The file ranks criteria (" + (s.weights.order ? "order" : "AHP") + "); moving a slider replaces that by the sliders' weights." : "Raw weights (0–100) are normalised to sum 1: the derived weights are on the right.";
      $("weights-method").textContent = method;
      const rules = $("rules");
      rules.replaceChildren();
      for (const key of Object.keys(s.rules || {}).sort()) {
        const row = el("div", null, "rule" + (state.off[key] ? " off" : ""));
        const on = el("input");
        on.type = "checkbox"; on.checked = !state.off[key]; on.id = "rule-on-" + key;
        on.title = "switch the rule on or off";
        const input = el("input", null, "value");
        input.type = "text"; input.id = "rule-" + key;
        input.dataset.key = "rules." + key;
        input.value = show(s.rules[key]);
        on.addEventListener("change", () => { state.off[key] = !on.checked; row.classList.toggle("off", !on.checked); changed("rules"); });
        input.addEventListener("input", () => { s.rules[key] = parseValue(input.value, s.rules[key]); changed("rules"); });
        // Long keys may break after their underscores (a zero-width space), not inside a word.
        const name = el("label", key.replace(/_/g, "_\u200b"));
        name.htmlFor = input.id;
        const badge = el("span", state.off[key] ? "off" : "", "price");
        badge.id = "price-" + key;
        row.append(on, name, input, badge);
        rules.append(row);
      }
    }

    function show(v) { return Array.isArray(v) ? v.join(", ") : (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)); }

    // Typed back like the value it replaces: a number, a list, a table (JSON) or text.
    function parseValue(text, old) {
      if (typeof old === "number") { const n = Number(text); return text.trim() === "" || isNaN(n) ? text : n; }
      if (typeof old === "boolean") return text.trim() === "true";
      if (Array.isArray(old)) {
        const items = text.split(",").map((x) => x.trim()).filter((x) => x !== "");
        return old.length && typeof old[0] === "number" ? items.map(Number) : items;
      }
      if (typeof old === "object" && old !== null) { try { return JSON.parse(text); } catch (e) { return text; } }
      return text;
    }

    function setSlider(budget) {
      const slider = $("budget-slider");
      const base = state.baseBudget;
      slider.disabled = !base;
      if (!base) { $("budget-hint").textContent = "no budget (objective without one)"; return; }
      slider.min = Math.round(base * 0.5); slider.max = Math.round(base * 1.5); slider.step = Math.max(1, Math.round(base / 200));
      slider.value = budget === null ? base : budget;
      $("budget-hint").textContent = "slider: " + fmt(Number(slider.min), 0) + " to " + fmt(Number(slider.max), 0) + " (the frontier's range)";
    }

    function setBudget(value) {
      if (!state.scenario.budget) state.scenario.budget = {};
      state.scenario.budget.total = value;
      changed("budget");
    }

    async function download(path, name) {
      const answer = await api(path, {});
      if (answer.status !== 200) { showErrors(answer.body); return; }
      const a = el("a");
      a.href = URL.createObjectURL(answer.body);
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
    }

    async function robustness() {
      $("robustness-status").textContent = "sampling 200 weight vectors and solving each…";
      const answer = await api("optimize", { robustness: true, samples: 200 });
      const body = $("robustness-table").tBodies[0];
      body.replaceChildren();
      if (answer.status !== 200) { $("robustness-status").textContent = answer.body.error || "failed"; return; }
      const r = answer.body.robustness || {};
      // `selection_share`: {vendor id: share of the samples whose optimal team has it}, largest first.
      const shares = Object.entries(r.selection_share || {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      for (const [id, share] of shares) {
        const tr = el("tr");
        tr.append(el("td", id, "id"), el("td", state.names[id] || ""), el("td", fmt(share, 3)));
        body.append(tr);
      }
      $("robustness-status").textContent = "samples: " + fmt(r.samples, 0) + (r.seed !== undefined ? ", seed " + r.seed : "")
        + (typeof r.nominal_team_share === "number" ? "; the team above is optimal in " + fmt(r.nominal_team_share * 100, 1) + "% of them" : "");
    }

    async function init() {
      const response = await fetch("/api/start", { credentials: "same-origin" });
      if (response.status !== 200) { showErrors({ error: "not authorised: open the address partner-match serve printed" }); return; }
      state.start = await response.json();
      state.scenario = state.start.scenario;
      state.baseBudget = state.scenario.budget && typeof state.scenario.budget.total === "number" ? state.scenario.budget.total : null;
      $("source").textContent = state.start.vendors.file + " · " + state.start.vendors.count + " vendors · " + state.start.currency;
      buildForm();
      $("name").addEventListener("input", () => { state.scenario.name = $("name").value; changed("name"); });
      $("budget").addEventListener("input", () => { const v = Number($("budget").value); $("budget-slider").value = v; setBudget(v); });
      $("budget-slider").addEventListener("input", () => { const v = Number($("budget-slider").value); $("budget").value = v; setBudget(v); });
      $("download-scenario").addEventListener("click", () => download("scenario.toml", "scenario.toml"));
      $("download-report").addEventListener("click", () => download("report", "report.html"));
      $("robustness").addEventListener("click", robustness);
      refresh("start");
    }

    document.addEventListener("DOMContentLoaded", init);

    """#
}
