// miniport runtime: wx.createAnimation (WeChat's Animation builder and its export() shape) and applyAnimation, which
// plays an exported animation on an element (the `animation` attribute).

const STYLES = ['opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'bottom', 'right'];
const TRANSFORMS = [
  'rotate',
  'rotateX',
  'rotateY',
  'rotateZ',
  'rotate3d',
  'scale',
  'scaleX',
  'scaleY',
  'scaleZ',
  'scale3d',
  'translate',
  'translateX',
  'translateY',
  'translateZ',
  'translate3d',
  'skew',
  'skewX',
  'skewY',
  'matrix',
  'matrix3d',
];
const px = (v) => (typeof v === 'number' ? `${v}px` : String(v));
const DEG = /^(rotate|skew)/;

/**
 * wx.createAnimation(options): chainable transforms and styles, step(), export().
 * @param {Record<string, any>} [options] duration, timingFunction, delay, transformOrigin
 * @returns {Record<string, (...args: any[]) => any>} the chainable animation
 */
export function createAnimation(options = {}) {
  const base = { duration: 400, timingFunction: 'linear', delay: 0, transformOrigin: '50% 50% 0', ...options };
  let current = [];
  let actions = [];
  const anim = {
    step(opts = {}) {
      const o = { ...base, ...opts };
      actions.push({
        animates: current,
        option: {
          transformOrigin: o.transformOrigin,
          transition: { duration: o.duration, timingFunction: o.timingFunction, delay: o.delay },
        },
      });
      current = [];
      return anim;
    },
    export() {
      const out = { actions };
      actions = [];
      return out;
    },
  };
  for (const name of STYLES) {
    anim[name] = (value) => {
      current.push({
        type: 'style',
        args: [
          name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
          name === 'opacity' || name === 'backgroundColor' ? value : px(value),
        ],
      });
      return anim;
    };
  }
  for (const name of TRANSFORMS) {
    anim[name] = (...args) => {
      current.push({ type: name, args });
      return anim;
    };
  }
  return anim;
}

function transformOf(list) {
  return list
    .map(({ type, args }) => {
      const unit = DEG.test(type)
        ? type === 'rotate3d'
          ? (v, i) => (i === 3 ? `${v}deg` : v)
          : (v) => `${v}deg`
        : /^translate/.test(type)
          ? px
          : (v) => v;
      return `${type}(${args.map(unit).join(', ')})`;
    })
    .join(' ');
}

const played = new WeakMap();

/**
 * Plays `exported` (`animation.export()`) on `el`, step after step, with the Web Animations API;
 * each step ends in its state, as WeChat leaves it. Without the API the last state is set at once.
 * @param {HTMLElement} el
 * @param {{ actions: Array<{ animates: any[], option: Record<string, any> }> }} exported
 * @returns {Promise<void>}
 */
export function applyAnimation(el, exported) {
  if (!el || !exported || !Array.isArray(exported.actions) || !exported.actions.length) return Promise.resolve();
  const token = {};
  played.set(el, token);
  const state = {};
  const steps = exported.actions.map((action) => {
    const styles = {};
    const transforms = [];
    for (const a of action.animates || []) {
      if (a.type === 'style') styles[a.args[0].replace(/-([a-z])/g, (_, c) => c.toUpperCase())] = String(a.args[1]);
      else transforms.push(a);
    }
    if (transforms.length) styles.transform = transformOf(transforms);
    return { styles, option: action.option || {} };
  });
  const run = async () => {
    for (const { styles, option } of steps) {
      if (played.get(el) !== token) return;
      const t = option.transition || {};
      if (option.transformOrigin) el.style.transformOrigin = option.transformOrigin;
      if (typeof el.animate === 'function') {
        const view = el.ownerDocument.defaultView;
        const from = {};
        const cs = view.getComputedStyle(el);
        for (const k of Object.keys(styles)) from[k] = cs[k];
        Object.assign(state, styles);
        const player = el.animate([from, { ...styles }], {
          duration: Number(t.duration) || 0,
          delay: Number(t.delay) || 0,
          easing:
            t.timingFunction === 'step-start' || t.timingFunction === 'step-end'
              ? t.timingFunction
              : t.timingFunction || 'linear',
          fill: 'forwards',
        });
        try {
          await player.finished;
        } catch {
          return;
        }
        if (played.get(el) !== token) {
          player.cancel();
          return;
        }
        Object.assign(el.style, styles);
        player.cancel();
      } else {
        Object.assign(state, styles);
        Object.assign(el.style, styles);
      }
    }
  };
  return run();
}
