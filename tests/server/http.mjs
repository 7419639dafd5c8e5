// http.mjs: what the server tests share: the base URL and keys the
// runner (run.sh) hands over, a request helper, and a subset matcher for
// the declarative cases (cases.json).
import { readFileSync } from 'node:fs';

export const base = process.env.ECOREG_URL;
export const keys = JSON.parse(readFileSync(process.env.ECOREG_KEYS, 'utf8'));
export const root = new URL('../..', import.meta.url).pathname;

// Sends one request as `role` ("public": no key); body is an object (sent
// as JSON), a string, or a Buffer.  Returns {status, headers, text, json}.
export async function call(role, method, path, body, type) {
  const headers = {};
  if (role !== 'public') headers.Authorization = `Bearer ${keys[role] ?? role}`;
  let payload;
  if (body !== undefined && body !== null) {
    payload = typeof body === 'object' && !Buffer.isBuffer(body) ? JSON.stringify(body) : body;
    headers['Content-Type'] = type ?? 'application/json';
  }
  const res = await fetch(base + path, { method, headers, body: payload });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// Whether `actual` holds everything `expected` says: objects by their
// members, arrays element by element (same length), {"$contains": x} an
// array with an element matching x; other values equal.  Returns the path
// of the first difference, or null.
export function mismatch(expected, actual, at = '$') {
  if (expected && typeof expected === 'object' && '$contains' in expected) {
    if (!Array.isArray(actual)) return `${at}: not an array`;
    return actual.some((a) => mismatch(expected.$contains, a) === null)
      ? null
      : `${at}: no element matches ${JSON.stringify(expected.$contains)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return `${at}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`;
    for (let i = 0; i < expected.length; i++) {
      const m = mismatch(expected[i], actual[i], `${at}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return `${at}: expected an object`;
    for (const k of Object.keys(expected)) {
      const m = mismatch(expected[k], actual[k], `${at}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return expected === actual ? null : `${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
