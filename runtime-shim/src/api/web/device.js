// miniport runtime: wx's device APIs on the web, loaded on first use — battery, keyboard height and keys, weak network,
// contacts (picker and .vcf), calendar (.ics), SMS.
import { api, failure, paramError } from '../../core/callback.js';
import { battery } from './sync.js';

/** Reads the battery (navigator.getBattery) once and keeps `battery.info` current; resolves to the manager, or null. */
function batteryManager(win) {
  const nav = win && win.navigator;
  if (!nav || typeof nav.getBattery !== 'function') return Promise.resolve(null);
  if (!battery.manager) {
    battery.manager = nav.getBattery().then(
      (m) => {
        const read = () => {
          battery.info = { level: Math.round(m.level * 100), isCharging: Boolean(m.charging) };
        };
        read();
        m.addEventListener('levelchange', read);
        m.addEventListener('chargingchange', read);
        return m;
      },
      () => null,
    );
  }
  return battery.manager;
}

/** A listener list: `on(cb)`, `off(cb?)` (no cb: all), `emit(res)`, `size`; `start()` runs at the first `on`. */
function listeners(start) {
  const set = new Set();
  let started = false;
  return {
    set,
    on(cb) {
      if (typeof cb !== 'function') return;
      set.add(cb);
      if (!started) {
        started = true;
        start();
      }
    },
    off(cb) {
      if (cb === undefined) set.clear();
      else set.delete(cb);
    },
    emit(res) {
      for (const cb of [...set]) {
        try {
          cb(res);
        } catch (error) {
          console.error(error);
        }
      }
    },
  };
}

const stamp = (date) => new Date(date).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
const esc = (v) =>
  String(v)
    .replace(/([\\;,])/g, '\\$1')
    .replace(/\r?\n/g, '\\n');

/**
 * @param {MpApiContext} [ctx]
 * @returns {MpApiTable}
 */
export default function webDeviceApis(ctx = {}) {
  const win = ctx.win || globalThis;
  const doc = win.document;
  /** @type {Partial<Navigator>} */
  const nav = win.navigator || {};

  /** Offers `text` as a file download (Telegram's downloadFile needs an https URL, so a blob link here). */
  const download = (name, type, text) => {
    const a = doc.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type }));
    a.download = name;
    a.style.display = 'none';
    doc.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  };

  const batteryEvents = listeners(() =>
    batteryManager(win).then((m) => {
      if (!m) return;
      const send = () => batteryEvents.emit({ ...battery.info });
      m.addEventListener('levelchange', send);
      m.addEventListener('chargingchange', send);
    }),
  );

  let keyboard = 0;
  const keyboardEvents = listeners(() => {
    const vv = win.visualViewport;
    if (!vv) return;
    vv.addEventListener('resize', () => {
      const height = Math.max(0, Math.round(win.innerHeight - vv.height));
      if (height !== keyboard) keyboardEvents.emit({ height: (keyboard = height) });
    });
  });

  // Keys pressed in a text field are the field's, as in WeChat.
  const typing = (t) => t && (/^(INPUT|TEXTAREA)$/.test(t.tagName) || t.isContentEditable);
  const keys = (type) => {
    const l = listeners(() =>
      doc.addEventListener(type, (e) => {
        if (!typing(e.target))
          l.emit({
            key: e.key,
            code: e.code,
            altKey: e.altKey,
            shiftKey: e.shiftKey,
            ctrlKey: e.ctrlKey,
            metaKey: e.metaKey,
            timeStamp: e.timeStamp,
          });
      }),
    );
    return l;
  };
  const keyDown = keys('keydown');
  const keyUp = keys('keyup');

  const conn = nav.connection;
  const weak = () => Boolean(conn && /^(slow-2g|2g)$/.test(conn.effectiveType || ''));
  let wasWeak = weak();
  const networkEvents = listeners(() => {
    if (conn && typeof conn.addEventListener === 'function') {
      conn.addEventListener('change', () => {
        if (weak() === wasWeak) return;
        wasWeak = weak();
        const t = conn.type === 'wifi' ? 'wifi' : (conn.effectiveType || 'unknown').replace('slow-', '');
        networkEvents.emit({ weakNet: wasWeak, networkType: t });
      });
    }
  });

  const calendar = (name, repeat) =>
    api(name, (o) => {
      if (typeof o.title !== 'string' || !o.title) throw failure(paramError('title', 'String', o.title));
      const start = Number(o.startTime) * 1000;
      if (!Number.isFinite(start) || o.startTime === undefined)
        throw failure(paramError('startTime', 'Number', o.startTime));
      const end = o.endTime !== undefined ? Number(o.endTime) * 1000 : start + 3600000;
      const allDay = Boolean(o.allDay);
      const day = (t) => stamp(t).slice(0, 8);
      const lines = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//miniport//wx.addPhoneCalendar//EN',
        'BEGIN:VEVENT',
        `UID:${start}-${Math.random().toString(36).slice(2)}@miniport`,
        `DTSTAMP:${stamp(Date.now())}`,
        allDay ? `DTSTART;VALUE=DATE:${day(start)}` : `DTSTART:${stamp(start)}`,
        allDay ? `DTEND;VALUE=DATE:${day(Math.max(end, start + 86400000))}` : `DTEND:${stamp(end)}`,
        `SUMMARY:${esc(o.title)}`,
      ];
      if (o.description) lines.push(`DESCRIPTION:${esc(o.description)}`);
      if (o.location) lines.push(`LOCATION:${esc(o.location)}`);
      if (repeat) {
        const freq = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' }[o.repeatInterval || 'month'];
        if (!freq) throw failure(`invalid repeatInterval "${o.repeatInterval}"`);
        lines.push(`RRULE:FREQ=${freq}${o.repeatEndTime ? `;UNTIL=${stamp(Number(o.repeatEndTime) * 1000)}` : ''}`);
      }
      if (o.alarm !== false)
        lines.push(
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${esc(o.title)}`,
          `TRIGGER:-PT${Math.max(0, Number(o.alarmOffset) || 0)}S`,
          'END:VALARM',
        );
      lines.push('END:VEVENT', 'END:VCALENDAR');
      download('event.ics', 'text/calendar', `${lines.join('\r\n')}\r\n`);
    });

  return {
    getBatteryInfo: api('getBatteryInfo', async () => {
      const m = await batteryManager(win);
      if (!m || !battery.info) throw failure('not supported in this browser');
      return { ...battery.info };
    }),
    onBatteryInfoChange: batteryEvents.on,
    offBatteryInfoChange: batteryEvents.off,
    onKeyboardHeightChange: keyboardEvents.on,
    offKeyboardHeightChange: keyboardEvents.off,
    onKeyDown: keyDown.on,
    offKeyDown: keyDown.off,
    onKeyUp: keyUp.on,
    offKeyUp: keyUp.off,
    onNetworkWeakChange: networkEvents.on,
    offNetworkWeakChange: networkEvents.off,
    chooseContact: api('chooseContact', async () => {
      if (!nav.contacts || typeof nav.contacts.select !== 'function')
        throw failure('not supported in this browser (the Contact Picker API is missing)');
      const [contact] = await nav.contacts.select(['name', 'tel'], { multiple: false });
      if (!contact) throw failure('cancel');
      const tels = contact.tel || [];
      return { phoneNumber: tels[0] || '', displayName: (contact.name || [])[0] || '', phoneNumberList: tels };
    }),
    addPhoneContact: api('addPhoneContact', (o) => {
      if (typeof o.firstName !== 'string' || !o.firstName)
        throw failure(paramError('firstName', 'String', o.firstName));
      const v = (x) => esc(x === undefined || x === null ? '' : x);
      const lines = [
        'BEGIN:VCARD',
        'VERSION:3.0',
        `N:${v(o.lastName)};${v(o.firstName)};${v(o.middleName)};;`,
        `FN:${[o.lastName, o.middleName, o.firstName].filter(Boolean).map(v).join(' ')}`,
      ];
      const add = (key, value) => {
        if (value) lines.push(`${key}:${v(value)}`);
      };
      add('NICKNAME', o.nickName);
      add('ORG', o.organization);
      add('TITLE', o.title);
      add('TEL;TYPE=CELL', o.mobilePhoneNumber);
      add('TEL;TYPE=WORK', o.workPhoneNumber);
      add('TEL;TYPE=WORK,FAX', o.workFaxNumber);
      add('TEL;TYPE=HOME', o.homePhoneNumber);
      add('TEL;TYPE=HOME,FAX', o.homeFaxNumber);
      add('TEL', o.hostNumber);
      add('EMAIL', o.email);
      add('URL', o.url);
      add('NOTE', [o.remark, o.weChatNumber && `WeChat: ${o.weChatNumber}`].filter(Boolean).join('\n'));
      for (const [kind, p] of [
        ['WORK', 'workAddress'],
        ['HOME', 'homeAddress'],
        ['OTHER', 'address'],
      ]) {
        const parts = ['Street', 'City', 'State', 'PostalCode', 'Country'].map((k) => o[`${p}${k}`]);
        if (parts.some(Boolean)) lines.push(`ADR;TYPE=${kind}:;;${parts.map(v).join(';')}`);
      }
      lines.push('END:VCARD');
      download(`${o.firstName}.vcf`, 'text/vcard', `${lines.join('\r\n')}\r\n`);
    }),
    addPhoneCalendar: calendar('addPhoneCalendar', false),
    addPhoneRepeatCalendar: calendar('addPhoneRepeatCalendar', true),
    sendSms: api('sendSms', (o) => {
      const phone = o.phoneNumber === undefined ? '' : String(o.phoneNumber);
      const a = doc.createElement('a');
      a.href =
        `sms:${encodeURIComponent(phone).replace(/%2B/g, '+')}`
        + (o.content ? `?body=${encodeURIComponent(o.content)}` : '');
      doc.body.appendChild(a);
      a.click();
      a.remove();
    }),
  };
}
