/* global document, location, XMLHttpRequest, FormData, navigator */
// CV upload with a progress bar: XHR to POST /api/candidates; errors in plain words; on success the
// one-time personal link. The dropzone is the <label> of a real file input, so it works by keyboard too.
(() => {
  const form = document.getElementById('upload-form');
  if (!form) return;
  const input = document.getElementById('cv-file');
  const zone = document.getElementById('dropzone');
  const field = document.getElementById('file-field');
  const chosen = document.getElementById('file-chosen');
  const error = document.getElementById('upload-error');
  const status = document.getElementById('upload-status');
  const bar = document.getElementById('upload-progress');
  const submit = document.getElementById('upload-submit');
  const done = document.getElementById('upload-done');
  const msg = (key, vars = {}) => (form.dataset[`msg${key}`] || '').replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));

  const showError = (text) => {
    error.textContent = text;
    error.hidden = false;
    field.classList.add('has-error');
    input.setAttribute('aria-invalid', 'true');
    status.textContent = '';
    bar.hidden = true;
    submit.disabled = false;
  };
  const clearError = () => {
    error.hidden = true;
    error.textContent = '';
    field.classList.remove('has-error');
    input.removeAttribute('aria-invalid');
  };
  const showChosen = () => {
    const f = input.files && input.files[0];
    chosen.textContent = f ? msg('Chosen', { name: f.name }) : '';
    if (f) clearError();
  };
  input.addEventListener('change', showChosen);

  ['dragenter', 'dragover'].forEach((ev) =>
    zone.addEventListener(ev, (e) => {
      e.preventDefault();
      zone.classList.add('over');
    }),
  );
  ['dragleave', 'drop'].forEach((ev) => zone.addEventListener(ev, () => zone.classList.remove('over')));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showChosen();
    }
  });

  const explain = (xhr) => {
    let body = null;
    try {
      body = JSON.parse(xhr.responseText);
    } catch {
      /* not JSON */
    }
    const err = (body && body.error) || {};
    const s = xhr.status;
    const details = err.details || {};
    if (s === 415 && details.detected === 'empty') return msg('Empty');
    if (s === 415) return msg('E415', { type: details.detected || '?' });
    if (s === 413) return msg('E413');
    if (s === 422 && details.reason === 'nothing found') return msg('Nothing');
    if (s === 422) return msg('E422');
    if (s === 400) return msg('E400');
    if (s === 403) return msg('E403');
    if (s === 429) return msg('E429');
    return msg('Other');
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearError();
    if (!input.files || !input.files[0]) {
      showError(msg('Nofile'));
      input.focus();
      return;
    }
    if (input.files[0].size === 0) {
      showError(msg('Empty'));
      input.focus();
      return;
    }
    const data = new FormData(form);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.getAttribute('action'));
    xhr.setRequestHeader('accept', 'application/json');
    submit.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    status.textContent = msg('Uploading', { pct: 0 });
    xhr.upload.addEventListener('progress', (ev) => {
      if (!ev.lengthComputable) return;
      const pct = Math.round((ev.loaded / ev.total) * 100);
      bar.value = pct;
      status.textContent = msg('Uploading', { pct });
    });
    xhr.upload.addEventListener('load', () => {
      bar.value = 100;
      status.textContent = msg('Reading');
    });
    xhr.addEventListener('error', () => showError(msg('Network')));
    xhr.addEventListener('load', () => {
      if (xhr.status !== 200 && xhr.status !== 201) {
        showError(explain(xhr));
        input.focus();
        return;
      }
      const body = JSON.parse(xhr.responseText);
      status.textContent = msg('Done');
      bar.hidden = true;
      form.hidden = true;
      done.hidden = false;
      if (body.access && body.access.token) {
        document.getElementById('access-link').value = location.origin + body.access.link;
        document.getElementById('access-token').value = body.access.token;
      } else {
        document.getElementById('done-link').hidden = true;
        document.getElementById('done-already').hidden = false;
      }
      done.focus();
    });
    xhr.send(data);
  });

  const copy = document.getElementById('copy-link');
  copy.addEventListener('click', () => {
    const link = document.getElementById('access-link');
    const note = document.getElementById('copy-status');
    link.select();
    const ok = () => (note.textContent = note.dataset.msg);
    if (navigator.clipboard) navigator.clipboard.writeText(link.value).then(ok, ok);
    else ok();
  });
})();
