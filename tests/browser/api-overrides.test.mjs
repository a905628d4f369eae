// `miniport convert --api <file>`: the app's own module replaces wx.cloud.callFunction and adds wx.myThing
// before the app's scripts run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { browserAvailable, openApp, root, servedApp } from './harness.mjs';

const skip = !browserAvailable() && 'Chromium is not installed';

describe('API overrides in Chromium', { skip }, () => {
  const app = servedApp('api-overrides/app', ['--api', path.join(root, 'fixtures/api-overrides/my-api.js')]);

  test('an override of wx.cloud.callFunction answers the page and a new wx.myThing exists', async () => {
    const { page, problems } = await openApp(app.browser, app.url);
    await page.waitForFunction(() => document.querySelector('wx-view.answer')?.textContent === '5 mine');
    assert.equal(await page.evaluate(() => typeof wx.myThing), 'function');
    assert.equal(
      await page.evaluate(() => window.__miniportConfig.telegram.customerService),
      'override_help_bot',
      'the override was given the app config',
    );
    assert.deepEqual(problems, []);
  });

  test('without an override, wx.cloud.callFunction fails clearly', async () => {
    const { page } = await openApp(app.browser, app.url);
    const res = await page.evaluate(async () => {
      const { mediaApis } = await import(new URL('miniport/api/media/index.js', document.baseURI).href);
      return mediaApis({ win: window })
        .cloud.callFunction({ name: 'x' })
        .catch((r) => r);
    });
    assert.deepEqual(res, {
      errMsg:
        'cloud.callFunction:fail cloud is not available outside WeChat: set wx.cloud.callFunction in '
        + 'your API overrides',
    });
  });
});
