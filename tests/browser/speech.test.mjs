// Read aloud and dictation, against the browser's speech APIs stubbed in the page (so the tests do
// not depend on whether this Chromium can speak or listen), and with the APIs removed: no buttons.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openWidget, heading, assertNoViolations, QUESTIONS, waitForDraftContaining } from './support.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Fake speechSynthesis, SpeechSynthesisUtterance and webkitSpeechRecognition (only the prefixed
/// one, as in Chrome and Safari) that record every call in `window.__speech`.
function stubSpeech() {
  const calls = [];
  window.__speech = calls;
  let speaking = null;
  class FakeUtterance {
    constructor(text) {
      this.text = text;
      this.lang = '';
      this.voice = null;
    }
  }
  const synthesis = {
    getVoices: () => [{ name: 'Fake US', lang: 'en-US' }, { name: 'Fake British', lang: 'en-GB' }, { name: 'Fake Welsh', lang: 'cy-GB' }],
    speak(utterance) {
      speaking = utterance;
      calls.push({ call: 'speak', text: utterance.text, lang: utterance.lang, voice: utterance.voice?.name ?? null });
    },
    pause() { calls.push({ call: 'pause' }); },
    resume() { calls.push({ call: 'resume' }); },
    // As browsers do, a cancelled utterance ends a moment later.
    cancel() {
      calls.push({ call: 'cancel' });
      const cancelled = speaking;
      speaking = null;
      if (cancelled) setTimeout(() => cancelled.onend?.({ type: 'end' }), 0);
    },
  };
  window.__finishSpeaking = () => {
    const done = speaking;
    speaking = null;
    done?.onend?.({ type: 'end' });
  };
  class FakeRecognition {
    constructor() {
      this.lang = '';
      this.interimResults = true;
      window.__recognition = this;
    }
    start() { calls.push({ call: 'listen', lang: this.lang, interim: this.interimResults, continuous: this.continuous }); }
    stop() {
      calls.push({ call: 'stop-listening' });
      setTimeout(() => this.onend?.({ type: 'end' }), 0);
    }
    abort() { calls.push({ call: 'abort' }); }
    hear(transcript, isFinal = true) {
      const result = Object.assign([{ transcript, confidence: 0.9 }], { isFinal });
      this.onresult?.({ resultIndex: 0, results: [result] });
    }
    fail(error) {
      this.onerror?.({ error });
      this.onend?.({ type: 'end' });
    }
  }
  const define = (name, value) => Object.defineProperty(window, name, { value, configurable: true, writable: true });
  define('speechSynthesis', synthesis);
  define('SpeechSynthesisUtterance', FakeUtterance);
  define('webkitSpeechRecognition', FakeRecognition);
  define('SpeechRecognition', undefined);
}

/// A browser without any speech API.
function removeSpeech() {
  for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance', 'SpeechRecognition', 'webkitSpeechRecognition']) {
    for (let target = window; target; target = Object.getPrototypeOf(target)) {
      if (Object.prototype.hasOwnProperty.call(target, name)) delete target[name];
    }
  }
}

const calls = (page) => page.evaluate(() => window.__speech);
const lastCall = async (page, name) => (await calls(page)).filter((c) => c.call === name).at(-1);

test('read aloud speaks the question and its hint in British English, pauses, resumes, stops, and stops with the step', async () => {
  const { context, page, errors } = await openWidget(browser, '/?step=question-1', { initScript: stubSpeech });
  await heading(page, QUESTIONS[0]).waitFor();
  await page.getByRole('button', { name: 'Read aloud' }).click();
  const spoken = await lastCall(page, 'speak');
  assert.equal(spoken.lang, 'en-GB');
  assert.equal(spoken.voice, 'Fake British', 'the British voice, not the first English one');
  assert.ok(spoken.text.startsWith(QUESTIONS[0]), spoken.text);
  assert.match(spoken.text, /Think about where you are/);

  await page.getByRole('button', { name: 'Pause' }).click();
  assert.ok(await lastCall(page, 'pause'));
  await page.getByRole('button', { name: 'Resume' }).click();
  assert.ok(await lastCall(page, 'resume'));
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.getByRole('button', { name: 'Stop reading' }).click();
  const readAloud = page.getByRole('button', { name: 'Read aloud' });
  await readAloud.waitFor();
  assert.ok(await readAloud.evaluate((el) => el === document.activeElement), 'focus stays on the control');
  assert.equal(await page.getByRole('button', { name: 'Stop reading' }).count(), 0);
  assert.equal((await calls(page)).at(-1).call, 'cancel');

  // Finishing on its own puts the button back.
  await readAloud.click();
  await page.getByRole('button', { name: 'Stop reading' }).waitFor();
  await page.evaluate(() => window.__finishSpeaking());
  await readAloud.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Stop reading' }).count(), 0);

  // Moving to another step stops speaking.
  await readAloud.click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  const before = (await calls(page)).length;
  await page.getByRole('button', { name: 'Skip this question' }).click();
  await heading(page, QUESTIONS[1]).waitFor();
  assert.ok((await calls(page)).slice(before).some((c) => c.call === 'cancel'), 'speech stopped with the step');
  await page.getByRole('button', { name: 'Read aloud' }).waitFor();
  await assertNoViolations(page, 'a question with read aloud and dictation');
  assert.deepEqual(errors, []);
  await context.close();
});

test('read aloud in Welsh uses a Welsh voice, and in easy read it reads the easy-read words', async () => {
  const { context, page, errors } = await openWidget(browser, '/?lang=cy&step=question-1', { initScript: stubSpeech });
  await heading(page, 'Sut beth yw diwrnod da i chi?').waitFor();
  await page.getByRole('button', { name: 'Darllen yn uchel' }).click();
  let spoken = await lastCall(page, 'speak');
  assert.equal(spoken.lang, 'cy');
  assert.equal(spoken.voice, 'Fake Welsh');
  assert.match(spoken.text, /^Sut beth yw diwrnod da i chi\?\nMeddyliwch am ble rydych chi/);
  await page.getByRole('button', { name: 'Oedi' }).waitFor();
  await page.getByRole('button', { name: 'Stopio darllen' }).click();

  await page.getByRole('button', { name: 'Newid i Hawdd ei Ddeall' }).click();
  await page.getByRole('img', { name: 'Yr haul yn tywynnu' }).waitFor();
  await page.getByRole('button', { name: 'Darllen yn uchel' }).click();
  spoken = await lastCall(page, 'speak');
  assert.equal(spoken.text, "Sut beth yw diwrnod da i chi?\nBle rydych chi?\nPwy sydd gyda chi?\nBeth rydych chi'n ei wneud?\nMae pethau bach yn cyfrif.");
  await assertNoViolations(page, 'a Welsh easy-read question while reading aloud');
  assert.deepEqual(errors, []);
  await context.close();
});

test('their own story is read aloud on the check page', async () => {
  const { context, page, errors } = await openWidget(browser, '/?step=question-1', { initScript: stubSpeech });
  await page.getByRole('textbox', { name: QUESTIONS[0] }).fill('Tea in my own kitchen.');
  await waitForDraftContaining(page, 'Tea in my own kitchen.');
  await page.goto('/?step=check');
  await page.getByRole('textbox', { name: 'Give your story a title' }).fill('Tea');
  await page.getByRole('button', { name: 'Read your story aloud' }).click();
  const spoken = await lastCall(page, 'speak');
  assert.equal(spoken.text, 'Tea\nTea in my own kitchen.');
  assert.equal(spoken.lang, 'en-GB');
  await page.getByRole('button', { name: 'Stop reading' }).click();
  await page.getByRole('button', { name: 'Read your story aloud' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('dictation adds what was said to the answer, after telling where the voice may go', async () => {
  const { context, page, errors } = await openWidget(browser, '/?step=question-1', { initScript: stubSpeech });
  const answer = page.getByRole('textbox', { name: QUESTIONS[0] });
  const dictate = page.getByRole('button', { name: 'Dictate your answer' });
  await dictate.waitFor();
  // The notice is there before they start, and is the button's description.
  const notice = 'If you dictate, your browser may send your voice to its provider (such as Google or Apple) to turn it into words.';
  await page.getByText(notice).waitFor();
  assert.equal(await dictate.evaluate((el) => el.ariaDescribedByElements?.[0]?.textContent
    ?? document.getElementById(el.getAttribute('aria-describedby')).textContent), notice);

  await answer.fill('Tea first.');
  await dictate.click();
  const listening = await lastCall(page, 'listen');
  assert.deepEqual(listening, { call: 'listen', lang: 'en-GB', interim: false, continuous: true });
  await page.getByRole('status').getByText('Listening. Speak now.').waitFor();
  await page.evaluate(() => window.__recognition.hear('not sure yet', false));
  await page.evaluate(() => window.__recognition.hear(' then the allotment '));
  assert.equal(await answer.inputValue(), 'Tea first. then the allotment');
  await page.evaluate(() => window.__recognition.hear('with my brother'));
  assert.equal(await answer.inputValue(), 'Tea first. then the allotment with my brother');
  await page.getByRole('button', { name: 'Stop dictating' }).click();
  assert.ok(await lastCall(page, 'stop-listening'));
  await dictate.waitFor();
  assert.equal(await page.getByText('Listening. Speak now.').count(), 0);
  await waitForDraftContaining(page, 'Tea first. then the allotment with my brother');

  // Problems in plain words; the answer is never lost.
  const problems = {
    'not-allowed': 'Your browser did not let us use the microphone. Your answer is still here, and you can type instead.',
    'no-speech': 'We did not hear anything. Try again, or type your answer.',
    network: 'Dictation needs an internet connection. Your answer is still here, and you can type instead.',
  };
  for (const [code, message] of Object.entries(problems)) {
    await dictate.click();
    await page.getByRole('button', { name: 'Stop dictating' }).waitFor();
    await page.evaluate((error) => window.__recognition.fail(error), code);
    await page.getByRole('status').getByText(message).waitFor();
    await dictate.waitFor();
    assert.equal(await answer.inputValue(), 'Tea first. then the allotment with my brother', code);
  }
  await assertNoViolations(page, 'a question after a dictation problem');

  // Leaving the page stops listening.
  await dictate.click();
  await page.getByRole('button', { name: 'Stop dictating' }).waitFor();
  const before = (await calls(page)).length;
  await page.getByRole('button', { name: 'Skip this question' }).click();
  await heading(page, QUESTIONS[1]).waitFor();
  assert.ok((await calls(page)).slice(before).some((c) => c.call === 'abort'), 'listening stopped with the step');
  await page.evaluate(() => window.__recognition.hear('too late'));
  assert.equal(await page.getByRole('textbox', { name: QUESTIONS[1] }).inputValue(), '', 'nothing heard after leaving');
  assert.deepEqual(errors, []);
  await context.close();
});

test('dictation listens in Welsh on the Welsh pages', async () => {
  const { context, page } = await openWidget(browser, '/?lang=cy&step=question-1', { initScript: stubSpeech });
  await page.getByText('Os byddwch chi\'n arddweud').waitFor();
  await page.getByRole('button', { name: 'Arddweud eich ateb' }).click();
  assert.equal((await lastCall(page, 'listen')).lang, 'cy');
  await page.evaluate(() => window.__recognition.hear('paned yn gyntaf'));
  assert.equal(await page.getByRole('textbox', { name: 'Sut beth yw diwrnod da i chi?' }).inputValue(), 'paned yn gyntaf');
  await context.close();
});

test('without the speech APIs there is no Read aloud or Dictate button at all', async () => {
  const { context, page, errors } = await openWidget(browser, '/?step=question-1', { initScript: removeSpeech });
  await heading(page, QUESTIONS[0]).waitFor();
  assert.deepEqual(
    await page.evaluate(() => [typeof window.speechSynthesis, typeof window.SpeechSynthesisUtterance, typeof window.SpeechRecognition, typeof window.webkitSpeechRecognition]),
    ['undefined', 'undefined', 'undefined', 'undefined'],
    'the APIs really are gone',
  );
  const speechButtons = page.getByRole('button', { name: /read aloud|pause|resume|stop reading|dictat/i });
  await page.getByRole('button', { name: 'Continue' }).waitFor();
  assert.equal(await speechButtons.count(), 0);
  assert.equal(await page.getByText('If you dictate').count(), 0, 'no notice about a dictation that cannot happen');
  // Nor in easy read, nor on the check page.
  await page.getByRole('button', { name: 'Switch to easy read' }).click();
  await page.getByRole('img', { name: 'The sun shining' }).waitFor();
  assert.equal(await speechButtons.count(), 0);
  await page.getByRole('textbox', { name: 'What is a good day for you?' }).fill('Tea.');
  await page.goto('/?step=check');
  await heading(page, 'Check your story').waitFor();
  await page.getByRole('button', { name: 'Continue' }).waitFor();
  assert.equal(await speechButtons.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with only the unprefixed SpeechRecognition, dictation is offered too', async () => {
  const unprefixed = () => {
    window.__speech = [];
    class Recognition {
      start() { window.__speech.push({ call: 'listen', lang: this.lang }); }
      abort() {}
    }
    Object.defineProperty(window, 'SpeechRecognition', { value: Recognition, configurable: true, writable: true });
    Object.defineProperty(window, 'webkitSpeechRecognition', { value: undefined, configurable: true, writable: true });
  };
  const { context, page } = await openWidget(browser, '/?step=question-1', { initScript: unprefixed });
  await page.getByRole('button', { name: 'Dictate your answer' }).click();
  assert.deepEqual(await page.evaluate(() => window.__speech), [{ call: 'listen', lang: 'en-GB' }]);
  await context.close();
});
