// miniport runtime: the app instance — App() and getApp(), App's lifecycle and error callbacks, the wx app events.
import { emitAppEvent } from '../core/app-events.js';

/**
 * Says on the console what the framework ignored.
 * @param {string} message what happened
 * @returns {void}
 */
export function warn(message) {
  console.warn(`miniport: ${message}`);
}

/**
 * The app of `s`: App() records its options (once), getApp() returns the instance, errors go to
 * App's onError and the wx error event.
 * @param {FrameworkState} s the framework's state (index.js)
 * @returns {object} `reportError`, `App`, `getApp`, and App's lifecycle: `launch`,
 *   `appShow`, `appHide`, `pageNotFound`, `unhandledRejection`, `themeChange`
 */
export function createApp(s) {
  let appOptions = null;
  let app;

  function reportError(error) {
    console.error(error);
    emitAppEvent('error', error && error.stack ? error.stack : String(error));
    if (app && typeof app.onError === 'function') {
      try {
        app.onError(error && error.stack ? error.stack : String(error));
      } catch (e) {
        console.error(e);
      }
    }
  }

  function App(opts) {
    if (appOptions) {
      warn('App() was called more than once; ignored');
      return;
    }
    appOptions = opts || {};
    app = {};
    for (const [key, value] of Object.entries(appOptions)) app[key] = value;
  }

  function getApp(o) {
    if (app === undefined && o && o.allowDefault) {
      app = {};
      return app;
    }
    return app;
  }

  function appCall(name, ...args) {
    if (app && typeof app[name] === 'function') {
      try {
        return app[name](...args);
      } catch (error) {
        reportError(error);
      }
    }
    return undefined;
  }

  return {
    reportError,
    App,
    getApp,
    /** App's onLaunch then onShow with the launch options. */
    launch(launchOptions) {
      appCall('onLaunch', launchOptions);
      appCall('onShow', launchOptions);
      emitAppEvent('appShow', launchOptions);
    },
    appShow(showOptions) {
      appCall('onShow', showOptions);
      emitAppEvent('appShow', showOptions);
    },
    appHide() {
      appCall('onHide');
      emitAppEvent('appHide');
    },
    pageNotFound(info) {
      emitAppEvent('pageNotFound', info);
      return appCall('onPageNotFound', info);
    },
    unhandledRejection(event) {
      emitAppEvent('unhandledRejection', event);
      return appCall('onUnhandledRejection', event);
    },
    themeChange(theme) {
      emitAppEvent('themeChange', { theme });
      return appCall('onThemeChange', { theme });
    },
  };
}
