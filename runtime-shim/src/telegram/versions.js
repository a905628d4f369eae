// miniport runtime: the first Bot API version of each Mini App method, for version-gated calls.

/** Methods that need more than the 6.0 baseline, by the version that added them. */
const SINCE = {
  '6.1': [
    'web_app_setup_back_button',
    'web_app_set_header_color',
    'web_app_set_background_color',
    'web_app_trigger_haptic_feedback',
    'web_app_open_invoice',
  ],
  '6.2': ['web_app_open_popup', 'web_app_setup_closing_behavior'],
  '6.4': ['web_app_open_scan_qr_popup', 'web_app_close_scan_qr_popup', 'web_app_read_text_from_clipboard'],
  '6.7': ['web_app_switch_inline_query'],
  '6.9': ['web_app_invoke_custom_method', 'web_app_request_write_access', 'web_app_request_phone'],
  '6.10': ['web_app_setup_settings_button'],
  '7.2': [
    'web_app_biometry_get_info',
    'web_app_biometry_request_access',
    'web_app_biometry_request_auth',
    'web_app_biometry_update_token',
    'web_app_biometry_open_settings',
  ],
  '7.7': ['web_app_setup_swipe_behavior'],
  '7.8': ['web_app_share_to_story'],
  '7.10': ['web_app_setup_secondary_button', 'web_app_set_bottom_bar_color'],
  '8.0': [
    'web_app_request_fullscreen',
    'web_app_exit_fullscreen',
    'web_app_toggle_orientation_lock',
    'web_app_add_to_home_screen',
    'web_app_check_home_screen',
    'web_app_start_accelerometer',
    'web_app_stop_accelerometer',
    'web_app_start_device_orientation',
    'web_app_stop_device_orientation',
    'web_app_start_gyroscope',
    'web_app_stop_gyroscope',
    'web_app_check_location',
    'web_app_request_location',
    'web_app_open_location_settings',
    'web_app_send_prepared_message',
    'web_app_set_emoji_status',
    'web_app_request_emoji_status_access',
    'web_app_request_file_download',
    'web_app_request_safe_area',
    'web_app_request_content_safe_area',
  ],
  '9.0': [
    'web_app_device_storage_save_key',
    'web_app_device_storage_get_key',
    'web_app_device_storage_clear',
    'web_app_secure_storage_save_key',
    'web_app_secure_storage_get_key',
    'web_app_secure_storage_restore_key',
    'web_app_secure_storage_clear',
  ],
  '9.1': ['web_app_hide_keyboard'],
};

const METHOD_VERSION = new Map();
for (const [version, methods] of Object.entries(SINCE)) {
  for (const m of methods) METHOD_VERSION.set(m, version);
}

/**
 * Compares dotted versions numerically: -1, 0 or 1.
 * @param {string} a
 * @param {string} b
 * @returns {-1 | 0 | 1}
 */
export function compareVersions(a, b) {
  const pa = String(a).split('.').map(Number);
  const pb = String(b).split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] || 0;
    const y = pb[i] || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The Bot API version a method needs ('6.0' for the baseline and for unknown methods).
 * @param {string} method
 * @returns {string}
 */
export function methodVersion(method) {
  return METHOD_VERSION.get(method) || '6.0';
}
