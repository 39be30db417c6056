// smishguard dashboard: the WebAuthn ceremonies (sign-in, enrolment) and the triage queue's
// keyboard. No library: navigator.credentials plus base64url helpers. Pages work without this
// script except sign-in, which needs it (WebAuthn is a browser API).
(() => {
  "use strict";

  const base = "/dashboard";

  // base64url <-> bytes: WebAuthn speaks ArrayBuffers, the server speaks base64url strings.
  const fromB64url = (text) => {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  };
  const toB64url = (buffer) => {
    let binary = "";
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  };

  const status = (text, isProblem = false) => {
    const out = document.getElementById("status");
    if (!out) return;
    out.textContent = text;
    out.classList.toggle("problem", isProblem);
  };

  async function postJSON(path, body) {
    const response = await fetch(base + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || `refused (HTTP ${response.status})`);
    return answer;
  }

  const creationOptions = (o) => ({
    ...o,
    challenge: fromB64url(o.challenge),
    user: { ...o.user, id: fromB64url(o.user.id) },
    excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: fromB64url(c.id) })),
  });
  const requestOptions = (o) => ({
    ...o,
    challenge: fromB64url(o.challenge),
    allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: fromB64url(c.id) })),
  });

  const registrationJSON = (c) => ({
    id: c.id,
    rawId: toB64url(c.rawId),
    type: c.type,
    authenticatorAttachment: c.authenticatorAttachment || null,
    clientExtensionResults: c.getClientExtensionResults(),
    response: {
      clientDataJSON: toB64url(c.response.clientDataJSON),
      attestationObject: toB64url(c.response.attestationObject),
      transports: c.response.getTransports ? c.response.getTransports() : [],
    },
  });
  const assertionJSON = (c) => ({
    id: c.id,
    rawId: toB64url(c.rawId),
    type: c.type,
    authenticatorAttachment: c.authenticatorAttachment || null,
    clientExtensionResults: c.getClientExtensionResults(),
    response: {
      clientDataJSON: toB64url(c.response.clientDataJSON),
      authenticatorData: toB64url(c.response.authenticatorData),
      signature: toB64url(c.response.signature),
      userHandle: c.response.userHandle ? toB64url(c.response.userHandle) : null,
    },
  });

  const explain = (error) =>
    error.name === "NotAllowedError"
      ? "Cancelled, or no passkey for this site was found. Try again."
      : error.message;

  function hasWebAuthn() {
    if (window.PublicKeyCredential) return true;
    status("This browser cannot use passkeys here (WebAuthn needs HTTPS or localhost).", true);
    return false;
  }

  // Sign-in: the server picks nothing; the passkey says who you are.
  const signin = document.getElementById("signin");
  if (signin) {
    signin.addEventListener("click", async () => {
      if (!hasWebAuthn()) return;
      signin.disabled = true;
      status("Waiting for your passkey…");
      try {
        const start = await postJSON("/auth/signin/options", {});
        const credential = await navigator.credentials.get({
          publicKey: requestOptions(start.options),
        });
        const done = await postJSON("/auth/signin/verify", {
          ceremony: start.ceremony,
          credential: assertionJSON(credential),
          next: signin.dataset.next,
        });
        status("Signed in.");
        window.location.assign(done.redirect);
      } catch (error) {
        status(explain(error), true);
        signin.disabled = false;
      }
    });
  }

  // Enrolment: an invite link, a name, a new passkey.
  const enrol = document.getElementById("enrol");
  if (enrol) {
    enrol.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (!hasWebAuthn()) return;
      const button = enrol.querySelector("button");
      const invite = enrol.dataset.invite;
      const name = enrol.elements.name.value;
      button.disabled = true;
      status("Follow your browser's steps to create the passkey…");
      try {
        const start = await postJSON("/auth/enrol/options", { invite, name });
        const credential = await navigator.credentials.create({
          publicKey: creationOptions(start.options),
        });
        const done = await postJSON("/auth/enrol/verify", {
          ceremony: start.ceremony,
          invite,
          name,
          credential: registrationJSON(credential),
        });
        status("Enrolled. Welcome.");
        window.location.assign(done.redirect);
      } catch (error) {
        status(explain(error), true);
        button.disabled = false;
      }
    });
  }

  // Triage: j/k move, p/n decide (without leaving the page), o opens the report.
  const queue = document.getElementById("queue");
  if (queue) {
    const items = () => Array.from(queue.querySelectorAll("li.item"));
    const waiting = document.getElementById("waiting");
    let current = 0;

    const select = (index) => {
      const all = items();
      if (all.length === 0) return;
      current = Math.max(0, Math.min(index, all.length - 1));
      all.forEach((item, i) => item.classList.toggle("selected", i === current));
      const item = all[current];
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    };

    const decide = async (item, decision) => {
      const form = item.querySelector("form.decide");
      const data = new FormData(form);
      data.set("decision", decision);
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRF-Token": document.body.dataset.csrf },
      });
      if (!response.ok) {
        const answer = await response.json().catch(() => ({}));
        status(answer.error || `Refused (HTTP ${response.status}).`, true);
        return;
      }
      const index = items().indexOf(item);
      item.remove();
      if (waiting) {
        const left = Math.max(0, Number(waiting.dataset.count) - 1);
        waiting.dataset.count = String(left);
        waiting.textContent = `${left.toLocaleString("en")} waiting`;
      }
      status(decision === "phishing" ? "Marked as phishing." : "Marked as not phishing.");
      if (items().length === 0) window.location.reload();
      else select(index);
    };

    queue.addEventListener("submit", (event) => {
      event.preventDefault();
      const item = event.target.closest("li.item");
      const decision = event.submitter ? event.submitter.value : "phishing";
      decide(item, decision);
    });
    queue.addEventListener("click", (event) => {
      const item = event.target.closest("li.item");
      if (item && !event.target.closest("a, button")) select(items().indexOf(item));
    });

    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target.closest("input, textarea, select")) return;
      const item = items()[current];
      if (event.key === "j") select(current + 1);
      else if (event.key === "k") select(current - 1);
      else if (event.key === "p" && item) decide(item, "phishing");
      else if (event.key === "n" && item) decide(item, "not_phishing");
      else if (event.key === "o" && item) item.querySelector("a.text").click();
      else return;
      event.preventDefault();
    });

    select(0);
  }

  // Forms that take something away ask first.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }

  // The enrolment link an admin just made: selected, ready to copy.
  const link = document.getElementById("invite-link");
  if (link) link.addEventListener("focus", () => link.select());
})();
