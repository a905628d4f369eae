// scripts/js-check.mjs finds what it is for: lines over 120 columns, exported functions without typed JSDoc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { longLines, untypedExports } from '../scripts/js-check.mjs';

test('a line over 120 columns is found, one of 120 is not; columns count characters, not bytes', () => {
  assert.deepEqual(longLines(`${'x'.repeat(120)}\n${'中'.repeat(120)}`), []);
  assert.deepEqual(
    longLines(`ok\n${'y'.repeat(121)}`).map((f) => f.line),
    [2],
  );
});

test('exported functions need a JSDoc block with a {type} for each parameter', () => {
  const src = [
    'export function bare(a) {}',
    '/** Described, not typed. */',
    'export function described(a, b) {}',
    '/**',
    ' * Half typed.',
    ' * @param {string} a',
    ' */',
    'export function half(a, { b, c } = {}) {}',
    '/** @param a untyped */',
    'export const arrow = (a) => a;',
    '/** Nothing to say about types. */',
    'export function noParams() {}',
  ].join('\n');
  assert.deepEqual(
    untypedExports(src).map((f) => f.line),
    [1, 3, 8, 10, 12],
  );
});

test('typed exports pass: @param per parameter, @returns alone, @type for a const arrow', () => {
  const src = [
    '/**',
    ' * Typed.',
    ' * @param {string} a',
    ' * @param {{ b?: number, c?: number }} [options]',
    ' * @returns {string}',
    ' */',
    'export function typed(a, { b, c } = {}) {}',
    '/** @returns {number} */',
    'export default function answer() {}',
    '/** @type {(x: number) => number} */',
    'export const twice = (x) => x * 2;',
    '/**',
    ' * @param {string} s',
    ' */',
    'export async function later(s) {}',
  ].join('\n');
  assert.deepEqual(untypedExports(src), []);
});
