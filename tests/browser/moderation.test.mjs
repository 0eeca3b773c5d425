// The campaigner's side of a story sent from the widget: found in the moderation console with the
// reframing engine's findings marked, approved, and then on the public story wall.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, heading, assertNoViolations, signInToConsole, writeAndAskToSend, consentAndSend } from './support.mjs';
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
  await signInToConsole(console_, 'sam', 'correct horse battery staple');
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
  await console_.getByText('Story approved.').waitFor();

  // Tagged with one of the campaign's themes, with the keyboard.
  const themes = console_.getByRole('group', { name: 'What is this story about?' });
  await themes.getByRole('checkbox', { name: 'Home' }).focus();
  await console_.keyboard.press('Space');
  await console_.getByRole('button', { name: 'Save themes' }).click();
  await console_.getByText('Themes saved.').waitFor();
  assert.ok(await themes.getByRole('checkbox', { name: 'Home' }).isChecked());
  assert.ok(!(await themes.getByRole('checkbox', { name: 'Community' }).isChecked()));
  await assertNoViolations(console_, 'a story with its themes saved');

  // The queue's download form: every approved story, anonymised, as JSON Lines.
  await console_.getByRole('link', { name: 'Back to the queue' }).click();
  await console_.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Approved' });
  await console_.getByRole('button', { name: 'Apply filters' }).click();
  const download = console_.getByRole('group', { name: 'Download these stories' });
  await download.getByRole('radio', { name: 'JSON Lines (for other software)' }).check();
  await download.getByRole('checkbox', { name: 'Anonymised: leave out names, email addresses and areas' }).check();
  const [file] = await Promise.all([console_.waitForEvent('download'), download.getByRole('button', { name: 'Download' }).click()]);
  assert.match(file.suggestedFilename(), /^anonymised-stories-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = (await readFile(await file.path(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 1);
  assert.deepEqual(lines[0].themes, ['Home']);
  assert.ok(lines[0].reframing_findings >= 1, 'the care package is counted');
  assert.doesNotMatch(JSON.stringify(lines), /Ffion|choir member/, 'no name in an anonymised export');
  await moderator.close();

  const home = await (await fetch(`${collector.url}/api/v1/campaigns/socialcarefuture/stories?theme=home`)).json();
  assert.deepEqual(home.stories.map((s) => s.title), ['Thursdays <b>sing</b>'], 'on the wall under its theme');

  const wall = await (await fetch(`${collector.url}/api/v1/campaigns/socialcarefuture/stories`)).json();
  const shown = JSON.stringify(wall);
  assert.match(shown, /Thursdays <b>sing<\/b>/, 'on the wall, as data');
  assert.match(shown, /"name":"A choir member"/);
  assert.doesNotMatch(shown, /Ffion|Jones/, 'the name is as the moderator published it');
});
