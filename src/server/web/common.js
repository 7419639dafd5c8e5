// common.js: what every page of ecoreg's web interface shares: calling the
// API (/api/v1) with the key kept for this browser tab, showing its errors
// beside the fields they name, announcing results, money and small DOM
// helpers.  The server's Content-Security-Policy allows no inline script
// or style: everything is built here with DOM methods and CSS classes.

export const API = '/api/v1';
const KEY_STORE = 'ecoreg.key';

/* ---- the API key (sessionStorage: gone when the tab closes) ---------- */

export function getKey() {
  try {
    return sessionStorage.getItem(KEY_STORE) || '';
  } catch {
    return '';
  }
}

export function setKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORE, key);
    else sessionStorage.removeItem(KEY_STORE);
  } catch {
    /* storage refused (private mode): the key lasts until the page goes */
  }
}

/* ---- calling the API ------------------------------------------------- */

/** Calls the API; resolves to {status, ok, data} where data is the parsed
 *  JSON answer (or {errors:[...]} made up when the answer is not JSON or
 *  the network failed).  Never rejects. */
export async function api(path, { method = 'GET', body, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  const key = getKey();
  if (auth && key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(API + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    return { status: 0, ok: false, data: { errors: [{ field: null, reason: `the server could not be reached (${e.message})` }] } };
  }
  return { status: res.status, ok: res.ok, data: await parseAnswer(res.status, await res.text()) };
}

/** The JSON of an answer's text, or an errors list saying what came. */
export function parseAnswer(status, text) {
  try {
    const data = JSON.parse(text);
    if (data && typeof data === 'object') return data;
  } catch {
    /* fall through */
  }
  return { errors: [{ field: null, reason: `the server answered ${status} without JSON` }] };
}

/** The errors list of an answer, never empty when the answer failed. */
export function errorsOf(answer) {
  const list = answer && answer.data && Array.isArray(answer.data.errors) ? answer.data.errors : [];
  if (list.length) return list;
  return [{ field: null, reason: `the server answered ${answer ? answer.status : '?'}` }];
}

/** One line for an error: its reason, with its rule, row and field. */
export function errorText(e) {
  const where = [];
  if (e.row !== undefined && e.row !== null) where.push(`row ${e.row}`);
  if (e.field) where.push(e.field);
  const rule = e.rule ? ` [${e.rule}]` : '';
  return `${where.length ? where.join(', ') + ': ' : ''}${e.reason || e.message || 'error'}${rule}`;
}

/* ---- DOM helpers ------------------------------------------------------ */

/** el('p', {class: 'x'}, 'text', child...): an element; attributes named
 *  `class`, `text`, or else set with setAttribute (false/null skipped). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** A table: caption, column heads [{label, num}], rows of cells (a cell
 *  is text, a Node, or {th: text} for a row header).  Wrapped in a
 *  region that scrolls sideways by itself on a narrow screen. */
export function table(caption, heads, rows, { id } = {}) {
  const thead = el('thead', {}, el('tr', {}, heads.map((h) =>
    el('th', { scope: 'col', class: h.num ? 'num' : null }, h.label))));
  const tbody = el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c, i) => {
    const cls = heads[i] && heads[i].num ? 'num' : null;
    if (c && typeof c === 'object' && 'th' in c) return el('th', { scope: 'row', class: cls }, c.th);
    return el('td', { class: cls }, c === null || c === undefined ? '' : c);
  }))));
  const t = el('table', { id }, el('caption', {}, caption), thead, tbody);
  return el('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, t);
}

/* ---- words and numbers ----------------------------------------------- */

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 1234.5 -> "£1,234.50"; "" for none. */
export function money(n) {
  return typeof n === 'number' && Number.isFinite(n) ? POUNDS.format(n) : '';
}

/** A percentage to one decimal, or "n/a" for null. */
export function percent(p) {
  return typeof p === 'number' ? `${p.toFixed(1)}%` : 'n/a';
}

/** "air_to_water" -> "Air to water" */
export function words(s) {
  if (!s) return '';
  const t = String(s).replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export const TECHNOLOGIES = ['air_to_water', 'air_to_air', 'ground_source', 'water_source',
  'exhaust_air', 'solar_assisted', 'hot_water'];

/* ---- announcing and field errors ------------------------------------- */

/** Puts `text` in an aria-live region (role status or alert). */
export function announce(region, text, kind = 'info') {
  region.textContent = text;
  region.classList.toggle('msg-error', kind === 'error');
  region.classList.toggle('msg-ok', kind === 'ok');
}

/** Removes the errors clearErrors/showErrors put in `form`. */
export function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const f of form.querySelectorAll('[aria-invalid="true"]')) {
    f.removeAttribute('aria-invalid');
    const ids = (f.getAttribute('aria-describedby') || '').split(/\s+/).filter((id) => id && !id.endsWith('-error'));
    if (ids.length) f.setAttribute('aria-describedby', ids.join(' '));
    else f.removeAttribute('aria-describedby');
  }
  const box = form.querySelector('.form-errors');
  if (box) {
    box.replaceChildren();
    box.hidden = true;
  }
}

/** Shows each error beside the field of `form` it names (by the field's
 *  name attribute, or data-field), linked with aria-describedby; errors
 *  naming no field go into the form's .form-errors box.  Focuses the first
 *  field in error.  Returns how many errors were shown. */
export function showErrors(form, errors) {
  clearErrors(form);
  const loose = [];
  let first = null;
  for (const e of errors) {
    const field = e.field && (form.querySelector(`[name="${CSS.escape(e.field)}"]`) ||
      form.querySelector(`[data-field~="${CSS.escape(e.field)}"]`));
    if (!field) {
      loose.push(e);
      continue;
    }
    const id = `${field.id}-error`;
    let p = document.getElementById(id);
    if (!p) {
      p = el('p', { class: 'field-error', id });
      (field.closest('.field') || field.parentElement).append(p);
    }
    p.append(el('span', { class: 'visually-hidden' }, 'Error: '), fieldReason(e), ' ');
    field.setAttribute('aria-invalid', 'true');
    const ids = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    if (!ids.includes(id)) field.setAttribute('aria-describedby', [...ids, id].join(' '));
    first = first || field;
  }
  const box = form.querySelector('.form-errors');
  if (loose.length && box) {
    fill(box, el('h3', {}, 'There is a problem'), el('ul', {}, loose.map((e) => el('li', {}, errorText(e)))));
    box.hidden = false;
  }
  if (first) first.focus();
  else if (loose.length && box) box.focus();
  return errors.length;
}

/* The register words a field's reason to follow its name ("contact is an
 * email address ..."): such a reason gets the name back; others start
 * with a capital. */
function fieldReason(e) {
  const r = errorText({ ...e, field: null });
  if (/^(is|are|must|has|have|was|needs?) /.test(r)) return `${words(e.field)} ${r}`;
  return r.charAt(0).toUpperCase() + r.slice(1);
}

/* ---- the key form ----------------------------------------------------- */

/** Wires the page's key form (#key-form, #key, #key-forget, #key-status):
 *  asks /whoami with the key and calls onReady(who) when the register
 *  holds it, with `roles` the roles the page is for.  onGone() when the
 *  key is forgotten. */
export function keyForm({ roles, onReady, onGone }) {
  const form = document.getElementById('key-form');
  const input = document.getElementById('key');
  const forget = document.getElementById('key-forget');
  const status = document.getElementById('key-status');

  async function check() {
    announce(status, 'Checking the key…');
    const a = await api('/whoami');
    if (!a.ok || !a.data.role || a.data.role === 'public') {
      setKey('');
      announce(status, a.ok ? 'That key is not known to the register.' : `The key was refused: ${errorsOf(a).map(errorText).join('; ')}`, 'error');
      forget.hidden = true;
      onGone && onGone();
      return;
    }
    const who = a.data;
    const scope = who.scope ? ` for ${who.scope}` : '';
    const owner = who.owner ? ` (${who.owner})` : '';
    const fits = !roles || roles.includes(who.role);
    const role = words(who.role).toLowerCase();
    announce(status, `Using the key of ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}${scope}${owner}.` +
      (fits ? '' : ` This page is for ${roles.map((r) => words(r).toLowerCase()).join(' or ')}: some parts may be refused.`),
      fits ? 'ok' : 'error');
    forget.hidden = false;
    input.value = '';
    onReady(who);
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const key = input.value.trim();
    if (!key) {
      showErrors(form, [{ field: 'key', reason: 'Paste the API key you were given.' }]);
      return;
    }
    clearErrors(form);
    setKey(key);
    check();
  });
  forget.addEventListener('click', () => {
    setKey('');
    forget.hidden = true;
    announce(status, 'The key is forgotten.');
    onGone && onGone();
    input.focus();
  });
  if (getKey()) check();
  else forget.hidden = true;
}

/* ---- charts (Chart.js 3, loaded as the global Chart) ------------------ */

/** Colours that keep 3:1 against white and each other for bars/lines. */
export const COLOURS = ['#1d5aa0', '#00703c', '#b10e1e', '#6f3c97', '#8a5a00', '#005a69', '#b3366b', '#505a5f'];

const charts = new WeakMap();

/** Draws (or redraws) a chart on `canvas`; a no-op without Chart.js. */
export function chart(canvas, config) {
  if (typeof window.Chart !== 'function') {
    canvas.replaceWith(el('p', { class: 'hint' }, 'The chart could not be drawn; the table shows the same figures.'));
    return null;
  }
  const old = charts.get(canvas);
  if (old) old.destroy();
  window.Chart.defaults.color = '#0b0c0c';
  window.Chart.defaults.font.size = 13;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  config.options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: reduce ? false : undefined,
    ...config.options,
  };
  const c = new window.Chart(canvas, config);
  charts.set(canvas, c);
  return c;
}
