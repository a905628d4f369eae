// miniport runtime: a stand-in Telegram client for local preview and tests; records every event the app sends and
// answers like a client would.

const KEY = '__miniport__tgLaunchParams';

const DEFAULT_THEME = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#999999',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  secondary_bg_color: '#efeff4',
  header_bg_color: '#ffffff',
  accent_text_color: '#2481cc',
  section_bg_color: '#ffffff',
  section_header_text_color: '#6d6d72',
  subtitle_text_color: '#999999',
  destructive_text_color: '#ff3b30',
};

/** CloudStorage as the client keeps it: `web_app_invoke_custom_method` requests and results. */
function cloudStorage() {
  const items = new Map();
  return (method, params = {}) => {
    switch (method) {
      case 'saveStorageValue':
        items.set(params.key, String(params.value));
        return true;
      case 'getStorageValues':
        return Object.fromEntries((params.keys || []).map((k) => [k, items.get(k) ?? '']));
      case 'deleteStorageValues':
        for (const k of params.keys || []) items.delete(k);
        return true;
      case 'getStorageKeys':
        return [...items.keys()];
      default:
        return undefined;
    }
  };
}

/**
 * Installs the mock on `win` before the bridge is created. Options: `version`, `platform`,
 * `initData`, `themeParams`, `startParam`, and `answer(name, data, emit)`, which may answer
 * a method itself (return true) before the defaults do.
 * @param {MpWindow} [win]
 * @param {{
 *   version?: string, platform?: string, initData?: string, themeParams?: Record<string, string>,
 *   startParam?: string, viewportHeight?: number,
 *   answer?: (name: string, data: any, emit: (type: string, data?: any) => void) => boolean | void,
 * }} [options]
 */
export function installTelegramMock(win = globalThis, options = {}) {
  const {
    version = '8.0',
    platform = 'tdesktop',
    initData = '',
    themeParams = DEFAULT_THEME,
    startParam = '',
    answer = null,
    viewportHeight = 720,
  } = options;
  const events = [];
  const storage = cloudStorage();
  const biometry = {
    available: true,
    type: 'finger',
    access_requested: false,
    access_granted: false,
    token_saved: false,
    device_id: 'mock-device',
  };
  const emit = (type, data) => setTimeout(() => win.Telegram.WebView.receiveEvent(type, data), 0);
  const params = {
    tgWebAppVersion: version,
    tgWebAppPlatform: platform,
    tgWebAppData: initData,
    tgWebAppThemeParams: JSON.stringify(themeParams),
    tgWebAppStartParam: startParam,
  };
  try {
    win.sessionStorage.setItem(KEY, JSON.stringify(params));
  } catch {
    /* no storage: hash only */
  }

  const defaults = {
    web_app_request_theme: () => emit('theme_changed', { theme_params: themeParams }),
    web_app_request_viewport: () =>
      emit('viewport_changed', { height: viewportHeight, is_expanded: true, is_state_stable: true }),
    web_app_expand: () =>
      emit('viewport_changed', { height: viewportHeight, is_expanded: true, is_state_stable: true }),
    web_app_open_popup: (d) =>
      emit('popup_closed', { button_id: d && d.buttons && d.buttons[0] ? d.buttons[0].id : '' }),
    web_app_open_invoice: (d) => emit('invoice_closed', { slug: d && d.slug, status: 'paid' }),
    web_app_request_write_access: () => emit('write_access_requested', { status: 'allowed' }),
    web_app_request_phone: () => emit('phone_requested', { status: 'cancelled' }),
    web_app_invoke_custom_method: (d) =>
      emit('custom_method_invoked', { req_id: d.req_id, result: storage(d.method, d.params) }),
    web_app_request_safe_area: () => emit('safe_area_changed', { top: 0, bottom: 0, left: 0, right: 0 }),
    web_app_request_content_safe_area: () =>
      emit('content_safe_area_changed', { top: 0, bottom: 0, left: 0, right: 0 }),
    // A phone with a fingerprint reader whose owner grants access and authenticates.
    web_app_biometry_get_info: () => emit('biometry_info_received', { ...biometry }),
    web_app_biometry_request_access: () => {
      Object.assign(biometry, { access_requested: true, access_granted: true });
      emit('biometry_info_received', { ...biometry });
    },
    web_app_biometry_request_auth: () => emit('biometry_auth_requested', { status: 'authorized', token: '' }),
    web_app_check_home_screen: () => emit('home_screen_checked', { status: 'missed' }),
    web_app_request_file_download: () => emit('file_download_requested', { status: 'downloading' }),
    web_app_send_prepared_message: () => emit('prepared_message_sent', {}),
  };
  // Sensors start and stop; readings come from `emit('accelerometer_changed', …)` and the like.
  for (const kind of ['accelerometer', 'gyroscope', 'device_orientation']) {
    defaults[`web_app_start_${kind}`] = () => emit(`${kind}_started`, {});
    defaults[`web_app_stop_${kind}`] = () => emit(`${kind}_stopped`, {});
  }

  win.TelegramWebviewProxy = {
    postEvent(name, json) {
      let data = null;
      try {
        data = json === undefined || json === '' ? null : JSON.parse(json);
      } catch {
        data = json;
      }
      events.push({ name, data });
      if (answer && answer(name, data, emit)) return;
      if (defaults[name]) defaults[name](data);
    },
  };
  return {
    events,
    emit,
    /** Names of the methods posted so far, in order. */
    names: () => events.map((e) => e.name),
  };
}
