// The campaign's funnel: each step a page load reaches, and each suggestion taken or turned down, is
// counted once, with no cookie and nothing about the person, and not at all when the browser asks not to be tracked (Global Privacy Control).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, writeAndAskToSend, consentAndSend, QUESTIONS } from './support.mjs';
import { startCollector } from './collector.mjs';

let browser;
let collector;
before(async () => {
  browser = await launch();
  collector = await startCollector();
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

const counts = () => Object.fromEntries(
  collector.sql('SELECT step, count FROM funnel_counts ORDER BY step').trim().split('\n').filter(Boolean)
    .map((line) => line.split('|')).map(([step, count]) => [step, Number(count)]),
);

/// Writes and sends one story, as the browser tests do: the first question, then the check page
/// (each a page load of its own), then consent and send.
async function sendOne(context) {
  const page = await context.newPage();
  await writeAndAskToSend(page, { answer: 'Tea in my own kitchen, then the choir.', title: 'Thursdays' });
  await consentAndSend(page);
  await heading(page, 'Your story has been sent').waitFor();
  await page.close();
}

test('the steps reached are counted once each, with no cookie', async () => {
  const context = await browser.newContext({ baseURL: collector.url });
  await sendOne(context);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(counts(), { check: 1, 'question:good-day': 1, sent: 1, started: 1 });
  assert.deepEqual(await context.cookies(), [], 'no cookie');
  await context.close();
});

test('a suggestion taken and one turned down are counted once each, not the words', async () => {
  const context = await browser.newContext({ baseURL: collector.url });
  const page = await context.newPage();
  await page.goto('/?step=question-1');
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  await answer.fill('My care package starts at nine. Service users like me go to the choir.');
  const panel = page.getByRole('complementary', { name: 'Words to think about' });
  await panel.getByRole('button', { name: 'Use ‘the support I get’ instead of ‘care package’' }).click();
  await panel.getByRole('button', { name: 'Keep my words ‘Service users’' }).click();
  await answer.fill('My care package starts at nine again.');
  await panel.getByRole('button', { name: 'Use ‘the support I get’ instead of ‘care package’' }).click();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const now = counts();
  assert.equal(now['changed:care-package'], 1, 'once per page load');
  assert.equal(now['kept:service-user'], 1);
  await context.close();
});

test('a browser that asks not to be tracked is not counted', async () => {
  const context = await browser.newContext({ baseURL: collector.url });
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const before = counts();
  await sendOne(context);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(counts(), before);
  assert.equal(collector.stories().length, 2, 'the story itself is sent all the same');
  await context.close();
});
