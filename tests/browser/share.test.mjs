// Sharing the finished story: links, the Web Share API where it exists, and the story card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWidget, finishStory, pngSize } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('share links carry the campaign hashtag and link, and open safely', async () => {
  const { context, page } = await openWidget(browser);
  await finishStory(page, { answer: 'Tea first. Then the allotment.', title: 'Sundays & tea' });
  const x = page.getByRole('link', { name: 'Share on X (opens in new tab)' });
  const href = new URL(await x.getAttribute('href'));
  assert.equal(href.origin, 'https://x.com');
  assert.equal(href.searchParams.get('text'), '“Sundays & tea” #socialcarefuture');
  assert.equal(href.searchParams.get('url'), 'https://socialcarefuture.org.uk');
  assert.equal(await x.getAttribute('rel'), 'noopener noreferrer');
  for (const service of ['Facebook', 'WhatsApp', 'Bluesky', 'LinkedIn']) {
    await page.getByRole('link', { name: `Share on ${service} (opens in new tab)` }).waitFor();
  }
  const email = new URL(await page.getByRole('link', { name: 'Send it by email' }).getAttribute('href'));
  assert.equal(email.protocol, 'mailto:');
  assert.match(decodeURIComponent(email.search), /Tea first\. Then the allotment\./);
  await context.close();
});

test('without the Web Share API there is no Share button; with it, the story is shared', async () => {
  const without = await openWidget(browser);
  await finishStory(without.page, { answer: 'Tea first.', title: 'Tea' });
  assert.equal(await without.page.getByRole('button', { name: 'Share your story' }).count(), 0, 'never a dead button');
  await without.context.close();

  const stub = () => {
    window.__shared = [];
    navigator.share = async (data) => { window.__shared.push({ title: data.title, text: data.text, url: data.url, files: (data.files ?? []).map((f) => [f.name, f.type]) }); };
    navigator.canShare = (data) => Array.isArray(data.files);
  };
  const { context, page } = await openWidget(browser, '/', { initScript: stub });
  await finishStory(page, { answer: 'Tea first.', title: 'Tea' });
  await page.getByRole('button', { name: 'Share your story' }).click();
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.equal(shared.title, 'Tea');
  assert.equal(shared.text, 'Tea\n\nTea first.\n\n“Tea” #socialcarefuture');
  assert.equal(shared.url, 'https://socialcarefuture.org.uk');

  await page.getByRole('button', { name: 'Share the picture' }).click();
  await page.waitForFunction(() => window.__shared.length === 2);
  const card = (await page.evaluate(() => window.__shared))[1];
  assert.deepEqual(card.files, [['my-story.png', 'image/png']]);
  await context.close();
});

test('the story card is a PNG of the right size, with the title drawn and alt text', async () => {
  const { context, page } = await openWidget(browser);
  await finishStory(page, { answer: 'Tea in my own kitchen 🫖, then the allotment with my brother.', title: 'Sundays' });
  const preview = page.getByRole('img', { name: /^Your story picture\. Title: Sundays\. Words: Tea in my own kitchen 🫖/ });
  await preview.waitFor();
  assert.deepEqual(await preview.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1080, 1080]);

  // The title band holds white text pixels only when there is a title: read the card's pixels.
  const titlePixels = () => preview.evaluate((img) => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(81, 129, 900, 80);
    let white = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240) white++;
    return white;
  });
  assert.ok((await titlePixels()) > 500, 'the title is drawn');

  await page.getByRole('radio', { name: 'Wide, for X, LinkedIn and Bluesky' }).check();
  await page.waitForFunction(() => document.querySelector('.card-preview img')?.naturalWidth === 1200);
  const wide = page.getByRole('img', { name: /^Your story picture/ });
  assert.deepEqual(await wide.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1200, 630]);

  // Picked words with a very long word and emoji wrap inside the card.
  const excerpt = page.getByRole('textbox', { name: 'Words for your picture' });
  await excerpt.fill(`${'Antidisestablishmentarianism'.repeat(6)} 👩🏽‍🦽 ${'word '.repeat(200)}`);
  await page.waitForFunction(() => document.querySelector('.card-preview img')?.alt.includes('👩🏽‍🦽'));
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the picture' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'my-story.png');
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  assert.deepEqual(pngSize(Buffer.concat(chunks)), { width: 1200, height: 630 });

  // The picked words are the person's: kept in the draft across a reload.
  await page.reload();
  assert.match(await page.getByRole('textbox', { name: 'Words for your picture' }).inputValue(), /^Antidisestablishmentarianism/);
  await context.close();
});
