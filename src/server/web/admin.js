// admin.js: the administrator's page (admin.html): the queue of measures
// waiting for a decision, a measure's history, and the scheme reports.
import {
  API, announce, api, chart, clearErrors, COLOURS, el, errorsOf, errorText, fill, getKey, keyForm, money,
  showErrors, table, words,
} from './common.js';

const PAGE = 50;
const sections = ['queue', 'history', 'reports'].map((id) => document.getElementById(id));
const queueHeading = document.getElementById('queue-heading');
const queueStatus = document.getElementById('queue-status');
const queueList = document.getElementById('queue-list');
const prev = document.getElementById('queue-prev');
const next = document.getElementById('queue-next');
let offset = 0;
let total = 0;

keyForm({
  roles: ['administrator'],
  onReady() {
    sections.forEach((s) => { s.hidden = false; });
    loadQueue();
  },
  onGone() {
    sections.forEach((s) => { s.hidden = true; });
  },
});

/* ---- the decisions queue --------------------------------------------------- */

function failureList(fs) {
  return el('ul', {}, fs.map((f) => el('li', {}, el('strong', {}, f.rule || 'check'), ': ', f.message || f.reason || '', f.field ? ` (${f.field})` : '')));
}

function queueItem(m) {
  const id = m.mrn.replace(/[^A-Za-z0-9_-]/g, '_');
  const form = el('form', { class: 'actions', novalidate: true },
    el('div', { class: 'form-errors', tabindex: '-1', hidden: true }),
    el('div', { class: 'field' },
      el('label', { for: `reason-${id}` }, `Reason for the decision on ${m.mrn}`),
      el('input', { type: 'text', id: `reason-${id}`, name: 'reason', required: true, autocomplete: 'off' })),
    el('div', {},
      el('button', { type: 'submit', name: 'decision', value: 'approve' }, 'Approve'),
      el('button', { type: 'submit', name: 'decision', value: 'reject', class: 'warning' }, 'Reject')));
  const li = el('li', { id: `m-${id}` },
    el('h3', { tabindex: '-1' }, `${m.mrn} `, el('span', { class: 'tag' }, (m.scheme || '').toUpperCase()), ' ',
      el('span', { class: `tag ${m.state === 'rejected' ? 'bad' : ''}` }, words(m.state))),
    el('p', { class: 'meta' },
      `Supplier ${m.supplier || ''} · completed ${m.completion || 'on a day not given'} · late extension: ${m.late_extension ? 'yes' : 'no'}` +
      (m.last_event === undefined || m.last_event === null ? '' : ` · journal event ${m.last_event}`)),
    Array.isArray(m.failures) && m.failures.length
      ? el('div', {}, el('p', { class: 'meta' }, 'Check failures:'), failureList(m.failures))
      : el('p', { class: 'meta' }, 'No check failures.'),
    el('p', {}, el('a', { href: `#history`, 'data-mrn': m.mrn, class: 'show-history' }, `History of ${m.mrn}`)),
    form);
  form.addEventListener('submit', (ev) => decide(ev, m, li, form));
  return li;
}

async function decide(ev, m, li, form) {
  ev.preventDefault();
  clearErrors(form);
  const decision = ev.submitter ? ev.submitter.value : 'approve';
  const reason = form.elements.reason.value.trim();
  if (!reason) {
    showErrors(form, [{ field: 'reason', reason: `Give a reason to ${decision} ${m.mrn}.` }]);
    return;
  }
  form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  const a = await api(`/measures/${encodeURIComponent(m.mrn)}/decision`, { method: 'POST', body: { decision, reason } });
  form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  if (!a.ok) {
    showErrors(form, errorsOf(a));
    announce(queueStatus, `${m.mrn} was not decided: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const state = a.data.measure && a.data.measure.state ? a.data.measure.state : (decision === 'approve' ? 'approved' : 'rejected');
  const after = li.nextElementSibling || li.previousElementSibling;
  li.remove();
  total = Math.max(0, total - 1);
  announce(queueStatus, `${m.mrn} ${words(state).toLowerCase()}. ${waiting()}`, 'ok');
  const h = after && after.querySelector('h3');
  (h || queueHeading).focus();
}

function waiting() {
  const shown = queueList.children.length;
  if (!total) return 'No measures are waiting for a decision.';
  return `${total} measure${total === 1 ? '' : 's'} waiting; showing ${shown ? `${offset + 1} to ${offset + shown}` : 'none on this page'}.`;
}

async function loadQueue() {
  announce(queueStatus, 'Loading the queue…');
  const a = await api(`/measures?state=recorded&limit=${PAGE}&offset=${offset}`);
  if (!a.ok) {
    fill(queueList);
    announce(queueStatus, `The queue could not be read: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const ms = Array.isArray(a.data.measures) ? a.data.measures : [];
  total = typeof a.data.total === 'number' ? a.data.total : ms.length;
  fill(queueList, ms.map(queueItem));
  prev.disabled = offset === 0;
  next.disabled = offset + ms.length >= total;
  announce(queueStatus, waiting());
}

prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); loadQueue(); });
next.addEventListener('click', () => { offset += PAGE; loadQueue(); });
document.getElementById('queue-reload').addEventListener('click', loadQueue);

/* ---- a measure's history ------------------------------------------------------ */

const historyForm = document.getElementById('history-form');
const historyResult = document.getElementById('history-result');

async function showHistory(mrn) {
  clearErrors(historyForm);
  if (!mrn) {
    showErrors(historyForm, [{ field: 'mrn', reason: 'Enter the measure reference.' }]);
    return;
  }
  fill(historyResult, el('p', {}, `Loading the history of ${mrn}…`));
  const a = await api(`/measures/${encodeURIComponent(mrn)}`);
  if (!a.ok) {
    fill(historyResult);
    showErrors(historyForm, errorsOf(a).map((e) => ({ ...e, field: e.field && e.field !== 'mrn' ? e.field : 'mrn' })));
    return;
  }
  const m = a.data.measure || {};
  const h = Array.isArray(a.data.history) ? a.data.history : [];
  fill(historyResult,
    el('p', {}, el('strong', {}, `${m.mrn || mrn}`), `: ${words(m.state)}, ${(m.scheme || '').toUpperCase()}, supplier ${m.supplier || ''}.`),
    table(`History of ${m.mrn || mrn}`,
      [{ label: 'Event', num: true }, { label: 'When' }, { label: 'Who' }, { label: 'What' }, { label: 'From' }, { label: 'To' }, { label: 'Reason' }],
      h.map((e) => [e.event, { th: e.at || '' }, e.actor, words(e.kind), e.from ? words(e.from) : '', e.to ? words(e.to) : '', e.reason || ''])));
}

historyForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  showHistory(historyForm.elements.mrn.value.trim());
});
queueList.addEventListener('click', (ev) => {
  const a = ev.target.closest('a.show-history');
  if (!a) return;
  ev.preventDefault();
  historyForm.elements.mrn.value = a.dataset.mrn;
  document.getElementById('history-heading').scrollIntoView();
  showHistory(a.dataset.mrn).then(() => historyForm.elements.mrn.focus());
});

/* ---- reports ------------------------------------------------------------------ */

const reportForm = document.getElementById('report-form');
const reportStatus = document.getElementById('report-status');
const reportResult = document.getElementById('report-result');
const monthField = document.getElementById('report-month-field');
const kindSelect = document.getElementById('report-kind');

/* The CSV and HTML forms need the key too, so they are fetched here and
 * handed to the browser as a download. */
document.getElementById('report-links').addEventListener('click', async (ev) => {
  const b = ev.target.closest('button[data-path]');
  if (!b) return;
  announce(reportStatus, `Downloading ${b.dataset.name}…`);
  try {
    const res = await fetch(API + b.dataset.path, { headers: { Authorization: `Bearer ${getKey()}` } });
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', { href: url, download: b.dataset.name, class: 'visually-hidden' }, b.dataset.name);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    announce(reportStatus, `${b.dataset.name} downloaded.`, 'ok');
  } catch (e) {
    announce(reportStatus, `${b.dataset.name} could not be downloaded: ${e.message}`, 'error');
  }
});

kindSelect.addEventListener('change', () => { monthField.hidden = kindSelect.value !== 'monthly'; });

/* the supplier columns worth a table: numbers, in the answer's order */
function moneyColumns(sups) {
  const cols = [];
  for (const s of sups)
    for (const [k, v] of Object.entries(s))
      if (typeof v === 'number' && !cols.includes(k)) cols.push(k);
  return cols;
}

const COUNTS = new Set(['solid_wall_minimum', 'solid_wall_premises']);

reportForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(reportForm);
  const f = reportForm.elements;
  const q = new URLSearchParams({ scheme: f.scheme.value });
  if (f.kind.value === 'monthly') {
    const month = f.month.value.trim();
    if (!/^\d{4}-\d{2}$/.test(month)) {
      showErrors(reportForm, [{ field: 'month', reason: 'Enter the month as YYYY-MM, for example 2024-06.' }]);
      return;
    }
    q.set('month', month);
  }
  const path = `/reports/${encodeURIComponent(f.kind.value)}?${q}`;
  announce(reportStatus, 'Loading the report…');
  const a = await api(path);
  if (!a.ok) {
    reportResult.hidden = true;
    showErrors(reportForm, errorsOf(a));
    announce(reportStatus, `The report could not be made: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const r = a.data;
  const sups = Array.isArray(r.suppliers) ? r.suppliers : [];
  const cols = moneyColumns(sups);
  const final = sups.some((s) => s.determination);
  const base = `${f.kind.value}-${f.scheme.value}${q.get('month') ? '-' + q.get('month') : ''}`;
  fill(document.getElementById('report-links'),
    el('button', { type: 'button', class: 'secondary', 'data-path': `${path}&format=csv`, 'data-name': `${base}.csv` }, 'Download as CSV'),
    el('button', { type: 'button', class: 'secondary', 'data-path': `${path}&format=html`, 'data-name': `${base}.html` }, 'Download as HTML'));
  fill(document.getElementById('report-table'), table(r.title || `${words(r.report)} report`,
    [{ label: 'Supplier' }, ...cols.map((c) => ({ label: words(c), num: true })), ...(final ? [{ label: 'Determination' }] : [])],
    sups.map((s) => [{ th: s.supplier }, ...cols.map((c) => (COUNTS.has(c) ? String(s[c]) : money(s[c]))), ...(final ? [words(s.determination)] : [])])));
  const months = Array.isArray(r.delivered_by_month) ? r.delivered_by_month : [];
  chart(document.getElementById('report-chart'), {
    type: 'line',
    data: {
      labels: months.map((m) => m.month),
      datasets: [{ label: 'Delivered to date', data: months.map((m) => m.delivered), borderColor: COLOURS[0], backgroundColor: COLOURS[0], tension: 0 }],
    },
    options: {
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.y)}` } } },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => money(v) } } },
    },
  });
  fill(document.getElementById('report-months'), months.length
    ? table('Delivered to the end of each month', [{ label: 'Month' }, { label: 'Delivered to date', num: true }],
      months.map((m) => [{ th: m.month }, money(m.delivered)]))
    : el('p', {}, 'Nothing has been delivered in the months this report covers.'));
  reportResult.hidden = false;
  announce(reportStatus, `${r.title || 'Report'}: ${sups.length} supplier${sups.length === 1 ? '' : 's'}.`, 'ok');
});
