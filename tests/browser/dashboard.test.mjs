// The campaign dashboard as a campaigner meets it: a story written in the widget (a suggestion
// taken on the way) shows up in the figures; every chart is a labelled picture with a table of its
// figures; a bad date is explained and kept; no JavaScript, and nothing axe can find.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, assertNoViolations, signInToConsole, consentAndSend, QUESTIONS } from './support.mjs';
import { startCollector } from './collector.mjs';

let browser;
let collector;
before(async () => {
  browser = await launch();
  collector = await startCollector();
  collector.addModerator('sam', 'correct horse battery staple');
});
after(async () => {
  await browser?.close();
  await collector?.close();
});

test('a story sent from the widget is counted on the dashboard, which is accessible without scripts', async () => {
  const writer = await browser.newContext({ baseURL: collector.url });
  const page = await writer.newPage();
  await page.goto('/?step=question-1');
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  await answer.fill('My care package means I get to the choir on Thursdays.');
  await page.getByRole('complementary', { name: 'Words to think about' })
    .getByRole('button', { name: 'Use ‘the support I get’ instead of ‘care package’' }).click();
  await page.goto('/?step=check');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('Thursdays');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Send your story to the campaign' }).click();
  await heading(page, 'Before you send your story').waitFor();
  await consentAndSend(page);
  await heading(page, 'Your story has been sent').waitFor();
  await writer.close();

  // The console's Content-Security-Policy allows no script at all, so this is the page without JavaScript.
  const campaigner = await browser.newContext({ baseURL: collector.url });
  const console_ = await campaigner.newPage();
  await signInToConsole(console_, 'sam', 'correct horse battery staple');
  await console_.getByRole('link', { name: '#socialcarefuture: dashboard' }).click();
  await heading(console_, '#socialcarefuture: the campaign at a glance').waitFor();
  await console_.getByText('1 story', { exact: true }).waitFor();

  for (const chart of ['Stories received each day', 'How far people get', 'Stories answering each question',
    'Suggested words changed or kept', 'Stories in each language']) {
    await console_.getByRole('img', { name: `${chart}. The figures are in the table below.` }).waitFor();
    await console_.getByRole('table', { name: chart }).waitFor();
  }
  const cells = async (table, row) => (await console_.getByRole('table', { name: table })
    .getByRole('row', { name: row }).getByRole('cell').allTextContents());
  assert.deepEqual(await cells('How far people get', /^Sent their story/), ['1', '100%']);
  assert.deepEqual(await cells('Suggested words changed or kept', /care package/), ['1', '0']);
  assert.deepEqual(await cells('Stories answering each question', /^A good day/), ['1', '100%']);
  await assertNoViolations(console_, 'the campaign dashboard');

  // A date that does not exist (a date field will not take one, but an address can): said at the
  // top, linked to the field, and the figures of the last 30 days are still shown.
  await console_.goto('/admin/campaigns/socialcarefuture?from=2026-02-30');
  await console_.getByText('1 story', { exact: true }).waitFor();
  const summary = console_.getByRole('alert');
  await summary.getByRole('link', { name: 'From must be a real date, like 2026-11-26' }).click();
  assert.equal(await console_.evaluate(() => document.activeElement?.id), 'from', 'the link leads to the field');
  await assertNoViolations(console_, 'the dashboard with a bad date');
  await campaigner.close();
});
