// Sending a story to the campaign, against the real collector: consent first, then sent (and
// withdrawn), waiting while the collector is away, and the collector's refusals in plain words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, heading, assertNoViolations, writeAndAskToSend, consentAndSend, waitForDraftContaining } from './support.mjs';
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

async function open(base, path = '/') {
  const context = await browser.newContext({ baseURL: base });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(path);
  return { context, page, errors };
}

test('nothing is sent without the choices; sent with them, stored with its consents, then withdrawn', async () => {
  const { context, page, errors } = await open(collector.url);
  await writeAndAskToSend(page, { answer: 'Tea in my own kitchen, then the choir.', title: 'Thursdays' });

  // Before choosing, they are told what happens if the story tells of someone at risk, and whom to call.
  await page.getByRole('heading', { name: 'If you tell us someone is at risk', level: 2 }).waitFor();
  await page.getByText('a person on the campaign team reads it first').waitFor();
  const helpline = page.getByRole('link', { name: '116 123' });
  assert.equal(await helpline.getAttribute('href'), 'tel:116123');
  assert.match(await helpline.locator('xpath=..').textContent(), /^To talk to someone now, call Samaritans on 116 123\.$/);
  await page.getByText('If someone is in danger now, call 999.').waitFor();

  await page.getByRole('button', { name: 'Send my story' }).click();
  const summary = page.getByRole('alert');
  await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
  assert.deepEqual(await summary.getByRole('link').allTextContents(), [
    'Tick ‘Share my story with the campaign team’ to send it, or go back and share it yourself',
    'Choose how your name should be shown',
  ]);
  assert.equal(collector.stories().length, 0, 'nothing sent before the person chooses');
  assert.ok(await page.getByRole('checkbox', { name: /^Publish my story/ }).isChecked() === false, 'nothing ticked for them');

  // Contact needs an email: the error names the field, and what they typed stays.
  await page.getByRole('checkbox', { name: 'Share my story with the campaign team' }).check();
  await page.getByRole('checkbox', { name: 'Contact me about my story' }).check();
  await page.getByRole('textbox', { name: 'Email address' }).fill('sam at example.org');
  await page.getByRole('radio', { name: 'My first name only' }).check();
  await page.getByRole('textbox', { name: 'Your name' }).fill('Sam Jones');
  await page.getByRole('button', { name: 'Send my story' }).click();
  await page.getByRole('link', { name: 'Enter an email address in the correct format, like name@example.com' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Email address' }).inputValue(), 'sam at example.org');
  await page.getByRole('textbox', { name: 'Email address' }).fill('sam@example.org');
  await page.getByRole('checkbox', { name: /^Publish my story/ }).check();
  await page.getByRole('button', { name: 'Send my story' }).click();

  await heading(page, 'Your story has been sent').waitFor();
  await assertNoViolations(page, 'the sent page');
  const stored = collector.stories();
  assert.equal(stored.length, 1);
  const [row] = stored;
  const reference = (await page.locator('.reference').textContent()).trim();
  assert.equal(row.id, reference, 'the reference shown is the stored story');
  assert.equal(row.title, 'Thursdays');
  assert.match(row.body, /Tea in my own kitchen, then the choir\./);
  assert.deepEqual([row.share_with_campaign, row.publish, row.contact], [1, 1, 1]);
  assert.deepEqual([row.name_display, row.name, row.email], ['first', 'Sam', 'sam@example.org']);
  const settings = await (await fetch(`${collector.url}/api/v1/campaigns/socialcarefuture`)).json();
  assert.match(settings.prompts_version, /^q-[0-9a-f]{12}$/);
  assert.equal(row.prompts_version, settings.prompts_version, 'the story says which questions it answers');

  // What became of it: asked on the sent page, and on the page whose link they keep.
  await page.getByRole('button', { name: 'Check now' }).click();
  await page.getByRole('status').getByText('Your story is waiting to be read by the campaign team.').waitFor();
  collector.sql(`UPDATE stories SET status = 'approved' WHERE id = '${row.id}'`);
  await page.getByRole('button', { name: 'Check now' }).click();
  await page.getByRole('status').getByText("Your story has been published on the campaign's story wall.").waitFor();
  const link = await page.getByRole('link', { name: "Your story's status page" }).getAttribute('href');
  assert.match(link, new RegExp(`^${collector.url}/my-story\\?id=${row.id}&token=[0-9a-f]{64}&lang=en$`));
  const kept = await context.newPage();
  await kept.goto(link);
  await heading(kept, 'What has happened to your story').waitFor();
  await kept.getByText("Your story has been published on the campaign's story wall. Thank you for sharing it.").waitFor();
  await assertNoViolations(kept, 'the status page a person keeps');

  await page.getByRole('button', { name: 'Withdraw my story' }).click();
  await heading(page, 'Your story has been withdrawn').waitFor();
  await assertNoViolations(page, 'the withdrawn page');
  assert.equal(collector.stories().length, 0, 'withdrawn means deleted');
  await kept.reload();
  await kept.getByText('You withdrew your story, and it has been deleted.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a campaign that asks for a proof of work: the widget solves it unseen and the story is stored', async () => {
  const guarded = await startCollector();
  try {
    const { context, page, errors } = await open(guarded.url);
    const proofs = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/stories')) {
        proofs.push(request.headers()['proof-of-work']);
      }
    });
    await writeAndAskToSend(page, { answer: 'My own front door key.', title: 'Keys', campaign: 'guarded-campaign' });
    await consentAndSend(page);
    await heading(page, 'Your story has been sent').waitFor({ timeout: 20_000 });
    assert.equal(proofs.length, 1, 'sent once');
    assert.match(proofs[0] ?? '', /^[A-Za-z0-9_-]+:\d+$/, 'with the solved challenge');
    const stored = guarded.stories();
    assert.equal(stored.length, 1);
    assert.deepEqual([stored[0].campaign, stored[0].title], ['guarded-campaign', 'Keys']);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await guarded.close();
  }
});

test('with the collector away the story waits on the device, and is sent when it is back, exactly once', async () => {
  const { context, page } = await open(collector.url);
  await writeAndAskToSend(page, { answer: 'My allotment and my brother.', title: 'Runner beans' });
  await collector.stop();
  try {
    await consentAndSend(page);
    await heading(page, 'Your story is waiting to be sent').waitFor();
    await assertNoViolations(page, 'the waiting page');
    // It can still be copied while it waits.
    await page.getByRole('button', { name: 'Copy your story' }).click();
    await page.getByText('Your story has been copied.').waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /^Runner beans\n\nMy allotment and my brother\./);
  } finally {
    await collector.start();
  }
  // Tried again by itself after a growing pause (2 s, then 4 s...).
  await heading(page, 'Your story has been sent').waitFor({ timeout: 20_000 });
  assert.equal(collector.stories().filter((s) => s.title === 'Runner beans').length, 1, 'exactly once');
  await context.close();
});

test('a reply lost on the way: the story is stored once, and words changed later go only when sent again', async () => {
  const { context, page } = await open(collector.url);
  await writeAndAskToSend(page, { answer: 'Swimming on Tuesdays with my neighbour.', title: 'Pool' });
  // The collector stores the story, but its reply never arrives.
  await page.route('**/api/v1/stories', async (route) => {
    await route.fetch();
    await route.abort('failed');
  }, { times: 1 });
  await consentAndSend(page);
  await heading(page, 'Your story is waiting to be sent').waitFor();
  assert.equal(collector.stories().filter((s) => s.title === 'Pool').length, 1, 'stored, though the widget does not know');

  // While it waits, the person changes the title. The next attempt still sends what they sent.
  await page.goto('/?step=check');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('Pool and sauna');
  await waitForDraftContaining(page, 'Pool and sauna');
  await page.goto('/?step=sent');
  await heading(page, 'Your story has been sent').waitFor({ timeout: 20_000 });
  const first = await page.locator('.reference').textContent();
  assert.deepEqual(collector.stories().filter((s) => s.title.startsWith('Pool')).map((s) => [s.id, s.title]), [[first, 'Pool']], 'the first answer, once');

  // Sending the changed story stores it as a story of its own: nothing they wrote is dropped.
  await page.goto('/?step=send');
  await page.getByRole('button', { name: 'Send my story' }).click();
  await heading(page, 'Your story has been sent').waitFor();
  const second = await page.locator('.reference').textContent();
  assert.notEqual(second, first);
  assert.deepEqual(collector.stories().filter((s) => s.title.startsWith('Pool')).map((s) => [s.id, s.title]), [[first, 'Pool'], [second, 'Pool and sauna']]);
  await context.close();
});

test('a story still waiting when the page is closed is sent on the next visit, exactly once', async () => {
  const { context, page } = await open(collector.url);
  await writeAndAskToSend(page, { answer: 'The library on Saturdays.', title: 'Books' });
  await collector.stop();
  try {
    await consentAndSend(page);
    await heading(page, 'Your story is waiting to be sent').waitFor();
    await page.close();
  } finally {
    await collector.start();
  }
  const again = await context.newPage();
  await again.goto('/');
  await again.getByRole('button', { name: 'Continue your story' }).waitFor();
  await again.goto('/?step=sent');
  await heading(again, 'Your story has been sent').waitFor({ timeout: 20_000 });
  assert.equal(collector.stories().filter((s) => s.title === 'Books').length, 1, 'exactly once');
  await context.close();
});

test('offline: the story is sent when the browser is back online', async () => {
  const { context, page } = await open(collector.url);
  await writeAndAskToSend(page, { answer: 'The bus to the coast.', title: 'Seaside' });
  await context.setOffline(true);
  await consentAndSend(page);
  await heading(page, 'Your story is waiting to be sent').waitFor();
  await context.setOffline(false);
  await heading(page, 'Your story has been sent').waitFor();
  assert.equal(collector.stories().filter((s) => s.title === 'Seaside').length, 1);
  await context.close();
});

test('a refusal is shown in the collector\'s own words, and the story is kept', async () => {
  const { context, page } = await open(collector.url);
  await writeAndAskToSend(page, { answer: 'Written in a hurry.', title: 'Quick', campaign: 'patient-campaign' });
  await consentAndSend(page);
  const alert = page.getByRole('alert');
  await alert.getByRole('heading', { name: 'Your story was not sent' }).waitFor();
  await assertNoViolations(page, 'the not-sent page');
  const reason = await alert.textContent();
  assert.doesNotMatch(reason, /\b422\b|problem\+json|\{/, 'plain words, not codes');
  assert.ok(reason.length > 'Your story was not sent'.length + 10, `a reason is given: ${reason}`);
  await page.getByRole('button', { name: 'Change your story' }).click();
  assert.equal(await page.getByRole('textbox', { name: 'Give your story a title' }).inputValue(), 'Quick');
  await context.close();
});

test('too many stories from one place: "try again in N seconds"', async () => {
  const strict = await startCollector({ extraArgs: ['--rate-limit', '1', '--rate-burst', '1'] });
  try {
    const first = await open(strict.url);
    await writeAndAskToSend(first.page, { answer: 'First story.', title: 'One' });
    await consentAndSend(first.page);
    await heading(first.page, 'Your story has been sent').waitFor();

    const second = await open(strict.url);
    await writeAndAskToSend(second.page, { answer: 'Second story.', title: 'Two' });
    await consentAndSend(second.page);
    const alert = second.page.getByRole('alert');
    await alert.getByRole('heading', { name: 'Your story was not sent' }).waitFor();
    assert.match(await alert.textContent(), /Too many stories are being sent from here just now\. Try again in \d+ seconds?\./);
    assert.equal(strict.stories().length, 1);
    await first.context.close();
    await second.context.close();
  } finally {
    await strict.close();
  }
});
