// axe-core on every page of the flow, in its ordinary and its error states: zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWidget, heading, assertNoViolations, QUESTIONS } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

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
    if (i === 1) {
      await page.getByRole('textbox', { name: question }).fill('My care package means the elderly lady next door and I both suffer from loneliness.');
      await page.getByRole('complementary', { name: 'Words to think about' }).waitFor();
      await assertNoViolations(page, 'a question with suggestions');
    }
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
  await page.getByRole('link', { name: 'Send your story to the campaign' }).click();
  await heading(page, 'Before you send your story').waitFor();
  await assertNoViolations(page, 'the consent page');
  await page.getByRole('checkbox', { name: 'Contact me about my story' }).check();
  await page.getByRole('radio', { name: 'My full name' }).check();
  await page.getByRole('button', { name: 'Send my story' }).click();
  await page.getByRole('alert').waitFor();
  await assertNoViolations(page, 'the consent page with errors and its questions revealed');

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
