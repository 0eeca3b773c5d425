// The check page and starting again: edits in place are never silently lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWidget, heading, QUESTIONS, waitForDraftContaining } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function answerFirstAndGoToCheck(page, text) {
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill(text);
  await page.getByRole('button', { name: 'Continue' }).click();
  for (let i = 1; i < QUESTIONS.length; i++) {
    await heading(page, QUESTIONS[i]).waitFor();
    await page.getByRole('button', { name: 'Skip this question' }).click();
  }
  await heading(page, 'Check your story').waitFor();
}

test('an answer changed after editing the story is pointed out, and the edit is kept until the person chooses', async () => {
  const { context, page } = await openWidget(browser);
  await answerFirstAndGoToCheck(page, 'Tea first.');
  const story = page.getByRole('textbox', { name: 'Your story', exact: true });
  await story.fill('Tea first, always.');

  // "Change" links name the answer they change, for screen-reader users.
  await page.getByRole('link', { name: 'Change Home and the people I love' }).click();
  await heading(page, QUESTIONS[1]).waitFor();
  await page.getByRole('textbox', { name: QUESTIONS[1] }).fill('My flat.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.goto('/?step=check');

  await page.getByText('You changed your answers after editing your story here.').waitFor();
  assert.equal(await story.inputValue(), 'Tea first, always.', 'the hand edit is not replaced behind the person’s back');
  await page.getByRole('button', { name: 'Use my new answers instead' }).click();
  assert.equal(await story.inputValue(), 'Tea first.\n\nMy flat.');
  await context.close();
});

test('a story that is too long, or has no title, cannot be finished and says why', async () => {
  const { context, page } = await openWidget(browser);
  await answerFirstAndGoToCheck(page, 'Tea first.');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('x'.repeat(101));
  await page.getByRole('textbox', { name: 'Your story', exact: true }).fill('word '.repeat(1502));
  await page.getByText('You have 2 words too many').waitFor();
  await page.getByRole('button', { name: 'Continue' }).click();
  const summary = page.getByRole('alert');
  await summary.getByRole('link', { name: 'The title must be 100 characters or fewer' }).waitFor();
  await summary.getByRole('link', { name: 'Your story must be 1500 words or fewer. Remove 2 words.' }).waitFor();
  await heading(page, 'Check your story').waitFor();

  // Typing the finish page's address does not skip the checks.
  await page.goto('/?step=finish');
  await heading(page, 'Check your story').waitFor();
  await page.getByRole('alert').getByRole('link', { name: 'The title must be 100 characters or fewer' }).waitFor();
  await context.close();
});

test('starting again asks first, and "No" keeps the story', async () => {
  const { context, page } = await openWidget(browser);
  await page.getByRole('button', { name: 'Start your story' }).click();
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('Tea first.');
  await waitForDraftContaining(page, 'Tea first.');
  await page.getByRole('link', { name: 'Back' }).click();

  await page.getByRole('button', { name: 'Start again' }).click();
  await page.getByText('Starting again deletes the story saved on this device. Are you sure?').waitFor();
  await page.getByRole('button', { name: 'No, keep my story' }).click();
  await page.getByRole('button', { name: 'Start again' }).click();
  await page.getByRole('button', { name: 'Yes, delete it and start again' }).click();
  await heading(page, QUESTIONS[0]).waitFor();
  assert.equal(await page.getByRole('textbox', { name: QUESTIONS[0] }).inputValue(), '');
  await page.waitForFunction(() => localStorage.getItem('story-builder:draft:socialcarefuture') === null);
  await context.close();
});
