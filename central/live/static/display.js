// The hall TV: live calls of one zone from /v1/live/public (server-sent events), with a JSON
// polling fallback. A call sounds a chime, then the caller's sentence (the central's call_text,
// sent in the event) through the browser's own speechSynthesis: it speaks offline with the
// voices installed on the TV (espeak-ng on Debian), and the central sends no audio.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const zone = (params.get("zone") || "").slice(0, 32);
  // ?site= names the hall when two halls on one central use the same zone letter.
  const site = (params.get("site") || "").slice(0, 64);
  const query = [zone ? "zone=" + encodeURIComponent(zone) : "", site ? "site=" + encodeURIComponent(site) : ""]
    .filter(Boolean)
    .join("&");
  const FRESH_MS = 60000; // a call replayed after a reconnect is shown, not spoken, once this old
  let offsetMs = 0; // the central's clock minus this TV's, from the last snapshot
  const state = { lastId: null, serving: [], recent: [], waiting: {}, services: {} };
  // Tests and the hall's operator read what was asked to be spoken (no audio in a headless test).
  const hook = (window.liveDisplay = { spoken: [], chimes: 0, events: 0, mode: "sse" });
  const $ = (id) => document.getElementById(id);

  function text(el, value) { el.textContent = value; }

  function render() {
    const current = state.recent[0];
    text($("now-number"), current ? current.number : "—");
    text($("now-counter"), current ? "Loket " + current.counter + " · Counter " + current.counter : "");
    const list = $("recent");
    list.replaceChildren(...state.recent.slice(1, 7).map((call) => {
      const li = document.createElement("li");
      const n = document.createElement("span"); n.textContent = call.number;
      const c = document.createElement("span"); c.className = "c"; c.textContent = "Loket " + call.counter;
      li.append(n, c);
      return li;
    }));
    const table = $("waiting");
    table.replaceChildren(...Object.keys(state.waiting).sort().map((id) => {
      const tr = document.createElement("tr");
      const name = document.createElement("td");
      name.textContent = (state.services[id] && state.services[id].id) || id;
      const n = document.createElement("td"); n.className = "n"; n.textContent = state.waiting[id];
      tr.append(name, n);
      return tr;
    }));
  }

  // -- sound ---------------------------------------------------------------------------------
  let audio = null;
  function chime() {
    hook.chimes += 1;
    try {
      audio = audio || new AudioContext();
      if (audio.state === "suspended") { audio.resume(); $("sound").hidden = false; }
      [[880, 0], [660, 0.45]].forEach(([freq, at]) => {
        const osc = audio.createOscillator(); const gain = audio.createGain();
        osc.frequency.value = freq; osc.connect(gain); gain.connect(audio.destination);
        const t = audio.currentTime + at;
        gain.gain.setValueAtTime(0.0001, t); gain.gain.exponentialRampToValueAtTime(0.4, t + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.4);
        osc.start(t); osc.stop(t + 0.42);
      });
    } catch (e) { /* no audio device: the call is still shown */ }
  }
  function say(sentences) {
    for (const [lang, voice] of [["id", "id-ID"], ["en", "en-GB"]]) {
      if (!sentences || !sentences[lang]) continue;
      hook.spoken.push({ lang: lang, text: sentences[lang] });
      if (!("speechSynthesis" in window)) continue;
      const u = new SpeechSynthesisUtterance(sentences[lang]);
      u.lang = voice; u.rate = 0.9;
      window.speechSynthesis.speak(u); // queued: Indonesian first, then English
    }
  }
  function announce(event) {
    chime();
    setTimeout(() => say(event.announcement), 900); // after the chime
    const now = $("now"); now.classList.remove("flash"); void now.offsetWidth; now.classList.add("flash");
  }
  $("sound").addEventListener("click", () => { if (audio) audio.resume(); $("sound").hidden = true; });

  // -- events --------------------------------------------------------------------------------
  function apply(event) {
    hook.events += 1;
    state.lastId = event.id;
    if (event.kind === "snapshot") {
      offsetMs = event.now_us / 1000 - Date.now();
      state.serving = event.serving; state.recent = event.recent;
      state.waiting = event.waiting; state.services = event.services;
      render();
      return;
    }
    if (event.waiting) {
      for (const id of Object.keys(event.waiting)) {
        if (id in state.waiting || !zone) state.waiting[id] = event.waiting[id];
      }
    }
    if (event.kind === "called" || event.kind === "recalled") {
      state.recent = [{ number: event.number, counter: event.counter, at_us: event.at_us }]
        .concat(state.recent.filter((c) => !(c.number === event.number && c.counter === event.counter)))
        .slice(0, 8);
      render();
      if (Date.now() + offsetMs - event.at_us / 1000 < FRESH_MS) announce(event);
      return;
    }
    render();
  }

  let source = null; let failures = 0; let pollTimer = null;
  function connect() {
    if (!window.EventSource) { startPolling(); return; } // an old TV browser: poll only
    hook.mode = "sse";
    const after = state.lastId === null ? "" : "after=" + state.lastId;
    const qs = [query, after].filter(Boolean).join("&");
    source = new EventSource("/v1/live/public" + (qs ? "?" + qs : ""));
    source.onmessage = (m) => { failures = 0; $("link").className = "ok"; apply(JSON.parse(m.data)); };
    source.onerror = () => {
      $("link").className = "";
      failures += 1;
      // EventSource retries by itself; after several failures (a proxy that buffers streams,
      // say) the page polls the JSON fallback instead and tries the stream again later.
      if (failures >= 3 || source.readyState === EventSource.CLOSED) { source.close(); startPolling(); }
    };
  }
  function startPolling() {
    hook.mode = "poll";
    let rounds = 0;
    const poll = async () => {
      rounds += 1;
      try {
        const after = state.lastId === null ? "" : "after=" + state.lastId;
        const qs = [query, after].filter(Boolean).join("&");
        const answer = await fetch("/v1/live/public/events" + (qs ? "?" + qs : ""), { cache: "no-store" });
        if (answer.ok) {
          const body = await answer.json();
          $("link").className = "ok"; body.events.forEach(apply); state.lastId = body.next_after;
        }
      } catch (e) { $("link").className = ""; }
      if (rounds >= 15) { failures = 0; connect(); return; } // about 30 s: try the stream again
      pollTimer = setTimeout(poll, 2000);
    };
    clearTimeout(pollTimer);
    poll();
  }

  text($("zone-title"), zone ? "Antrean · Zona " + zone : "Antrean");
  setInterval(() => text($("clock"), new Date().toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" })), 1000);
  connect();
})();
