/**
 * The reports folder's front page: one table row per article (outlet,
 * date, agencies, credited or not, reused share), sortable by any column
 * and filterable. It holds a few facts per article and never their text,
 * and draws a page of rows at a time, so it opens fast for corpora of
 * 100,000 articles.
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

/** Rows shown at once; the rest are a page away, so 100,000 articles open as fast as 100. */
export const PAGE_ROWS = 100

// The table is drawn from the data block, one page at a time, with DOM calls only (never innerHTML), so article text stays text.
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
    const range = shown.length === 0 ? 'No article matches' : (start + 1) + '\u2013' + Math.min(start + PAGE, shown.length) + ' of ' + shown.length;
    status.textContent = range + (shown.length < rows.length ? ' (filtered from ' + rows.length + ')' : '');
    previous.disabled = start === 0;
    next.disabled = start + PAGE >= shown.length;
  }
  for (const button of table.querySelectorAll('th button')) {
    button.addEventListener('click', () => {
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
      shown = shown === rows ? rows : rows.filter((row) => shown.includes(row));
      start = 0;
      render();
    });
  }
  const haystacks = new Map();
  const haystack = (row) => {
    if (!haystacks.has(row)) haystacks.set(row, [row[TITLE], row[PATH], row[OUTLET] ?? '', row[AGENCIES].map((pair) => pair[0]).join(' ')].join(' ').toLowerCase());
    return haystacks.get(row);
  };
  let pending;
  filter.addEventListener('input', () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
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
  next.addEventListener('click', () => {
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
 * The index page. Its rows travel as one JSON block that the page's script
 * draws a page at a time; without a script the page says where the
 * article pages are.
 */
export function renderIndexPage(rows: IndexRow[], options: {reuseClusters: number; style: AgencyStyle}): string {
  const {style} = options
  const sorted = [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const credited = rows.filter((row) => row.credited === true).length
  const uncredited = rows.filter((row) => row.credited === false).length
  const agencies = new Map<string, number>()
  for (const row of rows) for (const agency of Object.keys(row.agencies)) agencies.set(agency, (agencies.get(agency) ?? 0) + 1)
  const data = {
    colors: Object.fromEntries([...agencies.keys()].map((agency) => [agency, style.color(agency)])),
    names: Object.fromEntries([...agencies.keys()].map((agency) => [agency, style.name(agency)])),
    rows: sorted.map(
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
  return pageShell({title: 'Articles · wiretrace', script: SCRIPT}, content)
}
