import { a } from '../../utils/a';
export const b: Array<number> = [a ?? 1, ...[2]];
enum E { X = 1 }
class C<T> { #p?: T; static { wx.showToast({ title: `${E.X}` }); } }
Page({ data: { b }, onLoad() { require('./x.json'); } });
