// The satisfaction survey (SKM) on the citizen's ticket page /t/{id}: once the ticket is served
// (the live page says "done", or the central does), nine questions with four worded answers, the
// optional respondent questions and a suggestion, sent once to POST /v1/ratings with the ticket's
// id. No framework, no personal data: the page knows only the ticket id and number.
"use strict";
(function () {
  const body = document.body;
  const id = body.dataset.ticket;
  const lang = body.dataset.lang === "en" ? "en" : "id";
  const T = {
    id: {
      title: "Nilai layanan kami", lead: "Sembilan pertanyaan singkat. Satu kali per tiket.", send: "Kirim penilaian",
      thanks: "Terima kasih! Penilaian Anda sudah kami terima.", already: "Tiket ini sudah dinilai. Terima kasih.",
      failed: "Penilaian belum terkirim. Coba lagi sebentar.", optional: "Tentang Anda (boleh dilewati)",
      suggestion: "Saran (boleh dikosongkan)", missing: "Mohon jawab kesembilan pertanyaan.", none: "—",
      age_band: "Usia", sex: "Jenis kelamin", education: "Pendidikan", occupation: "Pekerjaan",
    },
    en: {
      title: "Rate our service", lead: "Nine short questions. Once per ticket.", send: "Send rating",
      thanks: "Thank you! We received your rating.", already: "This ticket was already rated. Thank you.",
      failed: "The rating was not sent. Please try again in a moment.", optional: "About you (optional)",
      suggestion: "Suggestion (optional)", missing: "Please answer all nine questions.", none: "—",
      age_band: "Age", sex: "Sex", education: "Education", occupation: "Occupation",
    },
  }[lang];
  // PermenPANRB 14/2017's questionnaire: each element's question and its four answers, worst first.
  const Q = {
    id: [
      ["Bagaimana kesesuaian persyaratan dengan jenis pelayanannya?", "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
      ["Bagaimana kemudahan prosedur pelayanan?", "Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
      ["Bagaimana kecepatan waktu pelayanan?", "Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
      ["Bagaimana kewajaran biaya/tarif pelayanan?", "Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
      ["Apakah hasil pelayanan sesuai dengan standar pelayanan?", "Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
      ["Bagaimana kompetensi/kemampuan petugas?", "Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"],
      ["Bagaimana kesopanan dan keramahan petugas?", "Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"],
      ["Bagaimana penanganan pengaduan, saran dan masukan?", "Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"],
      ["Bagaimana kualitas sarana dan prasarana?", "Buruk", "Cukup", "Baik", "Sangat baik"],
    ],
    en: [
      ["Do the requirements fit the service?", "Not suitable", "Somewhat suitable", "Suitable", "Very suitable"],
      ["How easy was the procedure?", "Not easy", "Somewhat easy", "Easy", "Very easy"],
      ["How fast was the service?", "Not fast", "Somewhat fast", "Fast", "Very fast"],
      ["How fair was the fee?", "Very expensive", "Fairly expensive", "Cheap", "Free"],
      ["Did the result match the service standard?", "Not suitable", "Somewhat suitable", "Suitable", "Very suitable"],
      ["How competent were the staff?", "Not competent", "Somewhat competent", "Competent", "Very competent"],
      ["How polite and friendly were the staff?", "Not polite or friendly", "Somewhat polite and friendly", "Polite and friendly", "Very polite and friendly"],
      ["How are complaints and suggestions handled?", "Not at all", "There, but not working", "Working, not fully", "Handled well"],
      ["How good are the facilities?", "Poor", "Fair", "Good", "Very good"],
    ],
  }[lang];
  const R = {
    age_band: { id: ["< 20", "20–29", "30–39", "40–49", "50–59", "≥ 60"], v: ["under_20", "20_29", "30_39", "40_49", "50_59", "60_plus"] },
    sex: { id: lang === "en" ? ["Male", "Female"] : ["Laki-laki", "Perempuan"], v: ["male", "female"] },
    education: { id: lang === "en" ? ["Primary", "Junior high", "Senior high", "Diploma", "Bachelor", "Master/Doctor"] : ["SD", "SMP", "SMA", "D1–D4", "S1", "S2/S3"], v: ["sd", "smp", "sma", "diploma", "s1", "s2_s3"] },
    occupation: { id: lang === "en" ? ["Civil servant", "Military/police", "Private sector", "Self-employed", "Student", "Other"] : ["PNS", "TNI/POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya"], v: ["pns", "tni_polri", "private", "self_employed", "student", "other"] },
  };
  const hook = (window.phoneSurvey = { shown: false, sent: false, message: null });
  const section = document.createElement("section");
  section.id = "survey";
  section.hidden = true;
  const lastParagraph = document.querySelector("body > p:last-of-type");
  body.insertBefore(section, lastParagraph);
  const style = document.createElement("style");
  document.head.append(style);
  style.textContent = "#survey fieldset{border:1px solid #999;border-radius:.4rem;margin:.8rem 0}" +
    "#survey legend{font-weight:700}#survey label{display:block;padding:.5rem 0;font-size:1.05rem}" +
    "#survey button{font-size:1.2rem;padding:.8rem 1.2rem;margin:.8rem 0}#survey textarea{width:100%}" +
    "#survey .msg{font-weight:700;font-size:1.2rem}";

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function say(text) {
    section.replaceChildren(el("h2", {}, T.title), el("p", { class: "msg", role: "status" }, text));
    section.hidden = false; hook.message = text;
  }
  function showForm() {
    const form = el("form", { id: "survey-form" });
    form.append(el("h2", {}, T.title), el("p", {}, T.lead));
    Q.forEach((q, i) => {
      const set = el("fieldset");
      set.append(el("legend", {}, (i + 1) + ". " + q[0]));
      for (let score = 1; score <= 4; score++) {
        const label = el("label");
        const input = el("input", { type: "radio", name: "u" + (i + 1), value: String(score), required: "" });
        label.append(input, " " + q[score]);
        set.append(label);
      }
      form.append(set);
    });
    const about = el("fieldset");
    about.append(el("legend", {}, T.optional));
    for (const [field, options] of Object.entries(R)) {
      const label = el("label", {}, T[field] + " ");
      const select = el("select", { name: field });
      select.append(el("option", { value: "" }, T.none));
      options.v.forEach((v, k) => select.append(el("option", { value: v }, options.id[k])));
      label.append(select);
      about.append(label);
    }
    form.append(about);
    const note = el("label", {}, T.suggestion);
    note.append(el("textarea", { name: "suggestion", maxlength: "500", rows: "3" }));
    form.append(note, el("button", { type: "submit" }, T.send), el("p", { class: "msg", role: "status" }));
    form.addEventListener("submit", send);
    section.replaceChildren(form);
    section.hidden = false; hook.shown = true;
  }
  async function send(event) {
    event.preventDefault();
    const form = event.target;
    const data = new FormData(form);
    const rating = { ticket_id: id, language: lang };
    for (let i = 1; i <= 9; i++) {
      const v = data.get("u" + i);
      if (!v) { form.querySelector(".msg").textContent = T.missing; return; }
      rating["u" + i] = Number(v);
    }
    const respondent = {};
    for (const field of Object.keys(R)) if (data.get(field)) respondent[field] = data.get(field);
    if (Object.keys(respondent).length) rating.respondent = respondent;
    const text = (data.get("suggestion") || "").trim();
    if (text) rating.suggestion = text.slice(0, 500);
    form.querySelector("button").disabled = true;
    try {
      const answer = await fetch("/v1/ratings", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(rating),
      });
      if (answer.status === 201) { hook.sent = true; say(T.thanks); return; }
      const problem = await answer.json().catch(() => ({}));
      if (problem.code === "already_rated") { say(T.already); return; }
    } catch (e) { /* offline for a moment: the button comes back */ }
    form.querySelector("button").disabled = false;
    form.querySelector(".msg").textContent = T.failed;
  }
  let asked = false;
  async function check() {
    if (asked) return;
    try {
      const answer = await fetch("/v1/ratings/" + encodeURIComponent(id), { cache: "no-store" });
      if (!answer.ok) return;
      const status = await answer.json();
      if (status.rated) { asked = true; say(T.already); }
      else if (status.served) { asked = true; showForm(); }
    } catch (e) { /* try again at the next change */ }
  }
  check();
  // The live page (phone.js) learns when the service is finished; ask the central then.
  let seen = null;
  setInterval(() => {
    const state = window.livePhone ? window.livePhone.state : null;
    if (state !== seen) { seen = state; if (state === "done") check(); }
  }, 1000);
})();
