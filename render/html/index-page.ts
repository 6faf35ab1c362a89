/**
 * The reports folder's front page: one table row per article (outlet,
 * date, agencies, credited or not, reused share), sortable by any column
 * and filterable. It holds a few facts per article and never their text,
 * and draws a page of rows at a time. Its weight is bounded: the page holds
 * the first rows, the others wait in data files beside it, each as large,
 * read (as scripts: a page opened from disk may not fetch) only when a
 * reader pages past the rows at hand, sorts or filters. A corpus of
 * 100,000 articles opens as fast as one of 250.
 */
import type {Report} from '../../pipeline/report-schema.ts'
import {uncreditedShare} from '../uncredited.ts'
import {CREDIT_MEASURES, displayDate} from './article-page.ts'
import {agencyLabel, type AgencyStyle} from './colors.ts'
import {articlePagePath, INDEX_PAGE, relativeHref, REUSE_PAGE} from './links.ts'
import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {pageShell} from './shell.ts'

/** What the index keeps of a report: a few facts, no text. */
export interface IndexRow {
  id: string
  path: string
  title: string | null
  outlet: string | null
  published: string | null
  agencies: Record<string, number>
  credited: boolean | null
  reused: number | null
  uncredited: number | null
}

export function indexRow(report: Report): IndexRow {
  const {article, summary} = report
  return {
    id: article.id,
    path: article.path,
    title: article.title,
    outlet: article.outlets.find((outlet) => outlet.id === article.outlet)?.name ?? article.outlet,
    published: article.published ?? article.date,
    agencies: summary.agencies,
    credited: summary.credited,
    reused: summary.reused,
    uncredited: uncreditedShare(report)
  }
}

/** Rows shown at once; the rest are a page away. */
export const PAGE_ROWS = 100
/** Rows the index page holds, and each of its data files (50 to 70 KB of rows at 2,000 articles): the page weighs the same at any size of corpus. */
export const FILE_ROWS = 250
/** The folder of the index's data files, beside the page. */
export const INDEX_ROWS_FOLDER = 'index-rows'

/** A file of the index: the page, or one of its data files. */
export interface IndexFile {
  path: string
  text: string
}

// The table is drawn from the data block, one page at a time, with DOM calls only (never innerHTML), so article text stays text.
// The data files call wiretraceIndexRows with their rows; they are read one after the other, in the order of the page's rows.
const SCRIPT = `(() => {
  const data = JSON.parse(document.getElementById('articles-data').textContent);
  const PAGE = ${PAGE_ROWS};
  const [HREF, TITLE, PATH, OUTLET, PUBLISHED, DATE, AGENCIES, CREDITED, REUSED, UNCREDITED] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const table = document.querySelector('table.articles');
  const body = table.tBodies[0];
  const status = document.getElementById('status');
  const filter = document.getElementById('filter');
  const previous = document.getElementById('previous');
  const next = document.getElementById('next');
  const collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
  const rows = data.rows;
  let shown = rows;
  let start = 0;
  let filesRead = 0;
  let reading = Promise.resolve();
  window.wiretraceIndexRows = (more) => {
    for (const row of more) rows.push(row);
  };
  const readFile = (href) =>
    new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = href;
      script.onload = resolve;
      script.onerror = () => reject(new Error('Cannot read ' + href + ', a file of this list'));
      document.body.append(script);
    });
  // Reads data files until the page holds \`count\` rows (all of them for Infinity); one read at a time, in order.
  const need = (count) => {
    reading = reading.then(async () => {
      while (rows.length < count && filesRead < data.files.length) {
        status.textContent = 'Reading the list: ' + rows.length + ' of ' + data.total + ' articles\u2026';
        await readFile(data.files[filesRead]);
        filesRead++;
      }
    });
    return reading.catch((error) => {
      status.textContent = error.message;
      throw error;
    });
  };
  const element = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const percent = (share) => (share === null ? '\u2013' : Math.round(share * 100) + '%');
  const badge = (credited) => credited === null ? element('span', 'no agency found', 'badge unknown') : credited ? element('span', 'yes', 'badge yes') : element('span', 'no', 'badge no');
  const keys = {
    title: (row) => row[TITLE],
    outlet: (row) => row[OUTLET] ?? '\uffff',
    published: (row) => row[DATE] ?? '\uffff',
    agencies: (row) => row[AGENCIES].map((pair) => pair[0]).join(' ') || '\uffff',
    credited: (row) => (row[CREDITED] === null ? 2 : row[CREDITED] ? 0 : 1),
    reused: (row) => row[REUSED] ?? -1,
    uncredited: (row) => row[UNCREDITED] ?? -1
  };
  // Until every file is read the list is unsorted and unfiltered: its length is the corpus's.
  const length = () => (shown === rows ? Math.max(rows.length, data.total) : shown.length);
  function render() {
    const fragment = document.createDocumentFragment();
    for (const row of shown.slice(start, start + PAGE)) {
      const tr = document.createElement('tr');
      const article = element('td');
      const link = element('a', row[TITLE]);
      link.setAttribute('href', row[HREF]);
      article.append(link, element('span', row[PATH], 'path'));
      const agencies = element('td');
      for (const [agency, share] of row[AGENCIES]) {
        const chip = element('span', ' ' + (data.names[agency] ?? agency) + ' ' + percent(share), 'chip');
        const swatch = element('span', undefined, 'swatch');
        swatch.style.background = data.colors[agency];
        chip.prepend(swatch);
        agencies.append(chip, ' ');
      }
      const credited = element('td');
      credited.append(badge(row[CREDITED]));
      tr.append(article, element('td', row[OUTLET] ?? 'not recognised'), element('td', row[PUBLISHED] ?? 'unknown'), agencies, credited, element('td', percent(row[REUSED]), 'number'), element('td', percent(row[UNCREDITED]), 'number'));
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    const count = length();
    const range = count === 0 ? 'No article matches' : (start + 1) + '\u2013' + Math.min(start + PAGE, count) + ' of ' + count;
    status.textContent = range + (shown !== rows ? ' (filtered from ' + rows.length + ')' : '');
    previous.disabled = start === 0;
    next.disabled = start + PAGE >= count;
  }
  for (const button of table.querySelectorAll('th button')) {
    button.addEventListener('click', async () => {
      await need(Infinity);
      const header = button.closest('th');
      const key = keys[button.dataset.key];
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      for (const other of table.querySelectorAll('th[aria-sort]')) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const compare = (a, b) => {
        const [x, y] = [key(a), key(b)];
        return typeof x === 'number' ? x - y : collator.compare(x, y);
      };
      rows.sort((a, b) => (ascending ? compare(a, b) : compare(b, a)));
      if (shown !== rows) {
        const kept = new Set(shown);
        shown = rows.filter((row) => kept.has(row));
      }
      start = 0;
      render();
    });
  }
  const haystacks = new Map();
  const haystack = (row) => {
    if (!haystacks.has(row)) haystacks.set(row, [row[TITLE], row[PATH], row[OUTLET] ?? '', row[AGENCIES].map((pair) => pair[0]).join(' ')].join(' ').toLowerCase());
    return haystacks.get(row);
  };
  let typing;
  filter.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(async () => {
      await need(Infinity);
      const query = filter.value.trim().toLowerCase();
      shown = query === '' ? rows : rows.filter((row) => haystack(row).includes(query));
      start = 0;
      render();
    }, 120);
  });
  previous.addEventListener('click', () => {
    start = Math.max(0, start - PAGE);
    render();
  });
  next.addEventListener('click', async () => {
    if (shown === rows) await need(start + 2 * PAGE);
    start += PAGE;
    render();
  });
  render();
})();`

/** One article as the index script reads it: an array, to keep the page small. */
type IndexDatum = [
  href: string,
  title: string,
  path: string,
  outlet: string | null,
  published: string | null,
  date: string | null,
  agencies: Array<[string, number]>,
  credited: boolean | null,
  reused: number | null,
  uncredited: number | null
]

/**
 * The index page and its data files. The page's first rows travel in a
 * JSON block that the page's script draws a page at a time, the others in
 * data files of as many rows, in the same order; without a script the page
 * says where the article pages are.
 */
export function renderIndexPages(rows: IndexRow[], options: {reuseClusters: number; style: AgencyStyle}): IndexFile[] {
  const {style} = options
  const sorted = [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const credited = rows.filter((row) => row.credited === true).length
  const uncredited = rows.filter((row) => row.credited === false).length
  const agencies = new Map<string, number>()
  for (const row of rows) for (const agency of Object.keys(row.agencies)) agencies.set(agency, (agencies.get(agency) ?? 0) + 1)
  const datums = sorted.map(
    (row): IndexDatum => [
      relativeHref(INDEX_PAGE, articlePagePath(row.id)),
      row.title ?? row.id,
      row.path,
      row.outlet,
      row.published ? displayDate(row.published) : null,
      row.published,
      Object.entries(row.agencies).sort((a, b) => b[1] - a[1]),
      row.credited,
      row.reused,
      row.uncredited
    ]
  )
  const files: IndexFile[] = []
  for (let first = FILE_ROWS; first < datums.length; first += FILE_ROWS) {
    files.push({
      path: `${INDEX_ROWS_FOLDER}/${files.length + 1}.js`,
      text: `wiretraceIndexRows(${JSON.stringify(datums.slice(first, first + FILE_ROWS))});\n`
    })
  }
  const data = {
    colors: Object.fromEntries([...agencies.keys()].map((agency) => [agency, style.color(agency)])),
    names: Object.fromEntries([...agencies.keys()].map((agency) => [agency, style.name(agency)])),
    total: datums.length,
    files: files.map((file) => relativeHref(INDEX_PAGE, file.path)),
    rows: datums.slice(0, FILE_ROWS)
  }
  // Inside a script element only "</script" could end it early: no "<" is left for that.
  const json = JSON.stringify(data).replace(/</g, '\\u003c')
  const column = (key: string, label: string, numeric = false) =>
    h('th', {scope: 'col', className: numeric ? ['number'] : undefined}, [h('button', {type: 'button', dataKey: key}, label)])
  const content: ElementContent[] = [
    h('nav.crumbs', {ariaLabel: 'Reports'}, [h('a', {href: INDEX_PAGE, ariaCurrent: 'page'}, 'All articles'), h('a', {href: REUSE_PAGE}, 'Shared text')]),
    h('h1', 'Where the text comes from'),
    h('dl.facts', [
      h('dt', 'Articles'),
      h('dd', rows.length.toLocaleString('en')),
      h('dt', 'Agencies'),
      h(
        'dd',
        agencies.size === 0
          ? 'none found'
          : h(
              'ul.chips',
              style.order(agencies.keys()).map((agency) => h('li.chip', [agencyLabel(style, agency, `in ${agencies.get(agency)!.toLocaleString('en')}`)]))
            )
      ),
      h('dt', CREDIT_MEASURES.names),
      h('dd', `${credited.toLocaleString('en')} name every agency they come from, ${uncredited.toLocaleString('en')} do not`),
      h('dt', 'Shared text'),
      h('dd', [
        h(
          'a',
          {href: REUSE_PAGE},
          `${options.reuseClusters.toLocaleString('en')} stor${options.reuseClusters === 1 ? 'y' : 'ies'}: groups of articles that share text`
        )
      ])
    ]),
    h('div.tools', [
      h('label', ['Filter ', h('input#filter', {type: 'search', placeholder: 'title, outlet, agency, path…', autoComplete: 'off'})]),
      h('span#status', {role: 'status'}, `${rows.length.toLocaleString('en')} articles`)
    ]),
    h('table.articles', [
      h('caption.legend', 'Select a column heading to sort by it.'),
      h('thead', [
        h('tr', [
          column('title', 'Article'),
          column('outlet', 'Outlet'),
          column('published', 'Published'),
          column('agencies', 'Agencies'),
          column('credited', CREDIT_MEASURES.names),
          column('reused', 'Reused', true),
          column('uncredited', CREDIT_MEASURES.uncredited, true)
        ])
      ]),
      h('tbody')
    ]),
    h('nav.pager', {ariaLabel: 'Pages of the list'}, [
      h('button#previous', {type: 'button'}, `Previous ${PAGE_ROWS}`),
      h('button#next', {type: 'button'}, `Next ${PAGE_ROWS}`)
    ]),
    h('noscript', [
      h('p', ["The list of articles needs JavaScript. Each article's page is beside its JSON report, named like it with ", h('code', '.html'), ' at the end.'])
    ]),
    h('script#articles-data', {type: 'application/json'}, json)
  ]
  // The data files are scripts the page's own script adds: 'strict-dynamic' lets them run, and nothing else.
  return [{path: INDEX_PAGE, text: pageShell({title: 'Articles · wiretrace', script: SCRIPT, loadsScripts: files.length > 0}, content)}, ...files]
}
