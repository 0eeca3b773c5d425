// The campaigner's side of a story sent from the widget: found in the moderation console with the
// reframing engine's findings marked, approved, and then on the public story wall.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, assertNoViolations, writeAndAskToSend, consentAndSend } from './support.mjs';
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

test('a sent story is found in the console, marked, approved and published on the wall', async () => {
  const writer = await browser.newContext({ baseURL: collector.url });
  const page = await writer.newPage();
  await writeAndAskToSend(page, { answer: 'My care package means I get to the choir on Thursdays.', title: 'Thursdays <b>sing</b>' });
  await consentAndSend(page, { publish: true, name: 'Ffion Jones' });
  await heading(page, 'Your story has been sent').waitFor();
  await writer.close();

  const moderator = await browser.newContext({ baseURL: collector.url });
  const console_ = await moderator.newPage();
  await console_.goto('/admin');
  await console_.getByRole('textbox', { name: 'Username' }).fill('sam');
  await console_.getByRole('textbox', { name: 'Password' }).fill('correct horse battery staple');
  await console_.getByRole('button', { name: 'Sign in' }).click();
  await assertNoViolations(console_, 'the moderation queue');
  // The title is shown as the person typed it: escaped, never markup.
  await console_.getByRole('link', { name: 'Thursdays <b>sing</b>' }).click();
  await assertNoViolations(console_, 'a story in the console');
  const marked = await console_.locator('mark').allTextContents();
  assert.ok(marked.some((m) => /care package/i.test(m)), `the engine's finding is marked: ${marked}`);
  // The name they gave would be shown by first name; the moderator publishes it without one.
  const name = console_.getByRole('textbox', { name: 'Name shown' });
  assert.equal(await name.inputValue(), 'Ffion', 'first name only, as the person chose');
  await name.fill('A choir member');
  await console_.getByRole('button', { name: 'Save the published version' }).click();
  await console_.getByText('The published version was changed. The original is kept.').waitFor();
  await console_.getByRole('button', { name: 'Approve' }).click();
  await moderator.close();

  const wall = await (await fetch(`${collector.url}/api/v1/campaigns/socialcarefuture/stories`)).json();
  const shown = JSON.stringify(wall);
  assert.match(shown, /Thursdays <b>sing<\/b>/, 'on the wall, as data');
  assert.match(shown, /"name":"A choir member"/);
  assert.doesNotMatch(shown, /Ffion|Jones/, 'the name is as the moderator published it');
});
