// Staff pages (the counter app, /supervisor): the staff event stream and the kiosks' help requests.
// EventSource cannot send the session token (a header), so the stream is read with fetch();
// on a drop it resumes after the last id it saw, as EventSource would with Last-Event-ID.
"use strict";

(function () {
  const RETRY_MS = 2000;

  // Follow /v1/live (every zone) while tokenOf() gives a session; onEvent(event) for each event,
  // onLink(true|false) when the link comes and goes.
  function follow(tokenOf, onEvent, onLink) {
    let after = null;
    async function once() {
      const token = tokenOf();
      if (!token) return;
      const url = "/v1/live" + (after === null ? "" : "?after=" + after);
      const answer = await fetch(url, { headers: { Authorization: "Bearer " + token }, cache: "no-store" });
      if (!answer.ok || !answer.body) throw new Error("stream " + answer.status);
      onLink && onLink(true);
      const reader = answer.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("id: ")) after = parseInt(line.slice(4), 10);
            else if (line.startsWith("data: ")) data += line.slice(6);
          }
          if (data) {
            try { onEvent(JSON.parse(data)); } catch (e) { console.error(e); }
          }
        }
      }
    }
    (async function loop() {
      for (;;) {
        try { await once(); } catch (e) { /* dropped: try again */ }
        onLink && onLink(false);
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    })();
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The hall's time (its time zone, from the central), whatever the staff PC's own zone is.
  const site = { timezone: undefined };
  function clock(us) {
    const options = { hour: "2-digit", minute: "2-digit", timeZone: site.timezone };
    try { return new Date(us / 1000).toLocaleTimeString("id-ID", options); }
    catch (e) { return new Date(us / 1000).toLocaleTimeString("id-ID", { hour: "2-digit", minute: "2-digit" }); }
  }

  // The help requests in ``box``: "Help requested at Anjungan 2, on the payment step" + Acknowledge.
  function helpPanel(box, tokenOf) {
    const requests = new Map();
    function render() {
      box.replaceChildren();
      const title = el("h2", "help-title", "Permintaan bantuan / Help requests");
      box.append(title);
      const shown = [...requests.values()].sort((a, b) => a.created_us - b.created_us);
      box.classList.toggle("help-open", shown.some((r) => r.state === "open"));
      if (!shown.length) {
        box.append(el("p", "help-none", "Tidak ada / None"));
        return;
      }
      for (const r of shown) {
        const card = el("div", "help-card help-" + r.state);
        card.dataset.id = r.id;
        const text = el("div", "help-text");
        text.append(el("strong", "", r.terminal), " · " + clock(r.created_us));
        text.append(el("div", "help-id", "Minta bantuan di langkah " + r.step_label.id));
        text.append(el("div", "help-en", "Help requested at " + r.terminal + ", on " + r.step_label.en));
        card.append(text);
        if (r.state === "open") {
          const ack = el("button", "help-ack", "Saya datang / Acknowledge");
          ack.addEventListener("click", () => acknowledge(r.id, ack));
          card.append(ack);
        } else {
          card.append(el("div", "help-by", (r.acknowledged_by || "") + " datang / is coming"));
        }
        box.append(card);
      }
    }
    async function acknowledge(id, button) {
      button.disabled = true;
      const answer = await fetch("/v1/supervisor/help-requests/" + encodeURIComponent(id) + "/acknowledge", {
        method: "POST", headers: { Authorization: "Bearer " + tokenOf() },
      });
      if (answer.ok) take(await answer.json());
      else if (answer.status === 409) { requests.delete(id); render(); }
      else button.disabled = false;
    }
    function take(r) {
      if (r.state === "open" || r.state === "acknowledged") requests.set(r.id, r);
      else requests.delete(r.id);
      render();
    }
    async function load() {
      if (!tokenOf()) return;
      const answer = await fetch("/v1/supervisor/help-requests", { headers: { Authorization: "Bearer " + tokenOf() } });
      if (!answer.ok) return;
      const body = await answer.json();
      site.timezone = body.timezone || site.timezone;
      requests.clear();
      for (const r of body.help_requests) requests.set(r.id, r);
      render();
    }
    render();
    return {
      load,
      // A live event: help changes update the list; a snapshot (a new or resumed stream) reloads it.
      event(e) {
        if (e.help) take(e.help);
        else if (e.kind === "snapshot") load();
      },
    };
  }

  window.AnjunganStaff = { follow, helpPanel, clock, el, site };

  // The counter app only adds <section id="help-requests" data-token-key="counterToken">.
  const box = document.getElementById("help-requests");
  if (box && box.dataset.tokenKey) {
    const tokenOf = () => sessionStorage.getItem(box.dataset.tokenKey);
    const panel = helpPanel(box, tokenOf);
    panel.load();
    follow(tokenOf, (e) => panel.event(e), () => { box.hidden = !tokenOf(); });
  }
})();
