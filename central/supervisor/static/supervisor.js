// /supervisor: the hall today, help requests and kiosk alerts, live. The figures are reloaded
// (debounced) on every queue event of the staff stream; help requests and alerts change in place.
// A reload every 10 s as well: it lets the central notice kiosks gone silent ("offline").
"use strict";
(function () {
  const S = window.AnjunganStaff;
  const $ = (id) => document.getElementById(id);
  const KEY = "supervisorToken";
  const tokenOf = () => sessionStorage.getItem(KEY);
  const ALERTS = {
    offline: ["Tidak terhubung", "offline", true],
    out_of_service: ["Tidak melayani", "out of service", true],
    printer_out: ["Printer mati / kertas habis", "printer out", true],
    paper_near_end: ["Kertas hampir habis", "paper near end", false],
    card_reader_missing: ["Pembaca KTP tidak ada", "card reader missing", true],
  };
  const KIOSK_STATES = {
    open: "melayani / open", closed: "tutup / closed", silent: "tidak terhubung / silent", unknown: "? / unknown",
  };
  let reloadTimer = null;
  let alerts = new Map();

  function say(text) { $("message").textContent = text || ""; }

  async function api(path, options) {
    const answer = await fetch(path, { ...(options || {}), headers: { Authorization: "Bearer " + tokenOf(), ...((options || {}).headers || {}) } });
    if (answer.status === 401) { signedOut(); throw new Error("Sesi berakhir / Session ended"); }
    if (answer.status === 403) { signedOut(); throw new Error("Khusus kepala pelayanan / Supervisors only"); }
    if (!answer.ok) throw new Error("HTTP " + answer.status);
    return answer;
  }

  function minutes(seconds) {
    if (seconds === null || seconds === undefined) return "—";
    const m = Math.floor(seconds / 60);
    return m < 60 ? m + " mnt" : Math.floor(m / 60) + " j " + (m % 60) + " m";
  }

  function renderHall(o) {
    $("site").textContent = o.site.name;
    S.site.timezone = o.site.timezone;
    if (!$("recap-date").dataset.touched) $("recap-date").value = o.day;  // the hall's today
    $("t-waiting").textContent = o.totals.waiting;
    $("t-at").textContent = o.totals.at_counter;
    $("t-served").textContent = o.totals.served;
    $("t-noshow").textContent = o.totals.no_show;
    $("t-longest").textContent = minutes(o.longest_wait_s);
    $("t-longest").parentElement.classList.toggle("hot", (o.longest_wait_s || 0) > 1800);
    $("t-open").textContent = o.counters_open + " / " + o.counters.length;
    const body = $("services").tBodies[0];
    body.replaceChildren();
    if (!o.services.length) {
      const tr = S.el("tr");
      const td = S.el("td", "empty", "Belum ada tiket hari ini / No tickets yet today");
      td.colSpan = 6; tr.append(td); body.append(tr);
    }
    for (const s of o.services) {
      const tr = S.el("tr");
      tr.dataset.service = s.service_id;
      const name = S.el("td");
      name.append(S.el("span", "prefix", s.prefix), s.name.id);
      tr.append(name);
      for (const k of ["waiting", "at_counter", "served", "no_show"]) tr.append(S.el("td", "num", String(s[k])));
      tr.append(S.el("td", "num" + ((s.longest_wait_s || 0) > 1800 ? " long" : ""), minutes(s.longest_wait_s)));
      body.append(tr);
    }
    const counters = $("counters");
    counters.replaceChildren();
    for (const c of o.counters) {
      const box = S.el("div", "counter " + c.state);
      box.append(S.el("b", "", "Loket " + c.label), " ", S.el("span", "now", c.current || ""));
      box.append(S.el("small", "", { open: "buka / open", paused: "jeda / paused", closed: "tutup / closed" }[c.state] + (c.staff ? " · " + c.staff : "")));
      counters.append(box);
    }
    if (!o.counters.length) counters.append(S.el("p", "empty", "Belum ada loket / No counters"));
    alerts = new Map(o.alerts.map((a) => [a.id, a]));
    renderAlerts();
    renderKiosks(o.kiosks || []);
  }

  function heard(seconds) {
    return seconds < 60 ? seconds + " dtk / s" : minutes(seconds);
  }

  function device(health) {
    if (!health) return S.el("td", "", "—");
    const text = health.state === "ok" ? "ok" : health.state + (health.detail ? ": " + health.detail : "");
    return S.el("td", { fault: "bad", degraded: "warn" }[health.state] || "", text);
  }

  // One row per kiosk of the site, from its last heartbeat (a silent one in red).
  function renderKiosks(kiosks) {
    const body = $("kiosks").tBodies[0];
    body.replaceChildren();
    for (const k of kiosks) {
      const tr = S.el("tr", k.state);
      tr.dataset.terminal = k.terminal_id;
      const name = S.el("td", "", k.terminal || k.terminal_id);
      if (k.terminal && k.terminal !== k.terminal_id) name.append(" ", S.el("small", "tid", k.terminal_id));
      tr.append(name, S.el("td", "num", heard(k.seconds_ago)),
        S.el("td", k.state === "silent" ? "bad" : "", KIOSK_STATES[k.state] || k.state),
        device(k.printer), device(k.card_reader),
        S.el("td", "num" + ((k.journal_backlog || 0) > 0 ? " warn" : ""), k.journal_backlog === null ? "—" : String(k.journal_backlog)),
        S.el("td", "", k.app_version || "—"));
      body.append(tr);
    }
    if (!kiosks.length) {
      const tr = S.el("tr");
      const td = S.el("td", "empty", "Belum ada anjungan yang mengirim kabar / No kiosk has reported yet");
      td.colSpan = 7; tr.append(td); body.append(tr);
    }
  }

  function renderAlerts() {
    const list = $("alerts");
    list.replaceChildren();
    const shown = [...alerts.values()].sort((a, b) => (a.cleared_us === null) === (b.cleared_us === null) ? b.raised_us - a.raised_us : (a.cleared_us === null ? -1 : 1));
    for (const a of shown) {
      const [id, en, serious] = ALERTS[a.kind] || [a.kind, a.kind, false];
      const li = S.el("li", a.cleared_us !== null ? "cleared" : (serious ? "serious" : ""));
      li.dataset.kind = a.kind; li.dataset.terminal = a.terminal_id;
      const what = S.el("div");
      what.append(S.el("strong", "", a.terminal), " — " + id + " / " + en);
      li.append(what);
      li.append(S.el("span", "when", S.clock(a.raised_us) + (a.cleared_us !== null ? " → " + S.clock(a.cleared_us) + " ✓" : "")));
      list.append(li);
    }
    if (!shown.length) list.append(S.el("li", "cleared", "Semua anjungan normal / All kiosks fine"));
  }

  async function reload() {
    try {
      renderHall(await (await api("/v1/supervisor/overview")).json());
      say("");
    } catch (e) { say(e.message); }
  }

  function soon() {
    if (reloadTimer) return;
    reloadTimer = setTimeout(() => { reloadTimer = null; reload(); }, 150);
  }

  function signedOut() {
    sessionStorage.removeItem(KEY);
    $("board").hidden = true; $("login").hidden = false; $("signout").hidden = true; $("who").textContent = "";
  }

  async function download(format) {
    const day = $("recap-date").value;
    try {
      const answer = await api("/v1/reports/daily?format=" + format + (day ? "&date=" + day : ""));
      const url = URL.createObjectURL(await answer.blob());
      const a = S.el("a");
      a.href = url; a.download = "rekap-" + (day || "hari-ini") + "." + format;
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
    } catch (e) { say(e.message); }
  }

  let help = null;
  function started() {
    $("login").hidden = true; $("board").hidden = false; $("signout").hidden = false;
    help = help || S.helpPanel($("help"), tokenOf);
    help.load();
    reload();
    api("/v1/staff/me").then((a) => a.json()).then((me) => { $("who").textContent = me.display_name; }).catch(() => {});
  }

  $("login").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const answer = await fetch("/v1/staff/login", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: f.get("username"), password: f.get("password") }),
    });
    const data = await answer.json().catch(() => ({}));
    if (!answer.ok) { say(data.message || "HTTP " + answer.status); return; }
    if (data.staff.role !== "supervisor") { say("Khusus kepala pelayanan / Supervisors only"); return; }
    sessionStorage.setItem(KEY, data.token);
    $("who").textContent = data.staff.display_name;
    ev.target.reset();
    started();
  });
  $("signout").onclick = async () => {
    await fetch("/v1/staff/logout", { method: "POST", headers: { Authorization: "Bearer " + tokenOf() } }).catch(() => {});
    signedOut();
  };
  $("recap-csv").onclick = () => download("csv");
  $("recap-xlsx").onclick = () => download("xlsx");
  $("recap-date").addEventListener("change", () => { $("recap-date").dataset.touched = "1"; });

  S.follow(tokenOf, (e) => {
    if (help) help.event(e);
    if (e.alert) { alerts.set(e.alert.id, e.alert); renderAlerts(); soon(); }  // soon(): the kiosk's row too
    else if (!e.help) soon();
  }, (up) => $("link").classList.toggle("up", up));
  setInterval(() => { if (tokenOf()) reload(); }, 10000);
  setInterval(() => { $("now").textContent = S.clock(Date.now() * 1000); }, 1000);

  if (tokenOf()) started(); else signedOut();
})();
