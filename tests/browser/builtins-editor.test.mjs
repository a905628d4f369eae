// <editor> in Chromium on fixtures/builtins-more (pages/editor): the EditorContext from SelectorQuery's
// `context` round-trips contents (html, text, delta), formats, inserts, undoes, clears and sanitises,
// and typing fires input with WeChat's detail.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { browserAvailable, openApp, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

async function openEditor(app) {
  const opened = await openApp(app.browser, app.url);
  await opened.page.evaluate(() => wx.reLaunch({ url: '/pages/editor/editor' }));
  await opened.page.waitForFunction(
    () => globalThis.__ctx && typeof globalThis.__ctx.getContents === 'function',
    null,
    {
      timeout: 5000,
    },
  );
  return opened;
}

describe('editor in Chromium', { skip }, () => {
  const app = servedApp('builtins-more');

  test('setContents(html) then getContents gives the sanitised html, the text and the delta', async () => {
    const { page, problems } = await openEditor(app);
    const got = await page.evaluate(async () => {
      const ctx = globalThis.__ctx;
      await ctx.setContents({
        html:
          '<h2>Title</h2><p>Hello <strong>bold</strong><script>bad()</script>'
          + '<img src="/images/dot.png" onerror="bad()"></p>',
      });
      return ctx.getContents();
    });
    assert.equal(got.errMsg, 'getContents:ok');
    const img = `${app.url}images/dot.png`;
    assert.equal(got.html, `<h2>Title</h2><p>Hello <strong>bold</strong><img src="${img}"></p>`);
    assert.equal(got.text, 'Title\nHello bold\n');
    assert.deepEqual(got.delta.ops, [
      { insert: 'Title' },
      { insert: '\n', attributes: { header: 2 } },
      { insert: 'Hello ' },
      { insert: 'bold', attributes: { bold: true } },
      { insert: { image: img } },
      { insert: '\n' },
    ]);
    // The delta goes back in and comes out the same.
    const again = await page.evaluate(async (delta) => {
      await globalThis.__ctx.setContents({ delta });
      return (await globalThis.__ctx.getContents()).delta;
    }, got.delta);
    assert.deepEqual(again, got.delta);
    assert.ok(
      problems.every((p) => !p.includes('bad')),
      problems.join(),
    );
    await page.close();
  });

  test('HTML dropped into the editor is sanitised as pasted HTML is, at the drop point', async () => {
    const { page, problems } = await openEditor(app);
    const got = await page.evaluate(async () => {
      const ctx = globalThis.__ctx;
      await ctx.setContents({ html: '<p>start</p>' });
      const box = document.querySelector('#e .ql-editor');
      const r = box.querySelector('p').getBoundingClientRect();
      const data = new DataTransfer();
      data.setData(
        'text/html',
        '<b>dropped</b><img src="x" onerror="globalThis.__dropRan = 1"><a href="javascript:bad()">link</a>'
          + '<iframe src="javascript:bad()"></iframe><script>bad()</script>',
      );
      data.setData('text/plain', 'dropped link');
      const drop = new DragEvent('drop', {
        dataTransfer: data,
        clientX: r.right - 1,
        clientY: r.top + r.height / 2,
        bubbles: true,
        cancelable: true,
      });
      const kept = box.dispatchEvent(drop);
      await new Promise((r) => setTimeout(r, 50));
      return { html: (await ctx.getContents()).html, prevented: !kept, ran: globalThis.__dropRan === 1 };
    });
    assert.equal(got.prevented, true, 'the browser’s own drop is replaced');
    assert.equal(got.ran, false);
    assert.match(got.html, /start<b[^>]*>dropped<\/b>/);
    assert.match(got.html, /link/);
    for (const bad of ['onerror', 'javascript:', '<iframe', '<script', 'href=']) {
      assert.ok(!got.html.includes(bad), `${bad} in ${got.html}`);
    }
    assert.ok(
      problems.every((p) => !p.includes('bad')),
      problems.join(),
    );
    await page.close();
  });

  test('typing fires input {html, text, delta}; format, insertText, undo, clear and the placeholder', async () => {
    const { page } = await openEditor(app);
    assert.equal(
      await page.evaluate(() => document.querySelector('#e .ql-editor').classList.contains('ql-blank')),
      true,
    );
    await page.click('#e .ql-editor');
    await page.keyboard.type('abc');
    const input = await page.evaluate(() => globalThis.__events.filter((e) => e.name === 'input').at(-1).detail);
    assert.equal(input.html, '<p>abc</p>');
    assert.equal(input.text, 'abc\n');
    assert.deepEqual(input.delta, { ops: [{ insert: 'abc' }, { insert: '\n' }] });
    await page.keyboard.down('Shift');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    const status = await page.evaluate(async () => {
      globalThis.__ctx.format('bold');
      globalThis.__ctx.format('header', 'H1');
      return globalThis.__events.filter((e) => e.name === 'status').at(-1).detail;
    });
    assert.deepEqual(status, { bold: true, header: 1 });
    const after = await page.evaluate(async () => {
      const ctx = globalThis.__ctx;
      const formatted = (await ctx.getContents()).html;
      ctx.undo();
      ctx.undo();
      const undone = (await ctx.getContents()).html;
      await ctx.clear();
      const cleared = await ctx.getContents();
      const blank = document.querySelector('#e .ql-editor').classList.contains('ql-blank');
      return { formatted, undone, cleared: cleared.text, blank };
    });
    assert.equal(after.formatted, '<h1><b>abc</b></h1>');
    assert.equal(after.undone, '<p>abc</p>');
    assert.deepEqual({ cleared: after.cleared, blank: after.blank }, { cleared: '\n', blank: true });
    const inserted = await page.evaluate(async () => {
      await globalThis.__ctx.insertText({ text: 'xy' });
      return (await globalThis.__ctx.getContents()).text;
    });
    assert.equal(inserted, 'xy\n');
    await page.close();
  });
});
