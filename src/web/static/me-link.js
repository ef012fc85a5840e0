/* global document, location, history, fetch */
// The personal link carries the token in the fragment (#token=jmc_…), which the browser never sends
// to a server. This script sends it once, as a POST with the CSRF token, and removes it from the address bar.
(() => {
  const m = /(?:^#|&)token=(jmc_[A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) return;
  history.replaceState(null, '', location.pathname);
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';
  fetch('/me/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ token: m[1] }),
  })
    .then((r) => (r.ok ? r.json() : Promise.reject(r)))
    .then((body) => location.replace(body.next || '/me'))
    .catch(() => {
      const field = document.getElementById('token');
      if (field) {
        field.value = m[1];
        field.form?.requestSubmit();
      }
    });
})();
