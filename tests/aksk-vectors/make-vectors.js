// Signs generated requests with the official SDK's AKSKSigner and prints them as JSON vectors.
// Run: npm ci && npm run make (or: node make-vectors.js > vectors.json). Deterministic: a fixed seed,
// a fixed date, so the same SDK version prints the same file.
'use strict';
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const sdkVersion = require('@huaweicloud/huaweicloud-sdk-core/package.json').version;

const credential = { getAk: () => 'AKEXAMPLE0123456789', getSk: () => 'SK+example/secret=value' };
const date = '20261201T120000Z';

// The gateway's query: decoded key, value. The wire form is what TaskWatch (and Refit) send:
// every character outside the unreserved set %XX-escaped, so the vector tests the decoding too.
function wire(pairs) {
  return pairs.map(([k, v]) => (v === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&');
}

function queryParams(pairs) {
  const params = {};
  for (const [k, v] of pairs) {
    const value = v === null ? '' : v;
    if (!(k in params)) {
      params[k] = value;
    } else if (Array.isArray(params[k])) {
      params[k].push(value);
    } else {
      params[k] = [params[k], value];
    }
  }
  return params;
}

function sign(name, method, host, path, pairs, extraHeaders) {
  const headers = Object.assign({ 'X-Sdk-Date': date }, extraHeaders);
  const request = { method, endpoint: `https://${host}${path}`, headers, queryParams: queryParams(pairs) };
  const signed = AKSKSigner.sign(request, credential);
  const authorization = signed.Authorization;
  const match = /SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(authorization);
  const lower = {};
  for (const [k, v] of Object.entries(signed)) {
    if (k !== 'Authorization') {
      lower[k.toLowerCase()] = String(v);
    }
  }
  return {
    name,
    method,
    path,
    query: wire(pairs),
    headers: lower,
    canonicalQuery: AKSKSigner.CanonicalQueryString(request),
    signedHeaders: match[1],
    signature: match[2],
  };
}

// A small deterministic generator (mulberry32): no dependency, same file every run.
function random(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters that sort differently encoded and decoded (':' is 0x3A, '%' 0x25, digits 0x30-0x39),
// unreserved ones, a space, and non-ASCII (two-, three- and four-byte UTF-8).
const alphabet = ['a', 'b', 'z', 'A', 'Z', '0', '2', '9', ':', '%', '-', '_', '.', '~', ' ', '+', '/', '?', '=', '&', '[', ']', 'é', 'ß', '中', '😀'];
const rnd = random(20261201);
const pick = (n) => Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');

const projectId = '0123456789abcdef0123456789abcdef';
const host = 'rds.eu-de.otc.t-systems.com';
const vectors = [
  // Named cases first: the ones the issue reports.
  sign('decoded key order', 'GET', host, '/v1/p/jobs', [['a%3A'.replace('%3A', ':'), '1'], ['a0', '2']], {}),
  sign('repeated key, decoded value order', 'GET', host, '/v1/p/jobs', [['tag', ':'], ['tag', '0']], {}),
  sign('repeated key, three values', 'GET', host, '/v1/p/jobs', [['tag', 'b'], ['tag', 'a'], ['tag', '~'], ['id', '1']], {}),
  sign('empty value and key only', 'GET', host, '/v1/p/jobs', [['b', ''], ['a', null]], {}),
  sign('RDS single job', 'GET', host, `/v3/${projectId}/jobs`, [['id', 'a9767ede-fe0f-4888-9003-e843a4c90514']], { 'X-Project-Id': projectId }),
  sign('RDS task list', 'GET', host, `/v3/${projectId}/tasklist`, [['offset', '0'], ['limit', '50'], ['start_time', '1764590400000'], ['end_time', '1764594000000'], ['status', 'Running']], { 'X-Project-Id': projectId }),
  sign('DDS job list', 'GET', 'dds.eu-de.otc.t-systems.com', `/v3.1/${projectId}/jobs`, [['offset', '0'], ['limit', '100'], ['start_time', '2026-11-30T12:00:00Z'], ['end_time', '2026-12-01T12:00:00Z']], { 'X-Project-Id': projectId }),
  sign('port in host', 'GET', '127.0.0.1:8443', '/v3/p/jobs', [['id', 'x']], {}),
];
for (let i = 0; i < 200; i++) {
  const count = 1 + Math.floor(rnd() * 5);
  const pairs = [];
  for (let j = 0; j < count; j++) {
    const key = rnd() < 0.3 && pairs.length > 0 ? pairs[Math.floor(rnd() * pairs.length)][0] : pick(1 + Math.floor(rnd() * 3));
    pairs.push([key, pick(Math.floor(rnd() * 4))]);
  }
  vectors.push(sign(`generated ${i}`, 'GET', host, `/v3/${projectId}/jobs`, pairs, rnd() < 0.5 ? { 'X-Project-Id': projectId } : {}));
}

process.stdout.write(JSON.stringify({ sdk: `@huaweicloud/huaweicloud-sdk-core ${sdkVersion}`, secretKey: credential.getSk(), sdkDate: date, vectors }, null, 2) + '\n');
