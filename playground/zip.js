// miniport playground: reads a .zip in the browser (stored and deflated entries, through the
// platform's DecompressionStream), for a mini-program dropped as an archive.

/**
 * The files of a zip archive, by path (folders left out; a single top folder is kept, and
 * removed by the caller when it wraps the whole app).
 * @param {ArrayBuffer} buffer
 * @returns {Promise<Map<string, Uint8Array>>}
 */
export async function readZip(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  // The end-of-central-directory record: the last 0x06054b50 within 64 KiB of the end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('not a zip archive (no central directory)');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('corrupt zip archive (central directory)');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`corrupt zip archive (${name})`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (method === 0) files.set(name, data.slice());
    else if (method === 8) files.set(name, await inflate(data));
    else throw new Error(`${name}: zip compression method ${method} is not supported (use deflate)`);
  }
  return files;
}

/**
 * Raw deflate → bytes.
 * @param {Uint8Array} data
 * @returns {Promise<Uint8Array>}
 */
async function inflate(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * When every path starts with the same folder (an archive of the app's folder), the paths
 * without it.
 * @param {Map<string, Uint8Array>} files
 * @returns {Map<string, Uint8Array>}
 */
export function stripCommonFolder(files) {
  const tops = new Set([...files.keys()].map((p) => (p.includes('/') ? p.slice(0, p.indexOf('/')) : '')));
  if (tops.size !== 1 || tops.has('')) return files;
  const [top] = tops;
  return new Map([...files].map(([p, v]) => [p.slice(top.length + 1), v]));
}
