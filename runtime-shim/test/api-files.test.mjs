// The virtual file system (wx.getFileSystemManager, wx.saveFile …) in memory (no IndexedDB in Node):
// WeChat's result shapes and errMsg, *Sync variants, encodings, saved files and wxfile:// → blob: URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileApis } from '../src/api/media/files.js';
import { resolveWxfile } from '../src/core/wxfile.js';

// Each test gets its own window object, hence its own file system.
const fresh = () => {
  const win = { fetch: globalThis.fetch, URL, Blob };
  const apis = fileApis({ win });
  return { win, apis, fs: apis.getFileSystemManager() };
};

test('writeFile then readFile in utf8, base64, binary and as an ArrayBuffer', async () => {
  const { fs } = fresh();
  assert.deepEqual(await fs.writeFile({ filePath: 'wxfile://usr/a.txt', data: 'héllo', encoding: 'utf8' }), {
    errMsg: 'writeFile:ok',
  });
  assert.deepEqual(await fs.readFile({ filePath: 'wxfile://usr/a.txt', encoding: 'utf8' }), {
    errMsg: 'readFile:ok',
    data: 'héllo',
  });
  assert.equal(
    (await fs.readFile({ filePath: 'wxfile://usr/a.txt', encoding: 'base64' })).data,
    Buffer.from('héllo').toString('base64'),
  );
  assert.equal(
    (await fs.readFile({ filePath: 'wxfile://usr/a.txt', encoding: 'binary' })).data,
    Buffer.from('héllo').toString('binary'),
  );
  const { data } = await fs.readFile({ filePath: 'wxfile://usr/a.txt' });
  assert.ok(data instanceof ArrayBuffer);
  assert.deepEqual([...new Uint8Array(data)], [...Buffer.from('héllo')]);
  await fs.writeFile({ filePath: `${'wxfile://usr'}/b.bin`, data: new Uint8Array([1, 2, 255]).buffer });
  assert.equal(fs.readFileSync('wxfile://usr/b.bin', 'hex'), '0102ff');
  await fs.writeFile({ filePath: 'wxfile://usr/c.txt', data: 'aGk=', encoding: 'base64' });
  assert.equal(fs.readFileSync('wxfile://usr/c.txt', 'utf8'), 'hi');
});

test("readFile of a missing file fails with WeChat's errMsg through fail/complete and a rejected promise", async () => {
  const { fs } = fresh();
  await assert.rejects(fs.readFile({ filePath: 'wxfile://usr/x', encoding: 'utf8' }), {
    errMsg: 'readFile:fail no such file or directory, open wxfile://usr/x',
  });
  const seen = await new Promise((resolve) => {
    const out = [];
    fs.readFile({
      filePath: 'wxfile://usr/x',
      fail: (r) => out.push(r.errMsg),
      complete: (r) => {
        out.push(r.errMsg);
        resolve(out);
      },
    });
  });
  assert.deepEqual(seen, [
    'readFile:fail no such file or directory, open wxfile://usr/x',
    'readFile:fail no such file or directory, open wxfile://usr/x',
  ]);
  assert.throws(() => fs.readFileSync('wxfile://usr/x'), {
    message: 'readFileSync:fail no such file or directory, open wxfile://usr/x',
  });
});

test('mkdir, readdir, rmdir: recursive and the errors of each', async () => {
  const { fs } = fresh();
  await assert.rejects(fs.mkdir({ dirPath: 'wxfile://usr/a/b' }), {
    errMsg: 'mkdir:fail no such file or directory wxfile://usr/a/b',
  });
  assert.deepEqual(await fs.mkdir({ dirPath: 'wxfile://usr/a/b', recursive: true }), { errMsg: 'mkdir:ok' });
  await assert.rejects(fs.mkdir({ dirPath: 'wxfile://usr/a' }), {
    errMsg: 'mkdir:fail file already exists wxfile://usr/a',
  });
  await assert.rejects(fs.mkdir({ dirPath: 'wxfile://other/a' }), {
    errMsg: 'mkdir:fail permission denied, open wxfile://other/a',
  });
  fs.writeFileSync('wxfile://usr/a/f.txt', 'x');
  assert.deepEqual((await fs.readdir({ dirPath: 'wxfile://usr/a' })).files.sort(), ['b', 'f.txt']);
  assert.deepEqual(fs.readdirSync('wxfile://usr/a/b'), []);
  await assert.rejects(fs.readdir({ dirPath: 'wxfile://usr/a/f.txt' }), {
    errMsg: 'readdir:fail not a directory wxfile://usr/a/f.txt',
  });
  await assert.rejects(fs.readdir({ dirPath: 'wxfile://usr/zz' }), {
    errMsg: 'readdir:fail no such file or directory wxfile://usr/zz',
  });
  await assert.rejects(fs.rmdir({ dirPath: 'wxfile://usr/a' }), { errMsg: 'rmdir:fail directory not empty' });
  assert.deepEqual(await fs.rmdir({ dirPath: 'wxfile://usr/a', recursive: true }), { errMsg: 'rmdir:ok' });
  assert.throws(() => fs.accessSync('wxfile://usr/a/f.txt'), {
    message: 'accessSync:fail no such file or directory wxfile://usr/a/f.txt',
  });
});

test(
  'writeFile into a missing folder or outside USER_DATA_PATH fails; appendFile adds to an ' + 'existing file only',
  async () => {
    const { fs } = fresh();
    await assert.rejects(fs.writeFile({ filePath: 'wxfile://usr/no/f.txt', data: 'x' }), {
      errMsg: 'writeFile:fail no such file or directory, open wxfile://usr/no/f.txt',
    });
    await assert.rejects(fs.writeFile({ filePath: 'wxfile://tmp/f.txt', data: 'x' }), {
      errMsg: 'writeFile:fail permission denied, open wxfile://tmp/f.txt',
    });
    await assert.rejects(fs.appendFile({ filePath: 'wxfile://usr/log', data: 'x' }), {
      errMsg: 'appendFile:fail no such file or directory, open wxfile://usr/log',
    });
    fs.writeFileSync('wxfile://usr/log', 'a');
    await fs.appendFile({ filePath: 'wxfile://usr/log', data: 'b' });
    fs.appendFileSync('wxfile://usr/log', 'c');
    assert.equal(fs.readFileSync('wxfile://usr/log', 'utf8'), 'abc');
  },
);

test('stat gives Stats (isFile/isDirectory, size, lastModifiedTime in seconds); recursive lists the tree', async () => {
  const { fs } = fresh();
  fs.mkdirSync('wxfile://usr/d');
  fs.writeFileSync('wxfile://usr/d/f', '12345');
  const { stats, errMsg } = await fs.stat({ path: 'wxfile://usr/d/f' });
  assert.equal(errMsg, 'stat:ok');
  assert.equal(stats.isFile(), true);
  assert.equal(stats.isDirectory(), false);
  assert.equal(stats.size, 5);
  assert.ok(Math.abs(stats.lastModifiedTime - Date.now() / 1000) < 5);
  assert.equal(fs.statSync('wxfile://usr/d').isDirectory(), true);
  const tree = fs.statSync('wxfile://usr/d', true);
  assert.deepEqual(
    tree.map((e) => e.path),
    ['/', '/f'],
  );
  await assert.rejects(fs.stat({ path: 'wxfile://usr/none' }), {
    errMsg: 'stat:fail no such file or directory wxfile://usr/none',
  });
});

test('unlink, rename and copyFile with their errors', async () => {
  const { fs } = fresh();
  fs.writeFileSync('wxfile://usr/a', 'A');
  assert.deepEqual(await fs.copyFile({ srcPath: 'wxfile://usr/a', destPath: 'wxfile://usr/b' }), {
    errMsg: 'copyFile:ok',
  });
  assert.deepEqual(await fs.rename({ oldPath: 'wxfile://usr/b', newPath: 'wxfile://usr/c' }), { errMsg: 'rename:ok' });
  assert.equal(fs.readFileSync('wxfile://usr/c', 'utf8'), 'A');
  assert.throws(() => fs.accessSync('wxfile://usr/b'));
  await assert.rejects(fs.rename({ oldPath: 'wxfile://usr/b', newPath: 'wxfile://usr/d' }), {
    errMsg: 'rename:fail no such file or directory, rename wxfile://usr/b -> wxfile://usr/d',
  });
  await assert.rejects(fs.copyFile({ srcPath: 'wxfile://usr/none', destPath: 'wxfile://usr/d' }), {
    errMsg: 'copyFile:fail no such file or directory, copyFile wxfile://usr/none -> wxfile://usr/d',
  });
  fs.mkdirSync('wxfile://usr/dir');
  await assert.rejects(fs.unlink({ filePath: 'wxfile://usr/dir' }), {
    errMsg: 'unlink:fail operation not permitted, unlink wxfile://usr/dir',
  });
  assert.deepEqual(await fs.unlink({ filePath: 'wxfile://usr/a' }), { errMsg: 'unlink:ok' });
  await assert.rejects(fs.unlink({ filePath: 'wxfile://usr/a' }), {
    errMsg: 'unlink:fail no such file or directory wxfile://usr/a',
  });
});

test(
  'wx.saveFile takes a blob: URL (downloadFile, chooseImage) and lists, describes and removes ' + 'saved files',
  async () => {
    const { apis, fs } = fresh();
    const blobUrl = URL.createObjectURL(new Blob(['picture'], { type: 'image/png' }));
    const { savedFilePath, errMsg } = await apis.saveFile({ tempFilePath: blobUrl });
    assert.equal(errMsg, 'saveFile:ok');
    assert.match(savedFilePath, /^wxfile:\/\/store\//);
    assert.equal(fs.readFileSync(savedFilePath, 'utf8'), 'picture');
    const { fileList } = await apis.getSavedFileList();
    assert.deepEqual(
      fileList.map((f) => [f.filePath, f.size]),
      [[savedFilePath, 7]],
    );
    assert.equal(typeof fileList[0].createTime, 'number');
    assert.equal((await apis.getSavedFileInfo({ filePath: savedFilePath })).size, 7);
    assert.deepEqual(await apis.getFileInfo({ filePath: savedFilePath }), { errMsg: 'getFileInfo:ok', size: 7 });
    assert.deepEqual(await apis.removeSavedFile({ filePath: savedFilePath }), { errMsg: 'removeSavedFile:ok' });
    await assert.rejects(apis.getSavedFileInfo({ filePath: savedFilePath }), {
      errMsg: 'getSavedFileInfo:fail file not exist',
    });
    await assert.rejects(apis.saveFile({ tempFilePath: 'wxfile://tmp/none.png' }), {
      errMsg: 'saveFile:fail tempFilePath file not exist',
    });
    await assert.rejects(apis.getFileInfo({ filePath: 'wxfile://usr/none' }), {
      errMsg: 'getFileInfo:fail file not exist',
    });
    // saveFile with filePath stores it there; readFile reads blob: URLs too.
    const r = await fs.saveFile({ tempFilePath: blobUrl, filePath: 'wxfile://usr/p.png' });
    assert.equal(r.savedFilePath, 'wxfile://usr/p.png');
    assert.equal((await fs.readFile({ filePath: blobUrl, encoding: 'utf8' })).data, 'picture');
    const sha1 = (await import('node:crypto')).createHash('sha1').update('picture').digest('hex');
    assert.equal((await apis.getFileInfo({ filePath: blobUrl, digestAlgorithm: 'sha1' })).digest, sha1);
  },
);

test('resolveWxfile turns a stored file into a blob: URL of its bytes and type; a missing one rejects', async () => {
  const { fs } = fresh();
  fs.writeFileSync('wxfile://usr/i.png', new Uint8Array([137, 80, 78, 71]).buffer);
  const url = await resolveWxfile('wxfile://usr/i.png');
  assert.match(url, /^blob:/);
  const res = await fetch(url);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.deepEqual([...new Uint8Array(await res.arrayBuffer())], [137, 80, 78, 71]);
  assert.equal(await resolveWxfile('wxfile://usr/i.png'), url, 'the same file keeps its URL');
  assert.equal(await resolveWxfile('https://x/y.png'), 'https://x/y.png');
  await assert.rejects(resolveWxfile('wxfile://usr/none.png'), /no such file or directory wxfile:\/\/usr\/none.png/);
});
