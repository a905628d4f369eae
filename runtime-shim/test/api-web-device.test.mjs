// The web device wx APIs in jsdom: battery (async, sync, changes), keyboard height, key events, weak network,
// contacts (picker, .vcf), calendar (.ics) and SMS links, with their failure paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveObjectURL } from 'node:buffer';
import { JSDOM } from 'jsdom';
import { webApis } from '../src/api/web/index.js';
import { battery } from '../src/api/web/sync.js';

function page() {
  return new JSDOM('<!doctype html><html><head></head><body><input id="f"></body></html>', {
    url: 'https://app.test/',
    pretendToBeVisual: true,
  }).window;
}
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A battery manager stand-in whose level and charging state a test changes. */
function fakeBattery(win, level, charging) {
  const m = new win.EventTarget();
  Object.assign(m, { level, charging });
  Object.defineProperty(win.navigator, 'getBattery', { value: async () => m, configurable: true });
  return m;
}

/** The files the page offers for download (anchor clicks with `download`), read back from their blob: URLs. */
function downloads(win) {
  const files = [];
  win.document.addEventListener(
    'click',
    (e) => {
      const a = e.target;
      if (a.tagName !== 'A') return;
      e.preventDefault();
      files.push(a.download ? { name: a.download, blob: resolveObjectURL(a.href) } : { href: a.getAttribute('href') });
    },
    true,
  );
  return files;
}

test(
  'getBatteryInfo reads navigator.getBattery as level 0–100 and isCharging; getBatteryInfoSync '
    + 'then answers the last reading; changes reach onBatteryInfoChange',
  async () => {
    battery.info = null;
    battery.manager = null;
    const win = page();
    const m = fakeBattery(win, 0.42, true);
    const wx = webApis({ win });
    assert.deepEqual(await wx.getBatteryInfo(), { errMsg: 'getBatteryInfo:ok', level: 42, isCharging: true });
    assert.deepEqual(wx.getBatteryInfoSync(), { level: 42, isCharging: true });
    const heard = [];
    const cb = (r) => heard.push(r);
    wx.onBatteryInfoChange(cb);
    await tick();
    m.level = 0.4;
    m.dispatchEvent(new win.Event('levelchange'));
    m.charging = false;
    m.dispatchEvent(new win.Event('chargingchange'));
    wx.offBatteryInfoChange(cb);
    await tick();
    m.dispatchEvent(new win.Event('levelchange'));
    assert.deepEqual(heard, [
      { level: 40, isCharging: true },
      { level: 40, isCharging: false },
    ]);
    assert.deepEqual(wx.getBatteryInfoSync(), { level: 40, isCharging: false });
  },
);

test('without navigator.getBattery (iOS, Firefox) getBatteryInfo fails and getBatteryInfoSync throws', async () => {
  battery.info = null;
  battery.manager = null;
  const wx = webApis({ win: page() });
  await assert.rejects(wx.getBatteryInfo(), { errMsg: 'getBatteryInfo:fail not supported in this browser' });
  assert.throws(() => wx.getBatteryInfoSync(), { message: 'getBatteryInfoSync:fail not supported in this browser' });
});

test(
  "onKeyDown/onKeyUp hear document keys in WeChat's shape, not keys typed into a text field; off " + 'stops them',
  async () => {
    const win = page();
    const wx = webApis({ win });
    const seen = [];
    const down = (r) => seen.push(['down', r.key, r.code, r.shiftKey, r.altKey, typeof r.timeStamp]);
    wx.onKeyDown(down);
    wx.onKeyUp((r) => seen.push(['up', r.key]));
    await tick();
    win.document.body.dispatchEvent(
      new win.KeyboardEvent('keydown', { key: 'A', code: 'KeyA', shiftKey: true, bubbles: true }),
    );
    win.document
      .getElementById('f')
      .dispatchEvent(new win.KeyboardEvent('keydown', { key: 'b', code: 'KeyB', bubbles: true }));
    win.document.body.dispatchEvent(new win.KeyboardEvent('keyup', { key: 'A', code: 'KeyA', bubbles: true }));
    wx.offKeyDown(down);
    await tick();
    win.document.body.dispatchEvent(new win.KeyboardEvent('keydown', { key: 'C', code: 'KeyC', bubbles: true }));
    assert.deepEqual(seen, [
      ['down', 'A', 'KeyA', true, false, 'number'],
      ['up', 'A'],
    ]);
  },
);

test('onKeyboardHeightChange reports innerHeight minus the visual viewport height when it changes', async () => {
  const win = page();
  const vv = new win.EventTarget();
  vv.height = win.innerHeight;
  Object.defineProperty(win, 'visualViewport', { value: vv, configurable: true });
  const wx = webApis({ win });
  const heights = [];
  wx.onKeyboardHeightChange((r) => heights.push(r.height));
  await tick();
  vv.height = win.innerHeight - 300;
  vv.dispatchEvent(new win.Event('resize'));
  vv.dispatchEvent(new win.Event('resize'));
  vv.height = win.innerHeight;
  vv.dispatchEvent(new win.Event('resize'));
  assert.deepEqual(heights, [300, 0]);
});

test('onNetworkWeakChange fires when navigator.connection turns weak (2g) and back', async () => {
  const win = page();
  const conn = new win.EventTarget();
  conn.effectiveType = '4g';
  Object.defineProperty(win.navigator, 'connection', { value: conn, configurable: true });
  const wx = webApis({ win });
  const seen = [];
  wx.onNetworkWeakChange((r) => seen.push(r));
  await tick();
  conn.effectiveType = 'slow-2g';
  conn.dispatchEvent(new win.Event('change'));
  conn.dispatchEvent(new win.Event('change'));
  conn.effectiveType = '4g';
  conn.dispatchEvent(new win.Event('change'));
  assert.deepEqual(seen, [
    { weakNet: true, networkType: '2g' },
    { weakNet: false, networkType: '4g' },
  ]);
});

test(
  'chooseContact uses the Contact Picker API; a cancelled picker fails with cancel; without the '
    + 'API it fails clearly',
  async () => {
    const win = page();
    let answer = [{ name: ['Ann Lee'], tel: ['+1 555 0100', '+1 555 0101'] }];
    Object.defineProperty(win.navigator, 'contacts', { value: { select: async () => answer }, configurable: true });
    const wx = webApis({ win });
    assert.deepEqual(await wx.chooseContact(), {
      errMsg: 'chooseContact:ok',
      phoneNumber: '+1 555 0100',
      displayName: 'Ann Lee',
      phoneNumberList: ['+1 555 0100', '+1 555 0101'],
    });
    answer = [];
    await assert.rejects(wx.chooseContact(), { errMsg: 'chooseContact:fail cancel' });
    const res = await new Promise((resolve) => webApis({ win: page() }).chooseContact({ fail: resolve }));
    assert.equal(res.errMsg, 'chooseContact:fail not supported in this browser (the Contact Picker API is missing)');
  },
);

test('addPhoneContact offers a vCard download with the fields given; firstName is required', async () => {
  const win = page();
  const files = downloads(win);
  const wx = webApis({ win });
  const res = await wx.addPhoneContact({
    firstName: 'Ann',
    lastName: 'Lee',
    mobilePhoneNumber: '+15550100',
    organization: 'Shop; Co',
    email: 'ann@example.test',
    addressCity: 'Oslo',
  });
  assert.equal(res.errMsg, 'addPhoneContact:ok');
  assert.equal(files.length, 1);
  assert.equal(files[0].name, 'Ann.vcf');
  assert.equal(files[0].blob.type, 'text/vcard');
  const card = await files[0].blob.text();
  for (const line of [
    'BEGIN:VCARD',
    'N:Lee;Ann;;;',
    'FN:Lee Ann',
    'TEL;TYPE=CELL:+15550100',
    'ORG:Shop\\; Co',
    'EMAIL:ann@example.test',
    'ADR;TYPE=OTHER:;;;Oslo;;;',
    'END:VCARD',
  ])
    assert.ok(card.split('\r\n').includes(line), line);
  await assert.rejects(wx.addPhoneContact({ lastName: 'Lee' }), {
    errMsg: 'addPhoneContact:fail parameter error: parameter.firstName should be String instead of Undefined;',
  });
});

test(
  'addPhoneCalendar offers an .ics event with an alarm; addPhoneRepeatCalendar adds the repeat '
    + 'rule; title and startTime are required',
  async () => {
    const win = page();
    const files = downloads(win);
    const wx = webApis({ win });
    const start = Date.UTC(2030, 0, 2, 9, 30) / 1000;
    await wx.addPhoneCalendar({
      title: 'Pick up order',
      startTime: start,
      endTime: start + 1800,
      location: 'Shop',
      alarmOffset: 600,
    });
    await wx.addPhoneRepeatCalendar({
      title: 'Weekly sale',
      startTime: start,
      allDay: true,
      repeatInterval: 'week',
      alarm: false,
    });
    const [one, two] = await Promise.all(files.map((f) => f.blob.text()));
    assert.equal(files[0].name, 'event.ics');
    for (const line of [
      'BEGIN:VEVENT',
      'DTSTART:20300102T093000Z',
      'DTEND:20300102T100000Z',
      'SUMMARY:Pick up order',
      'LOCATION:Shop',
      'TRIGGER:-PT600S',
    ])
      assert.ok(one.split('\r\n').includes(line), line);
    for (const line of ['DTSTART;VALUE=DATE:20300102', 'RRULE:FREQ=WEEKLY', 'SUMMARY:Weekly sale'])
      assert.ok(two.split('\r\n').includes(line), line);
    assert.ok(!two.includes('VALARM'));
    await assert.rejects(wx.addPhoneCalendar({ startTime: start }), (r) =>
      r.errMsg.startsWith('addPhoneCalendar:fail parameter error: parameter.title'),
    );
    await assert.rejects(wx.addPhoneCalendar({ title: 'x' }), (r) =>
      r.errMsg.startsWith('addPhoneCalendar:fail parameter error: parameter.startTime'),
    );
    await assert.rejects(wx.addPhoneRepeatCalendar({ title: 'x', startTime: start, repeatInterval: 'hour' }), {
      errMsg: 'addPhoneRepeatCalendar:fail invalid repeatInterval "hour"',
    });
  },
);

test('sendSms opens an sms: link with the number and body', async () => {
  const win = page();
  const files = downloads(win);
  const wx = webApis({ win });
  assert.equal((await wx.sendSms({ phoneNumber: '+15550100', content: 'Hi there' })).errMsg, 'sendSms:ok');
  assert.deepEqual(files, [{ href: 'sms:+15550100?body=Hi%20there' }]);
});
