// Types shared by the JSDoc of runtime-shim/src, for `tsc -p tsconfig.json` only: a declaration file outside
// src/, so it is never embedded into a converted app. Global (no import/export), so a runtime file names these
// types without an import path, whichever folder it lives in.

/** A result passed to success/fail/complete: `{ errMsg: 'name:ok' | 'name:fail reason', ...data }`. */
interface MpResult {
  errMsg: string;
  [key: string]: any;
}

/** The options object of a wx API: the app's fields plus the optional callbacks. */
interface MpOptions {
  success?: (res: MpResult) => void;
  fail?: (res: MpResult) => void;
  complete?: (res: MpResult) => void;
  [key: string]: any;
}

/** A wx API: a promise of the result when `options` has no callback, else undefined (synchronous APIs differ). */
type MpApi = (options?: MpOptions, ...rest: any[]) => any;

/** APIs by name, as an API group or module gives them to `wx`. */
type MpApiTable = Record<string, (...args: any[]) => any>;

/** A listener of a wx.on* event; it receives the event's payload. */
type MpListener = (payload?: any) => void;

/** A window: the page's globalThis, or a test's (jsdom) window. */
type MpWindow = typeof globalThis;

/** The launch parameters Telegram puts in the page's hash (telegram/launch.js). */
interface MpLaunchParams {
  present: boolean;
  version: string;
  platform: string;
  initData: string;
  initDataUnsafe: { user?: Record<string, any>; chat?: Record<string, any>; start_param?: string; [key: string]: any };
  themeParams: Record<string, string>;
  startParam: string;
  showSettings: boolean;
  botInline: boolean;
  fullscreen: boolean;
}

/** The Telegram bridge (telegram/bridge.js): Mini App methods out, events in. */
interface MpBridge {
  transport: 'official' | 'proxy' | 'external' | 'iframe' | null;
  launch: MpLaunchParams;
  version: string;
  platform: string;
  readonly inTelegram: boolean;
  readonly themeParams: Record<string, string>;
  isVersionAtLeast(version: string): boolean;
  supports(method: string): boolean;
  post(method: string, params?: any): boolean;
  on(type: string, cb: (data: any) => void): () => void;
  off(type: string, cb: (data: any) => void): void;
  request(
    method: string,
    params: any,
    replyEvent: string,
    options?: { match?: (data: any) => boolean; timeout?: number },
  ): Promise<any>;
  receive(type: string, data?: any): void;
}

/** The app's runtime config (app.json and project settings as the compiler writes them for the runtime). */
interface MpAppConfig {
  name?: string;
  entry?: string;
  ext?: Record<string, any>;
  networkTimeout?: Record<string, number>;
  permission?: Record<string, any>;
  scripts?: Record<string, any>;
  sessionTtl?: number;
  cloudStorageMirror?: boolean;
  telegram?: Record<string, any>;
  [key: string]: any;
}

/**
 * What an API group or module gets: any of bridge/router/fw may be missing (the render tool's host has no
 * router and no Telegram), and an API must then still work or fail clearly.
 */
interface MpApiContext {
  bridge?: MpBridge | null;
  /** The router of router/router.js. */
  router?: any;
  /** The framework of framework/index.js. */
  fw?: any;
  config?: MpAppConfig;
  win?: MpWindow;
  /** The Blob of a wxfile:// path or a path of the app's package. */
  resolveFile?: (path: string) => Promise<Blob>;
  [key: string]: any;
}

/** A file or folder of the wx file system (api/files.js). */
interface FileNode {
  dir?: boolean;
  data?: Uint8Array<ArrayBuffer>;
  mtime: number;
  ctime?: number;
}

/** A vnode (render/vnode.js): `{ tag, ...props, children }`. */
interface MpVNode {
  tag: string;
  component?: boolean;
  attrs?: Record<string, any>;
  dataset?: Record<string, any>;
  children?: Array<MpVNode | string>;
  [key: string]: any;
}

/**
 * An entry of the patcher (dom/patch.js): the vnode or text it rendered (`n`), the context that rendered it (`c`),
 * its node, and for a component its record and children's entries.
 */
interface MpPatchEntry {
  n: MpVNode | string;
  c: any;
  el: Node;
  rec?: any;
  kids?: MpPatchEntry[];
  content?: Element | null;
  attrs?: Record<string, any>;
  extV?: any;
  pending?: boolean;
  /** An HTML tag written in WXML (dom/patch.js HTML_TAGS), made as that HTML element. */
  html?: boolean;
}

/** How the patcher reaches the framework (see dom/patch.js's header). */
interface MpPatchHooks {
  component(vnode: MpVNode, ctx: any): string | null;
  mount(el: Element, vnode: MpVNode, ctx: any, path: string): any;
  update(rec: any, vnode: MpVNode, ctx: any): void;
  unmount(rec: any): void;
  /** [vnodes, ownerCtx]: what fills a <slot>, and whose it is. */
  slot(vnode: MpVNode, ctx: any): any[];
  classes(tokens: any, ctx: any): string;
  builtin(tag: string): MpBuiltin | undefined;
  pending(tag: string, ctx: any): boolean;
  builtinApi(el: Element, ctx: any): Record<string, any>;
  [key: string]: any;
}

/** A built-in component (components/): made, updated and destroyed on its element. */
interface MpBuiltin {
  create(el: HTMLElement, attrs: Record<string, any>, api: Record<string, any>): { content: Element | null } | undefined;
  update?(el: HTMLElement, attrs: Record<string, any>, old: Record<string, any>, api: Record<string, any>): void;
  destroy?(el: HTMLElement, api: Record<string, any>): void;
}

/** What the runtime keeps on elements (dom/patch.js, components/util.js). */
interface Element {
  /** The vnode the element was mounted from. */
  __mpv?: Record<string, any>;
  /** The instance whose template rendered it. */
  __mpc?: any;
  /** On a component's host element: its record (framework/record.js). */
  __mprec?: any;
  /** A form field's name, value and reset, as `<form>` collects them. */
  __mpField?: { readonly name: string; readonly value: any; reset(): void };
}

interface Window {
  /** Telegram's official script (telegram-web-app.js), when the page loaded it. */
  Telegram?: any;
  /** The desktop and mobile clients' entry points. */
  TelegramWebviewProxy?: { postEvent(method: string, json?: string): void };
  TelegramGameProxy?: any;
  TelegramGameProxy_receiveEvent?: (type: string, data?: any) => void;
  /** WeChat's `worker` global inside a wx.createWorker worker (api/worker-boot.js). */
  worker?: Record<string, (...args: any[]) => any>;
}

interface External {
  /** Windows Phone's old Telegram client. */
  notify?(message: string): void;
}

interface Error {
  /** Fields that the fail result of a wx API joins (api/callback.js's failure). */
  data?: any;
  /** Why a module failed to load (modules/registry.js). */
  code?: any;
}

interface Navigator {
  /** The Network Information API (Chromium): not in TypeScript's DOM types. */
  connection?: EventTarget & { type?: string; effectiveType?: string; downlink?: number; saveData?: boolean };
  /** Device Memory API (Chromium), in GiB. */
  deviceMemory?: number;
  /** Contact Picker API (Chrome on Android). */
  contacts?: { select(properties: string[], options?: { multiple?: boolean }): Promise<any[]>; [key: string]: any };
  /** Battery Status API (Chromium). */
  getBattery?: () => Promise<{ level: number; charging: boolean } & EventTarget>;
}

/** Defines a module of the app (modules/registry.js installs it on the global; compiled chunks call it). */
declare var __miniportDefine: ((path: string, factory: (...args: any[]) => void) => void) | undefined;
/** The app's runtime config, when the page set it before the runtime started. */
declare var __miniportConfig: MpAppConfig | undefined;

/**
 * What the framework's modules share, and the framework itself (framework/index.js builds it and returns it):
 * besides these fields it holds the functions createApp, createLoader, createScheduler and createPages return,
 * `hooks`, and what createFramework adds (`template(file)`, `globals`, `pageApis`).
 */
interface FrameworkState {
  /** createFramework's options. */
  options: Record<string, any>;
  /** app-config.js. */
  config: MpAppConfig;
  /** modules/registry.js, holding the app's chunks. */
  registry: any;
  doc: Document;
  /** Template file → its module (null when it failed to load). */
  templates: Map<string, object | null>;
  [key: string]: any;
}

/** What the router's modules share (router/router.js builds it; shell.js, history.js and stack.js use it). */
interface RouterState {
  /** app-config.js. */
  config: MpAppConfig;
  /** The framework (openPage, mountComponent, pageNotFound?, preload?). */
  pages: Record<string, any>;
  bridge: MpBridge | null;
  /** Whether the app runs inside Telegram. */
  telegram: boolean;
  win: MpWindow;
  doc: Document;
  /** Adds a stylesheet once. */
  loadCss: (href: string) => Promise<void>;
  /** The app config's entry of a page. */
  pageInfo: (route: string) => Record<string, any> | undefined;
  /** The page handles, bottom first. */
  stack: any[];
  /** Route → handle of every live tab page (in the stack or hidden). */
  tabs: Map<string, any>;
  /** Handle → `{ window, url, nav }`. */
  metas?: WeakMap<object, Record<string, any>>;
  /** The page whose onLoad is running: `{ route, query, element, meta, instance }`. */
  opening?: Record<string, any> | null;
  /** History depth of stack[0]. */
  base?: number;
  /** History depth of the entry on screen. */
  depth?: number;
  /** A handle's `{ window, url, nav }`. */
  meta?: (handle: object) => Record<string, any>;
  /** The handle on top of the stack. */
  top?: () => any;
  /** The router itself. */
  router?: any;
  [key: string]: any;
}
