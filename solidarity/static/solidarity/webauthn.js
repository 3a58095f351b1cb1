// Passkeys for staff sign-in: the only script on the site, loaded on staff pages only.
// Forms marked data-webauthn="register" or "login" are submitted through WebAuthn.
(function () {
  "use strict";
  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    var raw = atob(b64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out.buffer;
  }
  function toB64url(buffer) {
    var bytes = new Uint8Array(buffer), raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function post(url, form, extra) {
    var body = new FormData(form);
    Object.keys(extra || {}).forEach(function (k) { body.set(k, extra[k]); });
    return fetch(url, { method: "POST", body: body, credentials: "same-origin" });
  }
  function credentialJSON(cred) {
    var r = cred.response, json = { id: cred.id, rawId: toB64url(cred.rawId), type: cred.type,
      clientExtensionResults: cred.getClientExtensionResults(), response: {
        clientDataJSON: toB64url(r.clientDataJSON) } };
    if (r.attestationObject) { json.response.attestationObject = toB64url(r.attestationObject); }
    if (r.authenticatorData) {
      json.response.authenticatorData = toB64url(r.authenticatorData);
      json.response.signature = toB64url(r.signature);
      json.response.userHandle = r.userHandle ? toB64url(r.userHandle) : null;
    }
    return JSON.stringify(json);
  }
  document.querySelectorAll("form[data-webauthn]").forEach(function (form) {
    var status = form.querySelector("[data-webauthn-status]");
    if (!window.PublicKeyCredential) {
      if (status) { status.textContent = "This browser cannot use passkeys."; }
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var mode = form.dataset.webauthn;
      post(form.dataset.options, form).then(function (r) { return r.json(); }).then(function (o) {
        // Adding a passkey needs a recent re-authentication: go and get it first.
        if (o.sudo) { window.location.assign(o.sudo); throw new Error(o.error); }
        o.challenge = toBytes(o.challenge);
        if (mode === "register") {
          o.user.id = toBytes(o.user.id);
          (o.excludeCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
          return navigator.credentials.create({ publicKey: o });
        }
        (o.allowCredentials || []).forEach(function (c) { c.id = toBytes(c.id); });
        return navigator.credentials.get({ publicKey: o });
      }).then(function (cred) {
        return post(form.dataset.finish, form,
          { credential: credentialJSON(cred), next: form.dataset.next || "" });
      }).then(function (r) { return r.json(); }).then(function (result) {
        if (result.ok) { window.location.assign(result.next || "/staff/"); }
        else if (status) { status.textContent = result.error; }
      }).catch(function (err) { if (status) { status.textContent = String(err); } });
    });
  });
})();
