/**
 * The forms the one amount grammar (functions/core/normalise/amount-reader.ts) reads that no earlier
 * test named: a cell's dot decimal, sign before the figure and unit with a dot; figures in millions
 * with a dot decimal or the sign first, and "M" beside a euro word, read the same way in running text
 * (readAmounts) as in a total (findMillionAmount).
 */
import { describe, expect, it } from 'vitest';
import {
  findMillionAmount,
  parseEuroAmount,
  readAmounts,
} from '../../../functions/core/normalise/amount-reader';

const read = (text: string) =>
  readAmounts(text).map((a) => [a.eur, a.approximate, a.precisionEur, a.form, a.raw]);

describe('Normalise: a table cell read whole', () => {
  it.each([
    ['2200120.8', 220012080],
    ['EUR 78 438', 7843800],
    ['€78 438', 7843800],
    ['78 438 eur.', 7843800],
    ['1  153  584,12', 115358412],
  ])('reads %j as %i cents', (raw, cents) => {
    expect(parseEuroAmount(raw)).toEqual({ ok: true, cents });
  });

  it('keeps an English thousands comma raw: in a cell the comma is the decimal comma', () => {
    expect(parseEuroAmount('212,429')).toEqual({ ok: false, raw: '212,429' });
  });
});

describe('Normalise: millions in running text, read as findMillionAmount reads them', () => {
  it.each([
    [
      'Finland receives around EUR 180 million from them',
      [180_000_000, true, 1_000_000, 'prose', 'around EUR 180 million'],
    ],
    [
      'AMIF-hakuun haetaan noin 9.8 miljoonaa euroa',
      [9_800_000, true, 100_000, 'prose', 'noin 9.8 miljoonaa euroa'],
    ],
    ['yhteensä 10 M euroa', [10_000_000, true, 1_000_000, 'prose', '10 M euroa']],
    ['€ 113 778 myönnettiin', [113_778, false, 1, 'prose', '€ 113 778']],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual([expected]);
  });

  it.each([
    ['yhteensä 10 M euroa', 10_000_000, '10 M euroa'],
    ['The fund gives € 9M', 9_000_000, '€ 9M'],
    ['10.4 miljoonaa euroa', 10_400_000, '10.4 miljoonaa euroa'],
    ['hankkeille 10 miljoonan euron tuki', 10_000_000, '10 miljoonan euron'],
  ])('findMillionAmount reads %j', (text, eur, raw) => {
    expect(findMillionAmount(text)).toEqual({ eur, raw });
  });

  it('needs the euro for a total in millions, and never starts inside a number', () => {
    expect(findMillionAmount('2 miljoonaa')).toBeNull();
    expect(read('10.4 miljoonaa euroa')).toEqual([
      [10_400_000, true, 100_000, 'prose', '10.4 miljoonaa euroa'],
    ]);
  });
});

/**
 * Two forms of the ministry's own news that the grammar once missed: the million in the elative
 * ("11,5 miljoonasta eurosta", 5.4.2019,
 * https://eusa-rahastot.fi/artikkeli/-/asset_publisher/sisaasioiden-eu-rahastojen-kevaan-haut-paattyivat)
 * and one million with no figure ("noin miljoona euroa", 24.1.2020 and 4.11.2020,
 * https://eusa-rahastot.fi/-/amif-rahaston-haku-paattyi-eu-tukea-haetaan-35-hankkeeseen,
 * https://eusa-rahastot.fi/-/amif-ja-isf-rahastoista-haetaan-eu-tukea-yhteensa-8-5-miljoonaa-euroa).
 * The sentences are ours; the forms and figures are the pages'.
 */
describe('Normalise: the million in other cases, and one million without a figure', () => {
  it.each([
    [
      'Hakijat pyysivät noin 3,2 miljoonaa euroa tarjolla olleesta noin 11,5 miljoonasta eurosta.',
      [
        [3_200_000, true, 100_000, 'prose', 'noin 3,2 miljoonaa euroa'],
        [11_500_000, true, 100_000, 'prose', 'noin 11,5 miljoonasta eurosta'],
      ],
    ],
    [
      'Paluuhankkeisiin pyydettiin yhteensä noin miljoona euroa.',
      [[1_000_000, true, 1_000_000, 'prose', 'noin miljoona euroa']],
    ],
    ['hanke nousi 2 miljoonaan euroon', [[2_000_000, true, 1_000_000, 'prose', '2 miljoonaan euroon']]],
    [
      'hankkeelle myönnettiin miljoonan euron tuki',
      [[1_000_000, true, 1_000_000, 'prose', 'miljoonan euron']],
    ],
    ['Projekten får cirka en miljon euro', [[1_000_000, true, 1_000_000, 'prose', 'cirka en miljon euro']]],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it.each([
    ['tarjolla olleesta noin 11,5 miljoonasta eurosta', 11_500_000, '11,5 miljoonasta eurosta'],
    ['toisesta rahastosta noin miljoona euroa', 1_000_000, 'miljoona euroa'],
  ])('findMillionAmount reads %j', (text, eur, raw) => {
    expect(findMillionAmount(text)).toEqual({ eur, raw });
  });

  it('reads no million without the euro, and no "puoli miljoonaa" as a million', () => {
    expect(findMillionAmount('noin miljoona ihmistä')).toBeNull();
    expect(findMillionAmount('puoli miljoonaa euroa')).toBeNull();
    expect(read('puoli miljoonaa euroa')).toEqual([]);
    expect(read('kaksimiljoona euroa')).toEqual([]);
  });
});
