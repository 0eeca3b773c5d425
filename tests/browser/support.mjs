// Shared set-up for the browser tests: Debian's Chromium, headless, one fresh context per test.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const BASE_URL = process.env.STORY_BUILDER_URL ?? 'http://127.0.0.1:8080';

// What the person reads, in the order they meet it (core/locales/en.toml).
export const QUESTIONS = [
  'What does a good day look like for you?',
  'Tell us about the place you call home and the people and things you love.',
  'Where do you feel you belong, and what do you give as well as get?',
  'What helps you to live the life you want?',
  'What gets in the way, and what would make it better?',
  'Who could make that change happen, and what would you ask them to do?',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/// A fresh browser context (its own storage) with a page open at the widget.
/// `initScript` runs before the page's own scripts (to stub a browser API, say); `baseURL` is a
/// test's own collector, where it started one.
export async function openWidget(browser, path = '/', { initScript, baseURL = BASE_URL } = {}) {
  const context = await browser.newContext({ baseURL, acceptDownloads: true });
  if (initScript) await context.addInitScript(initScript);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(new Error(message.text()));
  });
  await page.goto(path);
  return { context, page, errors };
}

export function heading(page, name) {
  return page.getByRole('heading', { level: 1, name });
}

/// Waits until the draft kept on the device contains `text`: autosave is debounced.
export async function waitForDraftContaining(page, text) {
  await page.waitForFunction(
    (expected) => (localStorage.getItem('story-builder:draft:socialcarefuture') ?? '').includes(expected),
    JSON.stringify(text).slice(1, -1),
  );
}

/// Walks to the finish page with one answer and a title. `campaign` picks the campaign in the URL.
export async function finishStory(page, { answer, title, campaign }) {
  const query = campaign ? `&campaign=${campaign}` : '';
  await page.goto(`/?step=question-1${query}`);
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill(answer);
  await page.goto(`/?step=check${query}`);
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill(title);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your story is ready' }).waitFor();
}

/// Writes a story and walks to the consent page.
export async function writeAndAskToSend(page, { answer, title, campaign }) {
  await finishStory(page, { answer, title, campaign });
  await page.getByRole('link', { name: 'Send your story to the campaign' }).click();
  await heading(page, 'Before you send your story').waitFor();
}

/// Makes the consent choices (sharing always; the others as asked) and sends the story.
export async function consentAndSend(page, { publish = false, contact = null, name = null } = {}) {
  await page.getByRole('checkbox', { name: 'Share my story with the campaign team' }).check();
  if (publish) await page.getByRole('checkbox', { name: /^Publish my story/ }).check();
  if (contact) {
    await page.getByRole('checkbox', { name: 'Contact me about my story' }).check();
    await page.getByRole('textbox', { name: 'Email address' }).fill(contact);
  }
  if (name) {
    await page.getByRole('radio', { name: 'My first name only' }).check();
    await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  } else {
    await page.getByRole('radio', { name: 'No name (anonymous)' }).check();
  }
  await page.getByRole('button', { name: 'Send my story' }).click();
}

/// Signs in to the moderation console at /admin with the form, as a moderator would.
export async function signInToConsole(page, username, password) {
  await page.goto('/admin');
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/// Reads a PNG's width and height from its header.
export function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/// axe-core's WCAG 2.2 AA rules (and its best practices) find nothing on the page as it is now.
export async function assertNoViolations(page, where) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(found, [], `axe found problems on ${where}`);
}
