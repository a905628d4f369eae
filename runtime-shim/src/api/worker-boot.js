// miniport runtime: the start of every wx.createWorker worker — WeChat's `worker` global over the web worker's messages, then the app's script (named in this file's URL hash).
/* global self, importScripts */
self.worker = {
  postMessage: (message) => self.postMessage(message),
  onMessage: (cb) => self.addEventListener('message', (e) => cb(e.data)),
  getCameraFrameData: () => undefined,
};
importScripts(decodeURIComponent(self.location.hash.slice(1)));
