// miniport runtime: wx SOTER biometric APIs on Telegram's BiometricManager (Bot API 7.2): support, enrolment,
// authentication.
import { api, failure, paramError } from '../../core/callback.js';
import { unsupported } from './common.js';

const MODES = ['fingerPrint', 'facial', 'speech'];

/** WeChat's name of Telegram's biometric type ('face' → 'facial', anything else → 'fingerPrint'). */
const modeOf = (info) => (info.type === 'face' ? 'facial' : 'fingerPrint');

/**
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export default function biometryApis(ctx) {
  const ask = (method, params, event) => {
    const b = ctx.bridge;
    if (!b || !b.supports(method)) return Promise.reject(unsupported(ctx));
    return b.request(method, params, event).then((d) => d || {});
  };
  const info = () => ask('web_app_biometry_get_info', undefined, 'biometry_info_received');
  return {
    checkIsSupportSoterAuthentication: api('checkIsSupportSoterAuthentication', () =>
      info().then((d) => ({ supportMode: d.available ? [modeOf(d)] : [] })),
    ),
    checkIsSoterEnrolledInDevice: api('checkIsSoterEnrolledInDevice', (o) => {
      if (!MODES.includes(o.checkAuthMode)) throw failure(paramError('checkAuthMode', 'String', o.checkAuthMode));
      // Telegram reports biometrics as available only when some are enrolled.
      return info().then((d) => ({ isEnrolled: Boolean(d.available) && modeOf(d) === o.checkAuthMode }));
    }),
    startSoterAuthentication: api('startSoterAuthentication', async (o) => {
      const modes = o.requestAuthModes;
      if (!Array.isArray(modes) || !modes.length) throw failure(paramError('requestAuthModes', 'Array', modes));
      const authMode = modes[0];
      const fail = (errCode, reason, mode = authMode) =>
        failure(reason, { authMode: mode, resultJSON: '', resultJSONSignature: '', errCode });
      if (typeof o.challenge !== 'string' || !o.challenge || o.challenge.length > 512)
        throw fail(90004, 'invalid challenge');
      const reason = o.authContent === undefined ? '' : String(o.authContent);
      if (reason.length > 42) throw fail(90005, 'authContent is too long');
      let d = await info().catch((e) => {
        throw fail(90001, e.message);
      });
      if (!d.available) throw fail(90001, 'biometric authentication is not available on this device');
      const mode = modeOf(d);
      if (!modes.includes(mode)) throw fail(90003, `${modes.join(',')} is not supported on this device`, mode);
      if (!d.access_granted) {
        // Once refused, Telegram does not ask again: the user turns it on in the bot's settings.
        if (d.access_requested) throw fail(90002, 'biometric access denied', mode);
        d = await ask('web_app_biometry_request_access', { reason }, 'biometry_info_received');
        if (!d.access_granted) throw fail(90002, 'biometric access denied', mode);
      }
      const r = await ask('web_app_biometry_request_auth', { reason }, 'biometry_auth_requested');
      if (r.status !== 'authorized') throw fail(90009, 'authentication failed', mode);
      // No TEE-signed payload exists on Telegram: resultJSON carries the challenge and the device id
      // unsigned; the biometric token (set with updateBiometricToken) is what a server can bind to.
      return {
        authMode: mode,
        errCode: 0,
        resultJSONSignature: '',
        resultJSON: JSON.stringify({ raw: o.challenge, cpu_id: d.device_id || '' }),
        biometricToken: r.token || '',
      };
    }),
  };
}
