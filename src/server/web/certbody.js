// certbody.js: the certification body's page (certbody.html): the Annex A
// indicators for a period as charts and tables, the open complaints and
// the installers.
import {
  announce, api, chart, clearErrors, COLOURS, el, errorsOf, errorText, fill, keyForm, percent,
  showErrors, table, words,
} from './common.js';

const sections = ['indicators', 'complaints', 'installers'].map((id) => document.getElementById(id));

keyForm({
  roles: ['certification_body', 'administrator'],
  onReady() {
    sections.forEach((s) => { s.hidden = false; });
    loadIndicators();
    loadComplaints();
    loadInstallers();
  },
  onGone() {
    sections.forEach((s) => { s.hidden = true; });
  },
});

/* ---- indicators ---------------------------------------------------------- */

const form = document.getElementById('indicators-form');
const status = document.getElementById('indicators-status');
const result = document.getElementById('indicators-result');

/* Annex A's names of the shares, in its order */
const SHARES = [
  ['complaint_rate', 'Complaints received (of installations)'],
  ['nonconformity', 'Conformity assessment: non-conforming (of assessments)'],
  ['assessed', 'Installations receiving an on-site assessment'],
  ['resolved_within_1_month', 'Complaints resolved within 1 month'],
  ['resolved_within_3_months', 'Complaints resolved within 3 months'],
];
const OUTCOMES = {
  open: 'Not yet concluded',
  out_of_scope: 'Out of scope of the scheme',
  no_non_conformity: 'No non-conformity, closed',
  put_right_installer: 'Put right by the original installer',
  put_right_other: 'Put right by the scheme or another installer',
  other: 'Non-conformity, other outcome',
  adr_complainant: 'ADR: found for the complainant',
  adr_installer: 'ADR: found for the installer',
};

/* last year and this, by default */
const year = new Date().getFullYear();
form.elements.from.value = `${year - 1}-01-01`;
form.elements.to.value = `${year}-12-31`;

function shareRow(label, s) {
  s = s || {};
  return [{ th: label }, String(s.count ?? ''), String(s.of ?? ''), percent(s.percent)];
}

async function loadIndicators(ev) {
  ev && ev.preventDefault();
  clearErrors(form);
  const from = form.elements.from.value;
  const to = form.elements.to.value;
  const bad = [];
  if (!from) bad.push({ field: 'from', reason: 'Enter the first day of the period.' });
  if (!to) bad.push({ field: 'to', reason: 'Enter the last day of the period.' });
  if (bad.length) {
    showErrors(form, bad);
    return;
  }
  announce(status, 'Loading the indicators…');
  const a = await api(`/indicators?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  if (!a.ok) {
    result.hidden = true;
    showErrors(form, errorsOf(a));
    announce(status, `The indicators could not be read: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const d = a.data;
  const ob = d.onboarding_days || {};
  fill(document.getElementById('indicators-counts'),
    el('dt', {}, 'Period'), el('dd', {}, `${d.from} to ${d.to}`),
    el('dt', {}, 'Installations certified'), el('dd', {}, String(d.installations ?? '')),
    el('dt', {}, 'Installers able to certify'), el('dd', {}, String(d.installers ?? '')),
    el('dt', {}, 'Onboarding, average days from application to approval'),
    el('dd', {}, typeof ob.average === 'number' ? `${ob.average.toFixed(1)} days (${ob.approved} approved)` : 'n/a (none approved)'));

  chart(document.getElementById('indicators-chart'), {
    type: 'bar',
    data: {
      labels: SHARES.map(([, label]) => label),
      datasets: [{ label: 'Percent', data: SHARES.map(([k]) => (d[k] ? d[k].percent : null)), backgroundColor: COLOURS[0] }],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => percent(c.parsed.x) } } },
      scales: { x: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
    },
  });
  fill(document.getElementById('indicators-table'), table(`Indicators, ${d.from} to ${d.to}`,
    [{ label: 'Indicator' }, { label: 'Count', num: true }, { label: 'Of', num: true }, { label: 'Percent', num: true }],
    SHARES.map(([k, label]) => shareRow(label, d[k]))));

  const outcomes = d.outcomes || {};
  const keys = Object.keys(outcomes);
  chart(document.getElementById('outcomes-chart'), {
    type: 'bar',
    data: {
      labels: keys.map((k) => OUTCOMES[k] || words(k)),
      datasets: [{ label: 'Complaints', data: keys.map((k) => outcomes[k].count), backgroundColor: keys.map((k, i) => COLOURS[i % COLOURS.length]) }],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
  fill(document.getElementById('outcomes-table'), table('Complaint outcomes',
    [{ label: 'Outcome' }, { label: 'Complaints', num: true }, { label: 'Of', num: true }, { label: 'Percent', num: true }],
    keys.map((k) => shareRow(OUTCOMES[k] || words(k), outcomes[k]))));
  result.hidden = false;
  announce(status, `Indicators for ${d.from} to ${d.to}: ${d.installations} installations, ${d.installers} installers.`, 'ok');
}

form.addEventListener('submit', loadIndicators);

/* ---- complaints ------------------------------------------------------------ */

const complaintsStatus = document.getElementById('complaints-status');

async function loadComplaints() {
  announce(complaintsStatus, 'Loading the open complaints…');
  const a = await api('/complaints?open=1');
  const box = document.getElementById('complaints-table');
  if (!a.ok) {
    fill(box);
    announce(complaintsStatus, `The complaints could not be read: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const cs = Array.isArray(a.data.complaints) ? a.data.complaints : [];
  fill(box, table('Open complaints',
    [{ label: 'Reference' }, { label: 'State' }, { label: 'Priority' }, { label: 'Installer' }, { label: 'Installation' },
      { label: 'Summary' }, { label: 'Received' }, { label: 'Due in 1 month' }, { label: 'Due in 3 months' }],
    cs.map((c) => [{ th: c.id }, words(c.state),
      c.priority ? el('span', { class: 'tag bad' }, [c.no_heating ? 'No heating' : null, c.vulnerable ? 'Vulnerable' : null].filter(Boolean).join(', ') || 'Priority') : 'No',
      c.installer_id || '', c.installation_id || '', c.summary || '', c.received || '', c.due_1_month || '', c.due_3_months || ''])));
  announce(complaintsStatus, cs.length ? `${cs.length} open complaint${cs.length === 1 ? '' : 's'}.` : 'No complaints are open.');
}

document.getElementById('complaints-reload').addEventListener('click', loadComplaints);

/* ---- installers ------------------------------------------------------------- */

const installersStatus = document.getElementById('installers-status');

async function loadInstallers() {
  announce(installersStatus, 'Loading the installers…');
  const a = await api('/installers?all=1');
  const box = document.getElementById('installers-table');
  if (!a.ok) {
    fill(box);
    announce(installersStatus, `The installers could not be read: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const is = Array.isArray(a.data.installers) ? a.data.installers : [];
  fill(box, table('Installers',
    [{ label: 'ID' }, { label: 'Name' }, { label: 'Postcode' }, { label: 'Technologies' }, { label: 'State' },
      { label: 'Applied' }, { label: 'Approved' }, { label: 'Reason' }],
    is.map((i) => [{ th: i.id }, i.name || '', i.postcode || '', (i.technologies || []).map(words).join(', '),
      i.state ? el('span', { class: `tag ${i.state === 'approved' ? 'ok' : i.state === 'applied' ? '' : 'bad'}` }, words(i.state)) : '',
      i.applied || '', i.approved || '', i.reason || ''])));
  announce(installersStatus, `${is.length} installer${is.length === 1 ? '' : 's'}.`);
}

document.getElementById('installers-reload').addEventListener('click', loadInstallers);
