/**
 * The floor of `npm run bench`, run as its own fresh process: load the page, parse it with
 * cheerio and read the text of every table cell, the least any scraper of the page must do.
 * Prints the number of cells. Bundled by the bench with the command line's cheerio aliases.
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';

const [page] = process.argv.slice(2);
if (!page) throw new Error('usage: floor <page.html>');
const $ = cheerio.load(readFileSync(page, 'utf8'));
let cells = 0;
$('td').each((_, el) => {
  if ($(el).text() !== undefined) cells++;
});
process.stdout.write(`${cells}\n`);
