// Behind nginx, configured exactly as the README says (its server block, read from README.md), with
// HTTPS from a certificate made for the test: the widget loads through the proxy and a story sent
// from it is stored. nginx asks the collector for `Host: 127.0.0.1:PORT`, so this holds only because
// the collector is told its `--public-url`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, heading, writeAndAskToSend, consentAndSend } from './support.mjs';
import { startCollector } from './collector.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

/// The README's nginx server block, as written.
function readmeServerBlock() {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = readme.split('<!-- nginx: tests/browser/proxy.test.mjs runs this block -->')[1]
    ?.match(/```nginx\n([\s\S]*?)```/)?.[1];
  assert.ok(block, 'README.md has the nginx block after its marker');
  return block;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// Whether `url` answers 200, trusting the test's own certificate.
function answers(url) {
  return new Promise((resolve) => {
    https.get(url, { rejectUnauthorized: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    }).on('error', () => resolve(false));
  });
}

let browser;
let collector;
let nginx;
let dir;
let publicUrl;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'story-builder-nginx-'));
  const port = await freePort();
  publicUrl = `https://127.0.0.1:${port}`;
  collector = await startCollector({ extraArgs: ['--public-url', publicUrl, '--trust-forwarded-for'] });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  // Only what must differ on a test machine: the port, the collector's address and the certificate.
  const upstream = new URL(collector.url).host;
  const site = readmeServerBlock()
    .replace('listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`)
    .replace('http://127.0.0.1:8080;', `http://${upstream};`)
    .replace('/etc/letsencrypt/live/stories.example.org/fullchain.pem', join(dir, 'cert.pem'))
    .replace('/etc/letsencrypt/live/stories.example.org/privkey.pem', join(dir, 'key.pem'));
  assert.ok(site.includes(upstream) && site.includes(String(port)), site);
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  writeFileSync(join(dir, 'nginx.conf'), `daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')};
events {}
http {
    access_log off;
    client_body_temp_path ${join(dir, 'body')};
    proxy_temp_path ${join(dir, 'proxy')};
    fastcgi_temp_path ${join(dir, 'fastcgi')};
    uwsgi_temp_path ${join(dir, 'uwsgi')};
    scgi_temp_path ${join(dir, 'scgi')};
    types { text/html html; application/javascript js; text/css css; application/wasm wasm; }
${site}
}
`);
  nginx = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (nginx.exitCode !== null) throw new Error(`nginx stopped (${nginx.exitCode}): ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    if (await answers(`${publicUrl}/healthz`)) break;
    if (Date.now() > deadline) throw new Error('nginx did not answer');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((resolve) => nginx.once('exit', resolve));
    nginx.kill('SIGTERM');
    await exited;
  }
  await collector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('through nginx as the README configures it, a story sent from the widget is stored', async () => {
  const context = await browser.newContext({ baseURL: publicUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto('/');
  await writeAndAskToSend(page, { answer: 'Tea with my neighbour, then the allotment.', title: 'Saturdays' });
  await consentAndSend(page);
  await heading(page, 'Your story has been sent').waitFor();
  const stored = collector.stories();
  assert.equal(stored.length, 1, 'stored, not refused as another site');
  assert.equal(stored[0].title, 'Saturdays');
  assert.deepEqual(errors, []);
  await context.close();
});

test('through nginx, answers insist on HTTPS and metrics stay private', async () => {
  const context = await browser.newContext({ baseURL: publicUrl, ignoreHTTPSErrors: true });
  const page = await context.request.get('/');
  assert.equal(page.headers()['strict-transport-security'], 'max-age=31536000');
  const metrics = await context.request.get('/metrics');
  assert.equal(metrics.status(), 403, 'the public, through the proxy, cannot read the metrics');
  assert.match(await metrics.text(), /COLLECTOR_METRICS_TOKEN/);
  const direct = await fetch(`${collector.url}/metrics`);
  assert.equal(direct.status, 200, 'this machine, asking the collector directly, can');
  assert.match(await direct.text(), /stories_received_total/);
  await context.close();
});
