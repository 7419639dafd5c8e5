// api.test.mjs: the HTTP API driven over loopback (issue 6 acceptance):
// the OpenAPI document against the route table, every route refused to
// every role it does not list, the declarative cases of cases.json (each
// route called by each role it lists, scopes, errors), and the limits.
// Run by tests/server/run.sh, which starts the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { base, call, mismatch, root } from './http.mjs';

const ROLES = ['public', 'administrator', 'supplier', 'certification_body', 'installer'];
// A value for each route's {param}, by the path it sits in.
const SAMPLES = {
  '/api/v1/measures/': 'ABC0000000001',
  '/api/v1/projects/': 'NOPROJECT',
  '/api/v1/reports/': 'progress',
  '/api/v1/installers/': 'DEMO-INST-1',
  '/api/v1/certificates/': 'DEMO-CERT-2',
  '/api/v1/installations/': 'DEMO-CERT-2',
  '/api/v1/complaints/': 'CMP-1',
  '/api/v1/assessments/': 'DEMO-CERT-1',
};

function concrete(pattern) {
  const open = pattern.indexOf('{');
  if (open < 0) return pattern;
  const prefix = pattern.slice(0, open);
  return prefix + SAMPLES[prefix] + pattern.slice(pattern.indexOf('}') + 1);
}

const routes = (await call('public', 'GET', '/api/v1/routes')).json;

test('the OpenAPI document describes exactly the route table', async () => {
  const doc = (await call('public', 'GET', '/api/v1/openapi.json')).json;
  assert.equal(doc.openapi.slice(0, 2), '3.');
  const described = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      described.push(`${method.toUpperCase()} ${path}`);
      const route = routes.find((r) => r.path === path && r.method === method.toUpperCase());
      assert.ok(route, `${method.toUpperCase()} ${path} is documented but not a route`);
      assert.deepEqual([...op['x-roles']].sort(), [...route.roles].sort(), `roles of ${path}`);
      assert.ok(op.summary && op.responses, `${path} has a summary and responses`);
    }
  for (const r of routes) assert.ok(described.includes(`${r.method} ${r.path}`), `${r.method} ${r.path} is not documented`);
});

test('every route refuses every role it does not list', async () => {
  let refused = 0;
  for (const r of routes)
    for (const role of ROLES.filter((x) => !r.roles.includes(x))) {
      const res = await call(role, r.method, concrete(r.path), r.method === 'POST' ? {} : undefined);
      const want = role === 'public' ? 401 : 403;
      assert.equal(res.status, want, `${role} ${r.method} ${r.path}: ${res.text}`);
      assert.ok(res.json.errors[0].reason, 'the refusal says why');
      refused++;
    }
  assert.ok(refused > 40, `${refused} refusals tried`);
});

const cases = JSON.parse(readFileSync(new URL('cases.json', import.meta.url), 'utf8'));

// A case may keep a value of its answer ("save": {"name": "a.0.b"}) that
// later cases' paths use as ${name}.
const saved = {};
const pick = (doc, path) => path.split('.').reduce((v, k) => (v == null ? v : v[k]), doc);

test('the declarative cases, in order', async (t) => {
  for (const c of cases) {
    await t.test(c.name, async () => {
      const body = c.file ? readFileSync(root + c.file) : c.body;
      const path = c.path.replace(/\$\{(\w+)\}/g, (_, k) => encodeURIComponent(saved[k]));
      const res = await call(c.role, c.method, path, body, c.type);
      assert.equal(res.status, c.status, `${c.method} ${path}: ${res.text.slice(0, 600)}`);
      if (c.expect !== undefined) {
        const m = mismatch(c.expect, res.json);
        assert.equal(m, null, `${m}\n${res.text.slice(0, 800)}`);
      }
      if (c.text) assert.ok(res.text.includes(c.text), `"${c.text}" in ${res.text.slice(0, 300)}`);
      if (c.contentType) assert.ok(res.headers.get('content-type').startsWith(c.contentType));
      for (const [k, at] of Object.entries(c.save ?? {})) saved[k] = pick(res.json, at);
    });
  }
});

test('each route is called by each role it lists, and answers', () => {
  const match = (pattern, path) => {
    const open = pattern.indexOf('{');
    const bare = path.split('?')[0];
    if (open < 0) return pattern === bare;
    const suffix = pattern.slice(pattern.indexOf('}') + 1);
    return bare.startsWith(pattern.slice(0, open)) && bare.endsWith(suffix) &&
      bare.length > open + suffix.length && (suffix !== '' || !bare.slice(open).includes('/steps'));
  };
  const missing = [];
  for (const r of routes)
    for (const role of r.roles) {
      const roleOf = (c) => (c.role === 'supplier_other' ? 'supplier' : c.role); // both suppliers' keys
      const hit = cases.some((c) => roleOf(c) === role && c.method === r.method && c.status < 300 &&
        match(r.path, c.path) && !routes.some((o) => o !== r && o.method === r.method &&
          o.path.length > r.path.length && match(o.path, c.path)));
      if (!hit) missing.push(`${role} ${r.method} ${r.path}`);
    }
  assert.deepEqual(missing, [], 'routes without an allowed case');
});

test('every write is journalled with the key\'s owner as actor', async () => {
  const m = (await call('administrator', 'GET', '/api/v1/measures/ABC0000000002')).json;
  const approved = m.history.find((e) => e.kind === 'approved');
  assert.match(approved.actor, /^api:[0-9a-f]{12} demo administrator$/);
  const n = (await call('supplier', 'GET', '/api/v1/measures/ABC0000000009')).json;
  assert.match(n.history[0].actor, /^api:[0-9a-f]{12} demo ABC compliance$/);
  const c = (await call('certification_body', 'GET', '/api/v1/complaints/CMP-2')).json;
  assert.equal(c.history[0].actor, 'api:public');
});

test('a body over the limit is 413, and none of it is kept', async () => {
  const res = await call('supplier', 'POST', '/api/v1/notifications?scheme=gbis',
    'x'.repeat(5 * 1024 * 1024), 'text/csv');
  assert.equal(res.status, 413);
  assert.match(res.json.errors[0].reason, /larger than/);
});

// Sends raw bytes and returns what comes back (the status line first).
function raw(bytes) {
  const u = new URL(base);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port), u.hostname);
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('end', () => resolve(got));
    s.on('error', () => resolve(got));
    s.setTimeout(5000, () => s.destroy());
    s.write(bytes);
  });
}

test('headers over the limit are 431', async () => {
  const got = await raw(`GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`);
  assert.match(got, /^HTTP\/1\.1 431/);
});

test('malformed requests are refused', async () => {
  // libmicrohttpd closes a connection whose request line is not one
  assert.doesNotMatch(await raw('GARBAGE\r\n\r\n'), /^HTTP\/1\.1 200/);
  assert.match(await raw('POST /api/v1/quote HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw('GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n'), /^HTTP\/1\.1 400/);
  assert.match(await raw('GET /api/v1/whoami HTTP/9.9\r\nHost: x\r\n\r\n'), /^HTTP\/1\.1 505/);
});

test('malformed JSON is 400 naming the body', async () => {
  const res = await call('certification_body', 'POST', '/api/v1/complaints', '{"installer_id":', 'application/json');
  assert.equal(res.status, 400);
  assert.equal(res.json.errors[0].field, 'body');
});

test('an unknown key is 401, an unknown route 404, a wrong method 405', async () => {
  assert.equal((await call('er_000000000000_nothing', 'GET', '/api/v1/whoami')).status, 401);
  assert.equal((await call('public', 'GET', '/api/v1/nothing')).status, 404);
  assert.equal((await call('public', 'DELETE', '/api/v1/quote')).status, 405);
  assert.equal((await call('public', 'GET', '/../../etc/passwd')).status, 404);
});

test('connections over the limit wait until others close; the server lives on', async () => {
  const limit = Number(process.env.ECOREG_MAX_CONNECTIONS);
  const u = new URL(base);
  const idle = [];
  for (let i = 0; i < limit + 4; i++) {
    const s = net.connect(Number(u.port), u.hostname);
    s.on('error', () => {});
    idle.push(s);
  }
  await new Promise((r) => setTimeout(r, 300));
  const waiting = raw('GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  const early = await Promise.race([waiting, new Promise((r) => setTimeout(() => r('(none)'), 700))]);
  assert.equal(early, '(none)', 'no answer while the limit is reached');
  for (const s of idle) s.destroy();
  assert.match(await waiting, /^HTTP\/1\.1 200/);
});
