// axe-core on every page of the flow, in its ordinary and its error states: zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, openWidget, heading, QUESTIONS } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

async function assertNoViolations(page, where) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  assert.deepEqual(found, [], `axe found problems on ${where}`);
}

test('every page, with and without errors, has no axe violations', async () => {
  const { context, page } = await openWidget(browser);
  await heading(page, 'Tell your story').waitFor();
  await assertNoViolations(page, 'the welcome page');

  await page.getByRole('button', { name: 'Start your story' }).click();
  for (const [i, question] of QUESTIONS.entries()) {
    await heading(page, question).waitFor();
    await page.getByText('See an example answer').click();
    await assertNoViolations(page, `question ${i + 1}`);
    await page.getByRole('textbox', { name: question }).fill(i === 0 ? 'word '.repeat(501) : `Answer ${i + 1}.`);
    await page.getByRole('button', { name: 'Continue' }).click();
    if (i === 0) {
      await page.getByRole('alert').waitFor();
      await assertNoViolations(page, 'a question with an error');
      await page.getByRole('textbox', { name: question }).fill('A good day.');
      await page.getByRole('button', { name: 'Continue' }).click();
    }
  }
  await heading(page, 'Check your story').waitFor();
  await assertNoViolations(page, 'the check page');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').waitFor();
  await assertNoViolations(page, 'the check page with an error');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('A good day');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Your story is ready').waitFor();
  await assertNoViolations(page, 'the finish page');

  await page.goto('/');
  await page.getByRole('button', { name: 'Start again' }).click();
  await assertNoViolations(page, 'the welcome page asking to start again');
  await context.close();
});

test('every page reflows at 320 CSS pixels (400% zoom) without scrolling sideways, with long words too', async () => {
  const context = await browser.newContext({ baseURL: process.env.STORY_BUILDER_URL, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const noSidewaysScroll = async (where) => {
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${where} scrolls sideways at 320px: ${scroll} > ${client}`);
  };
  await page.goto('/');
  await heading(page, 'Tell your story').waitFor();
  await noSidewaysScroll('the welcome page');
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill(`Supercalifragilistic${'x'.repeat(200)} 👨‍👩‍👧‍👦`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await noSidewaysScroll('a question');
  await page.goto('/?step=check');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill(`A${'b'.repeat(90)}`);
  await noSidewaysScroll('the check page');
  await page.getByRole('button', { name: 'Continue' }).click();
  await heading(page, 'Your story is ready').waitFor();
  await noSidewaysScroll('the finish page, showing a very long word');
  await context.close();
});
