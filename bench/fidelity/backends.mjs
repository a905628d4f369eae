// Stand-in backends for the apps of the visual check (bench/fidelity/run.mjs): for each app, a
// function from a request's URL to the JSON body to answer (undefined: not handled, and the run
// lists the address under "needs backend"). The data is made up here, shaped as each app's code
// reads it, so that its pages have something to lay out; pictures are answered by the run's
// grey stand-in, so images show as grey boxes of the right size.

const img = (n) => `https://stand-in.invalid/picture-${n}.png`;

/** v2ex's public API, as pages/latest and pages/node read it. */
function v2ex(url) {
  if (url.hostname !== 'www.v2ex.com') return undefined;
  if (url.pathname.startsWith('/api/topics/')) {
    const titles = [
      '有哪些公司的面试流程比较友好？',
      '一个域名的备案问题',
      '虚拟机里的显卡性能怎么提升',
      '招聘前端工程师一名（可远程，待遇面议）',
      '两台电脑之间怎样同步程序的状态',
      '大家的键盘都用了几年了',
      '周末去哪里徒步比较好',
    ];
    const nodes = ['jobs', 'life', 'linux', 'jobs', 'macos', 'hardware', 'travel'];
    return titles.map((title, i) => ({
      id: 300000 + i,
      title,
      replies: [0, 0, 0, 1, 6, 12, 3][i],
      node: { name: nodes[i], title: nodes[i] },
      member: { username: `member${i + 1}`, avatar_normal: img(`v2ex-${i}`) },
    }));
  }
  if (url.pathname === '/api/nodes/all.json') {
    const names = [
      'Project Babel',
      'V2EX',
      'OLIVIDA',
      '音乐',
      '电影',
      '地球',
      'BFBC2',
      'iPhone',
      'iPad',
      'MacBook Pro',
      'Linux',
    ];
    return names.map((title, i) => ({ id: i + 1, name: title.toLowerCase(), title }));
  }
  return undefined;
}

/** m-mall's REST API (`{ meta: { code }, data: { items, paginate } }`), as its index and classify pages read it. */
function mall(url) {
  if (url.hostname !== 'www.skyvow.cn' || !url.pathname.startsWith('/api/')) return undefined;
  const page = (items) => ({
    meta: { code: 0, message: 'ok' },
    data: { items, paginate: { total: items.length, perPage: 10, next: 2, hasNext: false } },
  });
  const path = url.pathname.slice('/api'.length);
  if (path.startsWith('/banner'))
    return page([1, 2, 3].map((i) => ({ _id: `b${i}`, images: [{ path: img(`banner-${i}`) }] })));
  if (path.startsWith('/classify')) {
    return page(['谷物类', '糕米类', '五谷杂粮', '东北大米'].map((name, i) => ({ _id: `c${i}`, name })));
  }
  if (/^\/goods\/[^/]+$/.test(path)) {
    const remark = '商品说明文字，用来占满两三行的篇幅，看描述区域如何换行与排版。'.repeat(3);
    const images = [1, 2, 3].map((i) => ({ path: img(`detail-${i}`) }));
    return { meta: { code: 0 }, data: { _id: path.slice(7), name: '测试商品', price: 9.99, remark, images } };
  }
  if (path.startsWith('/cart')) {
    const goods = [
      ['杂粮八宝粥原料400g', 25],
      ['农家自产小黄米', 7.66],
    ];
    return {
      meta: { code: 0 },
      data: goods.map(([name, price], i) => ({
        goods: { _id: `g${i}`, name, price, images: [{ path: img(`cart-${i}`) }] },
        total: 1,
        amount: price,
        totalAmount: price,
      })),
    };
  }
  if (path.startsWith('/address')) {
    return page([
      { _id: 'a0', name: '王先生', tel: '13800000000', address: '上海市某区某路100号', gender: 'male', is_def: true },
      { _id: 'a1', name: '李女士', tel: '13900000000', address: '北京市某区某街20号', gender: 'female', is_def: false },
    ]);
  }
  if (path.startsWith('/goods')) {
    const goods = [
      ['鲜多米', 10],
      ['新天禾五谷杂粮', 71.8],
      ['自产红小豆', 8.88],
      ['炒有东北新粮有机糙米', 41.8],
      ['农家自产小黄米', 7.66],
    ];
    return page(
      goods.map(([name, price], i) => ({ _id: `g${i}`, name, price, images: [{ path: img(`goods-${i}`) }] })),
    );
  }
  return undefined;
}

/** jh-weapp-demo's list pages read a mock service (`{ code: 200, data: [...] }`). */
function jh(url) {
  if (url.hostname !== 'www.fastmock.site') return undefined;
  const names = ['吴九九', '赵六六', '赵六六', '吴九九', '王五', '张三', '李四', '钱七', '孙八', '周十'];
  const page = Number(url.searchParams.get('page') || 0);
  const data = names.map((name, i) => ({
    title: `title${page * 10 + i}`,
    name,
    dateTime: `20${10 + i}/0${1 + (i % 9)}/1${i % 9} 1${i % 9}:2${i % 6}:3${i % 6}`,
    state: '1',
  }));
  return { code: 200, msg: 'ok', data };
}

/** @type {Record<string, (url: URL) => unknown>} */
export const backends = { v2ex, 'm-mall': mall, 'm-mall-2018': mall, 'jh-demo': jh };
