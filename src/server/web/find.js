// find.js: the public installer finder and certificate check (find.html).
import { api, announce, clearErrors, el, errorsOf, errorText, fill, showErrors, TECHNOLOGIES, words } from './common.js';

const searchForm = document.getElementById('search-form');
const searchStatus = document.getElementById('search-status');
const list = document.getElementById('installers');
const certForm = document.getElementById('cert-form');
const certResult = document.getElementById('cert-result');

const techSelect = document.getElementById('technology');
for (const t of TECHNOLOGIES) techSelect.append(el('option', { value: t }, words(t)));

/* ---- installers ------------------------------------------------------- */

function installerItem(i) {
  const techs = Array.isArray(i.technologies) ? i.technologies : [];
  const state = i.state ? el('span', { class: `tag ${i.state === 'approved' ? 'ok' : 'warn'}` }, words(i.state)) : null;
  return el('li', {},
    el('h3', {}, i.name || i.id, ' ', state),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Installer ID'), el('dd', {}, i.id),
      el('dt', {}, 'Postcode'), el('dd', {}, i.postcode || 'not given'),
      el('dt', {}, 'Technologies'), el('dd', {}, techs.length ? techs.map(words).join(', ') : 'none listed')),
    el('p', {}, el('a', { href: `/complaint.html?installer=${encodeURIComponent(i.id)}` }, `Make a complaint about ${i.name || i.id}`)));
}

async function search(ev) {
  ev && ev.preventDefault();
  clearErrors(searchForm);
  const q = new URLSearchParams();
  for (const f of ['name', 'postcode', 'technology']) {
    const v = searchForm.elements[f].value.trim();
    if (v) q.set(f, v);
  }
  announce(searchStatus, 'Searching…');
  list.replaceChildren();
  const a = await api(`/installers?${q}`, { auth: false });
  if (!a.ok) {
    showErrors(searchForm, errorsOf(a));
    announce(searchStatus, 'The search failed: ' + errorsOf(a).map(errorText).join('; '), 'error');
    return;
  }
  const found = Array.isArray(a.data.installers) ? a.data.installers : [];
  fill(list, found.map(installerItem));
  announce(searchStatus, found.length === 0 ? 'No installers match your search.'
    : `${found.length} installer${found.length === 1 ? '' : 's'} found.`);
  history.replaceState(null, '', `?${q}`);
}

/* ---- certificates ------------------------------------------------------ */

function certificateView(c) {
  const valid = c.state === 'certified';
  const facts = [
    ['Certificate number', c.certificate],
    ['Status', words(c.state)],
    ['Certified on', c.certified],
    ['Last changed', c.changed],
    ['Technology', words(c.technology_type)],
    ['Commissioned on', c.commissioning_date],
    ['Total capacity', c.total_capacity_kw !== undefined && c.total_capacity_kw !== null ? `${c.total_capacity_kw} kW` : null],
    ['Product', c.product],
    ['Installer', c.installer_name ? `${c.installer_name} (${c.installer_id})` : c.installer_id],
    ['Postcode district', c.postcode_district],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  return el('div', { class: `banner ${valid ? '' : 'bad'}` },
    el('p', {}, el('strong', {}, valid ? `Certificate ${c.certificate} is valid: certified` : `Certificate ${c.certificate} is not valid: ${words(c.state).toLowerCase()}`)),
    el('dl', { class: 'facts' }, facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

async function checkCertificate(ev) {
  ev && ev.preventDefault();
  clearErrors(certForm);
  const number = certForm.elements.number.value.trim();
  if (!number) {
    showErrors(certForm, [{ field: 'number', reason: 'Enter the certificate number.' }]);
    fill(certResult);
    return;
  }
  fill(certResult, el('p', {}, 'Checking…'));
  const a = await api(`/certificates/${encodeURIComponent(number)}`, { auth: false });
  if (a.ok && a.data.certificate) {
    fill(certResult, certificateView(a.data.certificate));
  } else if (a.status === 404) {
    fill(certResult, el('div', { class: 'banner bad' },
      el('p', {}, el('strong', {}, `No certificate ${number} is on the register.`)),
      el('p', {}, 'Check the number on your certificate. If it is right, the installation was not certified under the scheme.')));
  } else {
    fill(certResult, el('p', { class: 'msg-error' }, 'The check failed: ' + errorsOf(a).map(errorText).join('; ')));
  }
}

searchForm.addEventListener('submit', search);
certForm.addEventListener('submit', checkCertificate);

/* A link such as find.html?postcode=LS searches at once. */
const params = new URLSearchParams(location.search);
let any = false;
for (const f of ['name', 'postcode', 'technology']) {
  if (params.get(f)) {
    searchForm.elements[f].value = params.get(f);
    any = true;
  }
}
if (any) search();
if (params.get('certificate')) {
  certForm.elements.number.value = params.get('certificate');
  checkCertificate();
}
