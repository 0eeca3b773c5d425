// The reframing engine's suggestions as a person meets them: beside the text, never in the way,
// one click to use other words, "keep my words" remembered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWidget, heading, waitForDraftContaining, QUESTIONS } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a suggestion appears while typing, without taking focus, and one click uses it', async () => {
  const { context, page, errors } = await openWidget(browser, '/?step=question-1');
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  await answer.click();
  await answer.pressSequentially('My care package starts at nine and I walk to the allotment.');
  const panel = page.getByRole('complementary', { name: 'Words to think about' });
  await panel.getByRole('button', { name: '‘care package’', exact: true }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'answer', 'typing keeps focus in the box');
  await panel.getByText('A "package" is something delivered', { exact: false }).waitFor();

  // Screen readers hear a short summary once typing pauses.
  await page.locator('[aria-live="polite"]').filter({ hasText: '1 suggestion about words.' }).waitFor();

  await panel.getByRole('button', { name: 'Use ‘the support I get’ instead of ‘care package’' }).click();
  assert.equal(await answer.inputValue(), 'My the support I get starts at nine and I walk to the allotment.');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'answer', 'focus back in the box');
  assert.equal(await panel.count(), 0, 'no suggestions left, so no panel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"keep my words" is remembered, also after a reload, and the check page lists what remains', async () => {
  const { context, page } = await openWidget(browser, '/?step=question-1');
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  await answer.fill('Service users like me go to the choir. Funding for the elderly keeps falling.');
  const panel = page.getByRole('complementary', { name: 'Words to think about' });
  await panel.getByRole('button', { name: 'Keep my words ‘Service users’' }).click();
  await panel.getByRole('button', { name: '‘the elderly’', exact: true }).waitFor();
  assert.equal(await panel.getByRole('button', { name: '‘Service users’', exact: true }).count(), 0);
  await waitForDraftContaining(page, 'service users');

  await page.reload();
  await page.getByRole('button', { name: '‘the elderly’', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: '‘Service users’', exact: true }).count(), 0, 'kept after a reload');

  // "Show me" selects the words in the box, so the person sees exactly which ones.
  await page.getByRole('button', { name: '‘the elderly’', exact: true }).click();
  const selected = await page.evaluate(() => {
    const box = document.activeElement;
    return box.value.slice(box.selectionStart, box.selectionEnd);
  });
  assert.equal(selected, 'the elderly');

  await page.goto('/?step=check');
  await heading(page, 'Check your story').waitFor();
  const remaining = page.getByRole('complementary', { name: 'Words to think about' });
  await remaining.getByRole('button', { name: '‘the elderly’', exact: true }).waitFor();
  assert.equal(await remaining.getByRole('button', { name: /^Keep my words/ }).count(), 1, 'one suggestion left');
  await context.close();
});

test('stays smooth while typing a long story', async () => {
  const { context, page } = await openWidget(browser, '/?step=check');
  const body = page.getByRole('textbox', { name: 'Your story', exact: true });
  const long = 'On a good day my support worker helps me get to the allotment and the choir. '.repeat(70);
  await body.fill(long);
  await body.press('End');
  // Every keystroke re-analyses ~1,000 words: typing must not fall behind (no fixed time is asserted
  // here; `cargo xtask bench reframe` measures the speed).
  await body.pressSequentially(' The care package ended.', { delay: 0 });
  assert.ok((await body.inputValue()).endsWith('The care package ended.'), 'every keystroke landed');
  await page.getByRole('button', { name: '‘care package’', exact: true }).waitFor();
  await context.close();
});
