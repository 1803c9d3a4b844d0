// The citizen's ticket page, kept live: it re-reads /v1/live/tickets/{id} whenever the public
// stream says its service's queue moved, and says "go to counter N" (with a vibration, where the
// phone allows it) when the ticket is called. No personal data: the page knows only the number.
"use strict";
(function () {
  const body = document.body;
  const id = body.dataset.ticket;
  const lang = body.dataset.lang === "en" ? "en" : "id";
  const T = {
    id: { go: "Silakan ke loket {c} sekarang", serving: "Sedang dilayani di loket {c}", done: "Terima kasih. Layanan Anda selesai.",
      no_show: "Nomor Anda terlewat. Hubungi petugas.", waiting: "Dalam antrean" },
    en: { go: "Go to counter {c} now", serving: "Being served at counter {c}", done: "Thank you. Your service is finished.",
      no_show: "Your number was missed. Please ask the staff.", waiting: "In the queue" },
  }[lang];
  const hook = (window.livePhone = { views: 0, vibrated: 0, state: null });
  let shown = { state: null, counter: null }; let number = null; let service = null; let lastId = null;

  function show(view) {
    hook.views += 1; hook.state = view.state;
    number = view.number; service = view.service_id;
    document.getElementById("ahead").textContent = view.people_ahead;
    document.getElementById("wait").textContent = view.estimated_wait_minutes;
    const call = document.getElementById("call");
    let message = null;
    if (view.state === "called") message = T.go.replace("{c}", view.counter);
    else if (view.state === "serving") message = T.serving.replace("{c}", view.counter);
    else if (view.state === "done") message = T.done;
    else if (view.state === "no_show") message = T.no_show;
    if (view.state === "waiting") document.getElementById("status").textContent = T.waiting;
    // once called, "people ahead" and the wait say nothing: show only the call (or the thanks)
    for (const field of ["ahead", "wait"]) {
      const dd = document.getElementById(field).closest("dd");
      dd.hidden = view.state !== "waiting"; dd.previousElementSibling.hidden = dd.hidden;
    }
    const status = document.getElementById("status");
    status.hidden = view.state !== "waiting"; status.previousElementSibling.hidden = status.hidden;
    call.hidden = message === null;
    call.className = "call " + view.state;
    call.textContent = message || "";
    if (view.state === "called" && (shown.state !== "called" || shown.counter !== view.counter)) {
      if (navigator.vibrate && navigator.vibrate([400, 200, 400])) hook.vibrated += 1;
    }
    shown = { state: view.state, counter: view.counter };
  }
  async function refresh() {
    try {
      const answer = await fetch("/v1/live/tickets/" + encodeURIComponent(id), { cache: "no-store" });
      if (answer.ok) show(await answer.json());
    } catch (e) { /* offline for a moment: the next event or poll tries again */ }
  }
  function concerns(event) {
    if (event.kind === "snapshot") return true;
    if (event.number === number) return true;
    return !!(event.waiting && service in event.waiting); // someone ahead was called: fewer ahead
  }
  let failures = 0; let pollTimer = null;
  function connect() {
    const source = new EventSource("/v1/live/public" + (lastId === null ? "" : "?after=" + lastId));
    source.onmessage = (m) => {
      failures = 0;
      const event = JSON.parse(m.data);
      lastId = event.id;
      if (concerns(event)) refresh();
    };
    source.onerror = () => {
      failures += 1;
      if (failures >= 3 || source.readyState === EventSource.CLOSED) {
        source.close();
        clearTimeout(pollTimer);
        let rounds = 0;
        const poll = () => { rounds += 1; refresh(); if (rounds < 6) pollTimer = setTimeout(poll, 5000); else { failures = 0; connect(); } };
        poll(); // the polling fallback, then the stream again
      }
    };
  }
  const style = document.createElement("style");
  document.head.append(style);
  style.textContent = ".call{font-size:1.6rem;font-weight:700;padding:1rem;border-radius:.5rem;margin:1rem 0}" +
    ".call.called{background:#ffd166;color:#000}.call.serving{background:#d8f3dc}.call.done{background:#d8f3dc}" +
    ".call.no_show{background:#ffe5e5}";
  refresh().then(connect);
})();
