// Shared set-up for the browser tests: Debian's Chromium, headless, one fresh context per test.
import { chromium } from 'playwright-core';

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
export async function openWidget(browser, path = '/') {
  const context = await browser.newContext({ baseURL: BASE_URL });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
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
