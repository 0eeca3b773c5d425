// Embedding on a partner's site: a host page on another origin (127.0.0.2) loads embed.js from a
// collector of the tests' own (127.0.0.1), which allows that origin to frame the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { launch, assertNoViolations, QUESTIONS } from './support.mjs';
import { startCollector, TEST_CAMPAIGNS } from './collector.mjs';

let browser;
let collector;
let host;
let hostOrigin;

const EVENTS = ['ready', 'step', 'shared', 'submitted', 'error'];

/// The partner's pages: the snippet, once or twice, with or without a strict policy.
function hostPage(widgets) {
  const divs = widgets
    .map(([id, campaign, view]) => `<div id="${id}" data-story-builder data-campaign="${campaign}" data-view="${view}"></div>`)
    .join('\n<p>Some of the partner\'s own words between the widgets.</p>\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner's page</title></head>
<body><main><h1>A partner's page</h1>${divs}</main>
<script src="${collector.url}/embed.js" async></script></body></html>`;
}

function startHost() {
  const pages = {
    '/builder': { body: () => hostPage([['builder', 'socialcarefuture', 'builder']]) },
    '/both': { body: () => hostPage([['builder', 'socialcarefuture', 'builder'], ['wall', 'socialcarefuture', 'wall']]) },
    '/strict': {
      body: () => hostPage([['builder', 'socialcarefuture', 'builder'], ['wall', 'socialcarefuture', 'wall']]),
      headers: () => ({ 'Content-Security-Policy': `script-src ${collector.url}; frame-src ${collector.url}` }),
    },
    '/unknown': { body: () => hostPage([['builder', 'no-such-campaign', 'builder']]) },
    '/not-ours': { body: () => hostPage([['builder', 'patient-campaign', 'builder']]) },
  };
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url, 'http://x').pathname];
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (!page) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(page.headers?.() ?? {}) });
    response.end(page.body());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.2', () => resolve(server)));
}

before(async () => {
  browser = await launch();
  host = await startHost();
  hostOrigin = `http://127.0.0.2:${host.address().port}`;
  const campaigns = TEST_CAMPAIGNS.replace(
    'id = "socialcarefuture"\n',
    `id = "socialcarefuture"\nallowed_origins = ["${hostOrigin}"]\n`,
  );
  const themes = `
[[campaign]]
id = "themed"
name = "A campaign in its own colours"
[campaign.theme]
primary = "#5a2a82"
background = "#fffdf5"

[[campaign]]
id = "unreadable"
name = "Yellow buttons with white words"
[campaign.theme]
primary = "#ffdd00"
`;
  collector = await startCollector({ campaigns: campaigns + themes });
});
after(async () => {
  await browser?.close();
  await collector?.close();
  host?.close();
});

/// Opens a host page, recording every story-builder event its elements receive.
async function openHost(path) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript((events) => {
    if (window.top !== window) return;
    window.received = [];
    for (const name of events) {
      document.addEventListener(`story-builder:${name}`, (e) => window.received.push({ name, id: e.target.id, detail: e.detail }));
    }
  }, EVENTS);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(new Error(message.text()));
  });
  await page.goto(`${hostOrigin}${path}`);
  return { context, page, errors };
}

async function widgetFrame(page, id) {
  const iframe = page.locator(`#${id} iframe`);
  await iframe.waitFor();
  await page.waitForFunction((id) => document.querySelector(`#${id} iframe`).contentWindow, id);
  const handle = await iframe.elementHandle();
  let frame = await handle.contentFrame();
  while (!frame || !frame.url().startsWith(collector.url)) {
    await page.waitForTimeout(50);
    frame = await handle.contentFrame();
  }
  return { iframe, frame };
}

const received = (page, name) => page.evaluate((name) => window.received.filter((e) => e.name === name), name);

/// Waits until the iframe is exactly as tall as the widget's content, and returns that height.
async function heightSettles(page, iframe, frame) {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const shown = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    // The loader keeps the frame within its limits (320 to 6000 pixels by default).
    const expected = Math.min(6000, Math.max(320, content));
    if (Math.abs(expected - shown) <= 1 && shown === last) return shown;
    last = shown;
    await page.waitForTimeout(100);
  }
  assert.fail(`the iframe's height (${last}px) never followed its content`);
}

test('the builder: a titled iframe on the collector whose height follows each step, with events', async () => {
  const { context, page, errors } = await openHost('/builder');
  const { iframe, frame } = await widgetFrame(page, 'builder');
  assert.equal(await iframe.getAttribute('title'), 'Tell your story');
  assert.equal(await iframe.getAttribute('allow'), 'web-share; clipboard-write');
  assert.equal(await iframe.getAttribute('loading'), 'lazy');
  // The campaign travels in the query (the collector picks who may frame the page by it); the host
  // page's address and the other options stay in the hash, out of server logs.
  const src = new URL(await iframe.getAttribute('src'));
  assert.deepEqual([...src.searchParams.keys()], ['campaign']);
  assert.equal(new URLSearchParams(src.hash.slice(1)).get('host'), hostOrigin);

  await frame.getByRole('heading', { level: 1, name: 'Tell your story' }).waitFor();
  const welcome = await heightSettles(page, iframe, frame);
  await page.waitForFunction(() => window.received.some((e) => e.name === 'ready'));

  await frame.getByRole('button', { name: 'Start your story' }).click();
  await frame.getByRole('heading', { level: 1, name: QUESTIONS[0] }).waitFor();
  const question = await heightSettles(page, iframe, frame);
  assert.notEqual(question, welcome, 'a page of another length gives another height');
  await page.waitForFunction(() => window.received.some((e) => e.name === 'step' && e.detail.step === 'question-1'));

  // No growth loop: left alone, the height stays put.
  await page.waitForTimeout(600);
  assert.equal(await iframe.evaluate((el) => el.getBoundingClientRect().height), question);

  // Scrolled down past the frame's top, the next step brings its top back into view.
  await page.evaluate(() => {
    const spacer = Object.assign(document.createElement('div'), { style: 'height: 3000px' });
    document.body.append(spacer);
    const frame = document.querySelector('#builder iframe');
    window.scrollTo(0, window.scrollY + frame.getBoundingClientRect().top + 200);
  });
  assert.ok(await iframe.evaluate((el) => el.getBoundingClientRect().top) < -150);
  // A click from inside the page, so the test itself scrolls nothing.
  await frame.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent.includes('Skip')).click());
  await page.waitForFunction(() => window.received.some((e) => e.name === 'step' && e.detail.step === 'question-2'));
  await page.waitForFunction(() => Math.abs(document.querySelector('#builder iframe').getBoundingClientRect().top) <= 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the host hears `submitted` after a real submission, and nothing from other origins', async () => {
  const { context, page } = await openHost('/builder');
  const { frame } = await widgetFrame(page, 'builder');
  await frame.getByRole('button', { name: 'Start your story' }).click();
  await frame.getByRole('textbox', { name: QUESTIONS[0] }).fill('The allotment on Saturdays with my neighbour.');
  // Step by step (a third-party frame may not be allowed storage, so a reload could lose the draft).
  await frame.getByRole('button', { name: 'Continue' }).click();
  for (const question of QUESTIONS.slice(1)) {
    await frame.getByRole('heading', { level: 1, name: question }).waitFor();
    await frame.getByRole('button', { name: 'Skip this question' }).click();
  }
  await frame.getByRole('textbox', { name: 'Give your story a title' }).fill('Saturdays');
  await frame.getByRole('button', { name: 'Continue' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Your story is ready' }).waitFor();
  await frame.getByRole('link', { name: 'Send your story to the campaign' }).click();
  await frame.getByRole('checkbox', { name: 'Share my story with the campaign team' }).check();
  await frame.getByRole('radio', { name: 'No name (anonymous)' }).check();

  // Forged messages: from the host's own origin, and from the widget's origin in another format.
  await page.evaluate(() => {
    window.postMessage({ type: 'story-builder', version: 1, event: 'submitted', detail: {} }, '*');
  });
  await frame.evaluate(() => {
    parent.postMessage({ type: 'story-builder', version: 2, event: 'submitted', detail: {} }, '*');
    parent.postMessage({ type: 'something-else', version: 1, event: 'submitted' }, '*');
    parent.postMessage('submitted', '*');
  });
  await page.waitForTimeout(300);
  assert.deepEqual(await received(page, 'submitted'), [], 'forged messages are ignored');

  await frame.getByRole('button', { name: 'Send my story' }).click();
  await frame.getByRole('heading', { level: 1, name: 'Your story has been sent' }).waitFor();
  await page.waitForFunction(() => window.received.some((e) => e.name === 'submitted'));
  const submitted = await received(page, 'submitted');
  assert.equal(submitted.length, 1);
  assert.equal(submitted[0].id, 'builder', 'the event is dispatched on the element that holds the widget');
  assert.equal(collector.stories().length, 1);
  await context.close();
});

test('a host page with a strict policy (only the collector may run scripts and be framed) works', async () => {
  const { context, page, errors } = await openHost('/strict');
  const builder = await widgetFrame(page, 'builder');
  await builder.frame.getByRole('heading', { level: 1, name: 'Tell your story' }).waitFor();
  await page.locator('#wall').scrollIntoViewIfNeeded();
  const wall = await widgetFrame(page, 'wall');
  assert.equal(await wall.iframe.getAttribute('title'), 'Stories people have shared');
  await wall.frame.getByRole('heading', { level: 1, name: 'Stories people have shared' }).waitFor();
  await page.waitForFunction(() => window.received.filter((e) => e.name === 'ready').length === 2);
  assert.deepEqual(errors, [], 'no policy violations or errors on the host page');
  await context.close();
});

test('an unknown campaign id says so in the frame, and tells the host', async () => {
  const { context, page } = await openHost('/unknown');
  const { iframe, frame } = await widgetFrame(page, 'builder');
  await frame.getByRole('heading', { level: 1, name: 'This story builder is not set up' }).waitFor();
  await frame.getByText('The campaign “no-such-campaign” is not known here').waitFor();
  await heightSettles(page, iframe, frame);
  await page.waitForFunction(() => window.received.some((e) => e.name === 'error'));
  assert.deepEqual((await received(page, 'error'))[0].detail, { code: 'unknown-campaign' });
  await context.close();
});

test("a campaign that does not list the partner's site cannot be framed there", async () => {
  const { context, page, errors } = await openHost('/not-ours');
  await page.locator('#builder iframe').waitFor();
  // Chromium refuses the frame and says why on the host page's console.
  for (let i = 0; i < 100 && !errors.some((e) => /frame-ancestors/.test(e.message)); i++) await page.waitForTimeout(100);
  assert.ok(errors.some((e) => /frame-ancestors/.test(e.message)), `refused by frame-ancestors: ${errors.map((e) => e.message)}`);
  const frame = await (await page.locator('#builder iframe').elementHandle()).contentFrame();
  assert.ok(!frame.url().startsWith(collector.url), `no widget in the frame: ${frame.url()}`);
  assert.deepEqual(await received(page, 'ready'), [], 'and no widget to say it is ready');
  // The same site still frames the campaign that lists it.
  const own = await openHost('/builder');
  await widgetFrame(own.page, 'builder');
  await own.context.close();
  await context.close();
});

test("the collector's demo page shows the snippet, the builder and the wall, and logs their events", async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${collector.url}/demo`);
  assert.match(await page.locator('#snippet').textContent(), new RegExp(`src="${collector.url}/embed.js"`));
  const { frame } = await widgetFrame(page, 'builder');
  await frame.getByRole('heading', { level: 1, name: 'Tell your story' }).waitFor();
  await page.getByRole('listitem').filter({ hasText: 'builder: ready' }).waitFor();
  await page.locator('#wall').scrollIntoViewIfNeeded();
  const wall = await widgetFrame(page, 'wall');
  await wall.frame.getByRole('heading', { level: 1, name: 'Stories people have shared' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a campaign's colours become the widget's custom properties; unreadable ones are refused", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${collector.url}/?campaign=themed`);
  await page.getByRole('heading', { level: 1, name: 'Tell your story' }).waitFor();
  const property = (name) => page.evaluate((name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim(), name);
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--button').trim() === '#5a2a82');
  assert.equal(await property('--brand'), '#5a2a82');
  assert.equal(await property('--background'), '#fffdf5');
  await assertNoViolations(page, 'the welcome page in a campaign\'s colours');

  const refused = await (await fetch(`${collector.url}/api/v1/campaigns/unreadable`)).json();
  assert.equal(refused.theme.primary, null, 'the collector does not serve a theme people cannot read');
  await context.close();
});
