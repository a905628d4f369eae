// miniport runtime: wx.connectSocket's SocketTask over WebSocket, and the old single-socket APIs on the most recent
// task.
import { settle, paramError, failure } from '../../core/callback.js';
import { checkDomain, settleTask, listeners } from './network.js';

/**
 * connectSocket, its SocketTask, and onSocketOpen/…/sendSocketMessage/closeSocket.
 * @param {MpApiContext} ctx
 * @returns {MpApiTable}
 */
export function socketApis(ctx) {
  const global = { open: listeners(), close: listeners(), error: listeners(), message: listeners() };
  let latest = null;

  function connectSocket(options) {
    const o = options && typeof options === 'object' ? options : {};
    const ev = { open: listeners(), close: listeners(), error: listeners(), message: listeners() };
    const emit = (type, res) => {
      ev[type].emit(res);
      if (latest === task) global[type].emit(res);
    };
    let ws = null;
    const WS = (ctx.win && ctx.win.WebSocket) || globalThis.WebSocket;
    try {
      if (typeof o.url !== 'string') throw failure(paramError('url', 'String', o.url));
      if (!/^wss?:\/\//i.test(o.url)) throw failure(`invalid url "${o.url}"`);
      checkDomain(ctx, o.url);
      if (!WS) throw failure('WebSocket is not available');
      // Browsers cannot send custom headers (`header`) on a WebSocket handshake; they are dropped.
      ws = o.protocols && o.protocols.length ? new WS(o.url, o.protocols) : new WS(o.url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => emit('open', { header: {}, profile: {} });
      ws.onmessage = (e) => emit('message', { data: e.data });
      ws.onerror = () => emit('error', { errMsg: 'connectSocket:fail WebSocket error' });
      ws.onclose = (e) => emit('close', { code: e.code, reason: e.reason || '' });
      settleTask('connectSocket', o, {});
    } catch (error) {
      settleTask('connectSocket', o, Promise.reject(error));
    }
    const task = {
      get readyState() {
        return ws ? ws.readyState : 3;
      },
      CONNECTING: 0,
      OPEN: 1,
      CLOSING: 2,
      CLOSED: 3,
      send(opts) {
        const s = opts && typeof opts === 'object' ? opts : {};
        return settle(
          'sendSocketMessage',
          s,
          Promise.resolve().then(() => {
            if (!ws || ws.readyState !== 1) throw failure('WebSocket is not connected');
            const d = s.data;
            if (typeof d !== 'string' && !(d instanceof ArrayBuffer) && !ArrayBuffer.isView(d))
              throw failure(paramError('data', 'String or ArrayBuffer', d));
            ws.send(d);
          }),
        );
      },
      close(opts) {
        const s = opts && typeof opts === 'object' ? opts : {};
        return settle(
          'closeSocket',
          s,
          Promise.resolve().then(() => {
            if (!ws) throw failure('WebSocket is not connected');
            const code = s.code === undefined ? 1000 : Number(s.code);
            ws.close(code, s.reason === undefined ? undefined : String(s.reason));
          }),
        );
      },
      onOpen: ev.open.on,
      offOpen: ev.open.off,
      onClose: ev.close.on,
      offClose: ev.close.off,
      onError: ev.error.on,
      offError: ev.error.off,
      onMessage: ev.message.on,
      offMessage: ev.message.off,
    };
    if (ws) latest = task;
    return task;
  }

  const noSocket = (name, s) => settle(name, s, Promise.reject(failure('WebSocket is not connected')));
  return {
    connectSocket,
    onSocketOpen: global.open.on,
    onSocketClose: global.close.on,
    onSocketError: global.error.on,
    onSocketMessage: global.message.on,
    sendSocketMessage: (s = {}) => (latest ? latest.send(s) : noSocket('sendSocketMessage', s)),
    closeSocket: (s = {}) => (latest ? latest.close(s) : noSocket('closeSocket', s)),
  };
}
