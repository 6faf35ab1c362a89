/**
 * The frame every page shares: one self-contained HTML file with its CSS
 * inline, no request to any server (a Content-Security-Policy forbids them,
 * and forbids any script but the page's own, pinned by hash), readable
 * when opened straight from disk. A page whose script reads data files
 * beside it runs what that script adds, and nothing else.
 */
import {createHash} from 'node:crypto'
import type {ElementContent} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {GENERATOR} from '../../core/version.ts'

const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --paper: #fff; --soft: #f6f8fa; --mark: #fff1a8; --accent: #0550ae; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #fb8c00; outline-offset: 2px; }
.page { max-width: 80rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
nav.crumbs { font-size: .9rem; margin-bottom: .5rem; }
nav.crumbs a + a::before { content: "·"; color: var(--muted); margin: 0 .5rem; display: inline-block; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .25rem 0 .75rem; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .15rem 1rem; margin: 0 0 1rem; font-size: .95rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.chips { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; padding: 0; margin: 0; }
.chip { display: inline-flex; align-items: center; gap: .35rem; border: 1px solid var(--line); border-radius: 1rem; padding: .05rem .6rem; font-size: .85rem; background: var(--soft); white-space: nowrap; }
.swatch { width: .8rem; height: .8rem; border-radius: 50%; display: inline-block; flex: none; border: 1px solid rgb(0 0 0 / .25); }
.badge { display: inline-block; white-space: nowrap; border-radius: .3rem; padding: 0 .45rem; font-size: .85rem; font-weight: 600; }
.badge.yes { background: #dafbe1; color: #116329; }
.badge.no { background: #ffebe9; color: #a40e26; }
.badge.unknown { background: var(--soft); color: var(--muted); }
.legend { font-size: .85rem; color: var(--muted); margin: .5rem 0 1rem; }
.legend del, .legend mark { color: var(--ink); }
ol.lines { list-style: none; padding: 0; margin: 0; border-top: 1px solid var(--line); }
.line { display: grid; grid-template-columns: 3rem .4rem minmax(0, 1fr) minmax(13rem, 21rem); gap: 0 .75rem; padding: .5rem 0; border-bottom: 1px solid var(--line); scroll-margin-top: 1rem; }
.line:target { background: #fff8c5; box-shadow: inset 4px 0 0 #bf8700; }
.ln { color: var(--muted); font: .8rem/1.9 ui-monospace, SFMono-Regular, Menlo, monospace; text-align: right; }
.ribbon { display: flex; flex-direction: column; border-radius: .2rem; overflow: hidden; }
.ribbon span { flex: 1; }
.text { overflow-wrap: anywhere; white-space: pre-wrap; }
.line.title .text { font-weight: 700; }
.line.meta .text, .line.dek .text { color: var(--muted); font-style: italic; }
.line.boilerplate .text { color: var(--muted); }
del { text-decoration-thickness: 2px; text-decoration-color: #cf222e; color: var(--muted); }
.tag { font: .72rem/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--soft); border: 1px solid var(--line); border-radius: .25rem; padding: 0 .3rem; margin-left: .3rem; color: var(--muted); white-space: nowrap; text-decoration: none; display: inline-block; }
mark { background: var(--mark); border-bottom: 2px solid #d4a72c; padding: 0 .05rem; }
a.reuse { color: inherit; text-decoration: none; }
a.reuse:hover mark, a.reuse:focus-visible mark { background: #ffd33d; }
.notes { font-size: .82rem; color: var(--muted); overflow-wrap: anywhere; padding-right: .5rem; }
.notes ul { list-style: none; margin: 0; padding: 0; }
.notes li + li { margin-top: .3rem; }
.notes .agency { color: var(--ink); font-weight: 600; }
.notes q { font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; caption-side: top; padding: .25rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { position: sticky; top: 0; background: var(--paper); border-bottom: 2px solid var(--line); }
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
.path { display: block; color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }
.tools { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; flex-wrap: wrap; }
.pager { display: flex; gap: .5rem; margin: .75rem 0; }
.pager button { font: inherit; padding: .25rem .75rem; border: 1px solid var(--line); border-radius: .3rem; background: var(--soft); cursor: pointer; }
.pager button:disabled { color: var(--muted); cursor: default; }
.tools input { font: inherit; padding: .3rem .5rem; border: 1px solid var(--line); border-radius: .3rem; min-width: 18rem; }
.matrix { width: auto; }
.matrix th, .matrix td { border: 1px solid var(--line); text-align: center; min-width: 3.2rem; }
.matrix th[scope="row"] { text-align: left; max-width: 22rem; font-weight: 400; }
.matrix td { vertical-align: middle; font-variant-numeric: tabular-nums; }
.matrix td.self { background: var(--soft); }
.cluster { border: 1px solid var(--line); border-radius: .5rem; padding: .25rem 1rem 1rem; margin: 1rem 0; overflow-x: auto; }
.cluster h3 { font-size: 1.05rem; }
.fed { margin: .25rem 0 .75rem; }
.agency-label { white-space: nowrap; }
.agency-label .swatch { margin-right: .3em; vertical-align: -.05em; }
.agency-legend { margin: .25rem 0 .75rem; }
.text[dir="rtl"], .side[dir="rtl"] { text-align: right; }
.folded a, #copies summary { font-weight: 600; }
ol.copies { font-size: .85rem; columns: 2 24rem; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 1.5rem; }
.side { padding: .5rem .75rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--soft); overflow-wrap: anywhere; white-space: pre-wrap; }
.side-label { margin: 0; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; }
.side-head h2 { margin: .1rem 0 .25rem; font-size: 1.05rem; }
.passage { margin: 1rem 0 1.5rem; }
.passage-head { font-size: .85rem; color: var(--muted); margin: 0 0 .3rem; }
ins { background: #dafbe1; text-decoration: underline 2px #1a7f37; color: #116329; }
del.changed, ins.changed { background: #fff1a8; color: var(--ink); }
mark.anchor { background: #ddf4ff; border-bottom: 2px solid #0969da; }
.notes .anchors { color: var(--ink); }
ins.changed { text-decoration: underline 2px #bf8700; }
del.changed { text-decoration-color: #bf8700; }
svg.timeline { max-width: 100%; height: auto; }
svg.timeline .axis, svg.timeline .changed { fill: var(--muted); }
figure { margin: 1rem 0; overflow-x: auto; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@media (max-width: 52rem) {
  .pair { grid-template-columns: minmax(0, 1fr); }
  .line { grid-template-columns: 2.5rem .4rem minmax(0, 1fr); }
  .notes { grid-column: 3; margin-top: .3rem; }
}
`

export interface ShellOptions {
  title: string
  /** BCP 47 tag of the page's main text (an article's language); English, the language of the page's own words, by default. */
  lang?: string | null
  /** The page's script, if it has one; it is the only script the page may run. */
  script?: string
  /** Whether the page's script adds scripts of its own (data files beside the page): the policy then trusts what it adds ('strict-dynamic'). */
  loadsScripts?: boolean
}

function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`
}

/** A complete page around `content`, serialised by hast-util-to-html, which escapes every text and attribute value. */
export function pageShell(options: ShellOptions, content: ElementContent[]): string {
  const scriptSource = options.script ? `${scriptHash(options.script)}${options.loadsScripts ? " 'strict-dynamic'" : ''}` : "'none'"
  const policy = `default-src 'none'; style-src 'unsafe-inline'; script-src ${scriptSource}; img-src 'none'; base-uri 'none'; form-action 'none'`
  const tree = h(null, [
    {type: 'doctype'},
    h('html', {lang: options.lang ?? 'en'}, [
      h('head', [
        h('meta', {charSet: 'utf-8'}),
        h('meta', {httpEquiv: 'Content-Security-Policy', content: policy}),
        h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
        h('meta', {name: 'generator', content: GENERATOR}),
        h('title', options.title),
        h('style', STYLE)
      ]),
      h('body', [
        h('div.page', [...content, h('footer', `Made by ${GENERATOR}. Static page: no server, no network.`)]),
        ...(options.script ? [h('script', options.script)] : [])
      ])
    ])
  ])
  return `${toHtml(tree, {characterReferences: {useNamedReferences: true}})}\n`
}
