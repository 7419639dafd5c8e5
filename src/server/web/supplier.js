// supplier.js: a supplier's page (supplier.html): upload a notification
// file and see each row's checks; progress against obligation as a chart
// with a table of the same figures.
import {
  API, announce, api, chart, clearErrors, COLOURS, el, errorsOf, errorText, fill, getKey, keyForm,
  money, parseAnswer, showErrors, table, words,
} from './common.js';

const uploadSection = document.getElementById('upload');
const progressSection = document.getElementById('progress');
const uploadForm = document.getElementById('upload-form');
const uploadSubmit = document.getElementById('upload-submit');
const progressBox = document.getElementById('upload-progress');
const bar = document.getElementById('upload-bar');
const uploadStatus = document.getElementById('upload-status');
const result = document.getElementById('upload-result');
const summaryList = document.getElementById('upload-summary');
const onlyProblems = document.getElementById('only-problems');
const rowsTable = document.getElementById('rows-table');
const progressForm = document.getElementById('progress-form');
const progressStatus = document.getElementById('progress-status');
const progressTable = document.getElementById('progress-table');
const canvas = document.getElementById('progress-chart');

let lastRows = [];
let lastFile = '';

/* ---- the key ------------------------------------------------------------ */

keyForm({
  roles: ['supplier', 'administrator'],
  onReady() {
    uploadSection.hidden = false;
    progressSection.hidden = false;
    loadProgress();
  },
  onGone() {
    uploadSection.hidden = true;
    progressSection.hidden = true;
  },
});

/* ---- uploading ----------------------------------------------------------- */

const STATUS_TAG = { recorded: 'ok', exists: '', rejected: 'bad', conflict: 'warn' };
const STATUS_WORDS = {
  recorded: 'Recorded',
  rejected: 'Rejected',
  exists: 'Exists (already on the register)',
  conflict: 'Conflict (a different row with this reference is on the register)',
};

function hasProblem(r) {
  return r.status !== 'recorded' && r.status !== 'exists';
}

function failuresCell(r) {
  const fs = Array.isArray(r.failures) ? r.failures : [];
  if (!fs.length) return r.status === 'conflict' ? 'Differs from the row already on the register' : '';
  return el('ul', {}, fs.map((f) => el('li', {},
    el('strong', {}, f.rule || 'check'), ': ', f.message || f.reason || '', f.field ? ` (${f.field})` : '')));
}

function renderRows() {
  const shown = onlyProblems.checked ? lastRows.filter(hasProblem) : lastRows;
  const key = lastRows.some((r) => r.project !== undefined) ? 'project' : 'mrn';
  const heads = [{ label: 'Row', num: true }, { label: key === 'project' ? 'Project' : 'Measure reference (MRN)' },
    { label: 'Status' }, { label: 'Problems' }];
  const rows = shown.map((r) => [r.row, { th: r[key] || '' },
    el('span', { class: `tag ${STATUS_TAG[r.status] || ''}` }, STATUS_WORDS[r.status] || words(r.status)),
    failuresCell(r)]);
  const caption = `Rows of ${lastFile}${onlyProblems.checked ? ', only those with problems' : ''}: ${shown.length} of ${lastRows.length}`;
  const t = table(caption, heads, rows, { id: 'rows' });
  t.querySelectorAll('tbody tr').forEach((tr, i) => { if (hasProblem(shown[i])) tr.classList.add('problem'); });
  fill(rowsTable, t);
  if (!shown.length) rowsTable.append(el('p', {}, 'No row has a problem.'));
}

function showResult(data) {
  lastRows = Array.isArray(data.rows) ? data.rows : [];
  const s = data.summary || {};
  const count = (k) => (typeof s[k] === 'number' ? s[k] : lastRows.filter((r) => r.status === k).length);
  const rows = typeof s.rows === 'number' ? s.rows : lastRows.length;
  fill(summaryList, [['Rows', rows], ['Recorded', count('recorded')], ['Rejected', count('rejected')],
    ['Already on the register', count('exists')], ['Conflicts', count('conflict')]]
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));
  result.hidden = false;
  renderRows();
  announce(uploadStatus, `${lastFile}: ${rows} rows, ${count('recorded')} recorded, ${count('rejected')} rejected, ` +
    `${count('exists')} already on the register, ${count('conflict')} in conflict.`,
  count('rejected') || count('conflict') ? 'error' : 'ok');
}

function upload(file, scheme) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API}/notifications?scheme=${encodeURIComponent(scheme)}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Authorization', `Bearer ${getKey()}`);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.upload.addEventListener('load', () => {
      bar.value = 100;
      announce(uploadStatus, 'Uploaded; the register is checking the rows…');
    });
    xhr.addEventListener('load', () => resolve({ status: xhr.status, ok: xhr.status >= 200 && xhr.status < 300, data: parseAnswer(xhr.status, xhr.responseText) }));
    xhr.addEventListener('error', () => resolve({ status: 0, ok: false, data: { errors: [{ field: null, reason: 'the server could not be reached' }] } }));
    xhr.addEventListener('abort', () => resolve({ status: 0, ok: false, data: { errors: [{ field: null, reason: 'the upload was stopped' }] } }));
    xhr.send(file);
  });
}

uploadForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(uploadForm);
  const file = uploadForm.elements.file.files[0];
  if (!file) {
    showErrors(uploadForm, [{ field: 'body', reason: 'Choose the CSV file to upload.' }]);
    return;
  }
  lastFile = file.name;
  result.hidden = true;
  bar.value = 0;
  progressBox.hidden = false;
  uploadSubmit.disabled = true;
  announce(uploadStatus, `Uploading ${file.name}…`);
  const a = await upload(file, uploadForm.elements.scheme.value);
  uploadSubmit.disabled = false;
  progressBox.hidden = true;
  if (a.ok && Array.isArray(a.data.rows)) {
    showResult(a.data);
    loadProgress();
    return;
  }
  const errors = errorsOf(a);
  showErrors(uploadForm, errors);
  announce(uploadStatus, `The file was refused: ${errors.map(errorText).join('; ')}`, 'error');
});

onlyProblems.addEventListener('change', () => { if (lastRows.length) renderRows(); });

/* ---- progress ------------------------------------------------------------ */

async function loadProgress(ev) {
  ev && ev.preventDefault();
  const scheme = progressForm.elements.scheme.value;
  announce(progressStatus, 'Loading progress…');
  const a = await api(`/obligations?scheme=${encodeURIComponent(scheme)}`);
  if (!a.ok) {
    fill(progressTable);
    announce(progressStatus, `The progress could not be read: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
    return;
  }
  const sups = Array.isArray(a.data.suppliers) ? a.data.suppliers : [];
  const title = a.data.title || `${scheme.toUpperCase()} progress`;
  chart(canvas, {
    type: 'bar',
    data: {
      labels: sups.map((s) => s.supplier),
      datasets: [
        { label: 'Obligation', data: sups.map((s) => s.obligation), backgroundColor: COLOURS[0] },
        { label: 'Delivered', data: sups.map((s) => s.delivered), backgroundColor: COLOURS[1] },
        { label: 'Shortfall', data: sups.map((s) => s.shortfall), backgroundColor: COLOURS[2] },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: title },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money(c.parsed.y)}` } },
      },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => money(v) } } },
    },
  });
  fill(progressTable, table(title,
    [{ label: 'Supplier' }, { label: 'Obligation', num: true }, { label: 'Delivered', num: true },
      { label: 'Shortfall', num: true }, { label: 'Delivered of obligation', num: true }],
    sups.map((s) => [{ th: s.supplier }, money(s.obligation), money(s.delivered), money(s.shortfall),
      s.obligation > 0 ? `${((100 * s.delivered) / s.obligation).toFixed(1)}%` : 'n/a'])));
  announce(progressStatus, sups.length ? `${title}: ${sups.length} supplier${sups.length === 1 ? '' : 's'}.`
    : `${title}: no obligation is recorded yet.`);
}

progressForm.addEventListener('submit', loadProgress);
