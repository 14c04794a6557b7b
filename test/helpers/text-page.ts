import { escapeXml } from './xml-escape';

/**
 * A minimal HTML page around the text of a fixture page (see test/fixtures/pages/real-pages.ts):
 * the prelude lines in a `<nav>` before `<main>`, the title as `<h1>`, the named headings as `<h2>`,
 * " • " lines as `<li>`, and every other run of lines between blank lines as one `<p>` whose lines
 * are joined by `<br>`. With `linesAsBlocks` each line is a block of its own (copies that have no
 * blank lines, like Migri's). The text itself is not changed.
 */
export function textPage(
  text: string,
  page: {
    readonly lang: string;
    readonly prelude: readonly string[];
    readonly title: string;
    readonly headings: readonly string[];
  },
  options: { readonly linesAsBlocks?: boolean } = {},
): string {
  const lines = text.split('\n');
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === '' || options.linesAsBlocks) {
      if (current.length > 0) groups.push(current);
      current = options.linesAsBlocks && line.trim() !== '' ? [line] : [];
      if (options.linesAsBlocks && current.length > 0) {
        groups.push(current);
        current = [];
      }
      continue;
    }
    current.push(line);
  }
  if (current.length > 0) groups.push(current);

  const nav: string[] = [];
  const main: string[] = [];
  let list: string[] = [];
  const closeList = () => {
    if (list.length > 0) main.push(`<ul>${list.join('')}</ul>`);
    list = [];
  };
  let beforeTitle = true;
  for (const group of groups) {
    for (const [i, line] of group.entries()) {
      const trimmed = line.trim();
      if (beforeTitle && page.prelude.includes(trimmed)) {
        nav.push(`<a href="#">${escapeXml(trimmed)}</a>`);
        group[i] = '';
      } else if (trimmed === page.title) {
        beforeTitle = false;
        closeList();
        main.push(`<h1>${escapeXml(trimmed)}</h1>`);
        group[i] = '';
      } else if (page.headings.includes(trimmed)) {
        closeList();
        main.push(`<h2>${escapeXml(line)}</h2>`);
        group[i] = '';
      } else if (/^ • /.test(line)) {
        list.push(`<li>${escapeXml(line.slice(3))}</li>`);
        group[i] = '';
      }
    }
    const rest = group.filter((l) => l !== '');
    if (rest.length > 0) {
      closeList();
      main.push(`<p>${rest.map(escapeXml).join('<br>')}</p>`);
    }
  }
  closeList();
  return `<!DOCTYPE html><html lang="${page.lang}"><head><meta charset="utf-8"><title>${escapeXml(page.title)}</title></head><body><nav>${nav.join(' ')}</nav><main>${main.join('\n')}</main></body></html>`;
}
