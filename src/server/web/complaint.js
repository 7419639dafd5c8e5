// complaint.js: the public complaint form (complaint.html).  The register
// checks the complaint; each error it finds is shown beside its field.
import { api, el, errorsOf, fill, showErrors, clearErrors } from './common.js';

const form = document.getElementById('complaint-form');
const done = document.getElementById('complaint-done');
const submit = document.getElementById('complaint-submit');

/* complaint.html?installer=ID&installation=NUMBER fills those in */
const params = new URLSearchParams(location.search);
if (params.get('installer')) form.elements.installer_id.value = params.get('installer');
if (params.get('installation')) form.elements.installation_id.value = params.get('installation');

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form);
  fill(done);
  const f = form.elements;
  const body = {
    installer_id: f.installer_id.value.trim(),
    summary: f.summary.value.trim(),
    contact: f.contact.value.trim(),
    no_heating: f.no_heating.checked,
    vulnerable: f.vulnerable.checked,
  };
  const installation = f.installation_id.value.trim();
  if (installation) body.installation_id = installation;

  /* what cannot be right is said at once, all together; the register
   * checks the rest */
  const missing = [];
  if (!body.installer_id) missing.push({ field: 'installer_id', reason: 'Enter the installer ID.' });
  if (!body.summary) missing.push({ field: 'summary', reason: 'Say what is wrong.' });
  if (!body.contact) missing.push({ field: 'contact', reason: 'Enter an email address or a phone number so we can reach you.' });
  if (missing.length) {
    report(missing);
    return;
  }
  submit.disabled = true;
  const a = await api('/complaints', { method: 'POST', body, auth: false });
  submit.disabled = false;

  if (a.ok && a.data.complaint) {
    const c = a.data.complaint;
    form.reset();
    fill(done, el('div', { class: 'banner', tabindex: '-1', id: 'complaint-banner' },
      el('h2', {}, 'Your complaint was received'),
      el('p', {}, 'Your reference is ', el('span', { class: 'reference' }, c.id), '.'),
      el('p', {}, c.priority
        ? 'Because you have no heating or are vulnerable, your complaint will be dealt with first.'
        : 'Quote this reference if you contact the certification body about it.'),
      c.due_1_month ? el('p', {}, `We aim to resolve it by ${c.due_1_month}.`) : null));
    document.getElementById('complaint-banner').focus();
    return;
  }
  report(errorsOf(a));
});

function report(errors) {
  const n = showErrors(form, errors);
  fill(done, el('p', { class: 'msg-error' },
    `Your complaint was not sent: ${n === 1 ? 'there is a problem' : `there are ${n} problems`} to put right, shown in the form.`));
}
