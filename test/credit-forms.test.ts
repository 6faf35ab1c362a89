/**
 * Agencies credited the ways pages credit them, on real articles. Each
 * corpus2 and xlang article whose text credits no agency is given a credit
 * in one of the shapes outlets print (a credit line under the text, a wire
 * dateline opening the lead, a byline under the title), in many languages,
 * and its body must then be credited to that agency alone; a line that only
 * names an agency (a sentence about it, a photo credit, a teaser), or an
 * acronym an agency's code spells, must credit nothing.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Report} from '../pipeline/report-schema.ts'
import {reportFor} from './helpers/pipeline.ts'

const FOLDERS = ['test/fixtures/corpus2', 'test/fixtures/xlang']

/** The agencies credited to the body. */
const credited = (report: Report) => [
  ...new Set(report.blocks.filter((block) => block.role === 'body').flatMap((block) => block.sources.map((source) => source.agency)))
]

/** The articles with no agency, whose offsets are the text's own (no character outside the Basic Multilingual Plane). */
const uncredited = FOLDERS.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => {
      const text = readFileSync(join(folder, name), 'utf8')
      return {name, text, report: reportFor(text, name)}
    })
    .filter(({text, report}) => [...text].length === text.length && credited(report).length === 0)
)

type Place = (text: string, report: Report, line: string) => string | undefined

const atEnd: Place = (text, _report, line) => `${text.trimEnd()}\n\n${line}\n`
const beforeLead: Place = (text, report, dateline) => {
  const lead = report.blocks.find((block) => block.role === 'body')
  return lead && text.slice(0, lead.start) + dateline + text.slice(lead.start)
}
/** Before the lead, where the lead opens with a capital letter, as a sentence does; undefined elsewhere. */
const beforeSentence: Place = (text, report, dateline) => {
  const lead = report.blocks.find((block) => block.role === 'body')
  return lead && /^\p{Lu}/u.test(lead.text) ? beforeLead(text, report, dateline) : undefined
}
/** On a line of its own, right above the lead. */
const aboveLead: Place = (text, report, line) => {
  const lead = report.blocks.find((block) => block.role === 'body')
  return lead && `${text.slice(0, lead.start)}${line}\n\n${text.slice(lead.start)}`
}
const underTitle: Place = (text, report, line) => {
  const title = report.blocks.findLast((block) => block.ruleId === 'metadata/title')
  return title && `${text.slice(0, title.end)}\n\n${line}\n${text.slice(title.end)}`
}

/** After the last sentence of the text, on its line; undefined where the text ends cut short, with no sentence to close. */
const closingLastSentence =
  (words: string, space = ' '): Place =>
  (text, report) => {
    const last = report.blocks.findLast((block) => block.role === 'body')
    if (!last || !/[.!?"”»]\s*$/u.test(last.text)) return undefined
    const end = last.start + last.text.trimEnd().length
    return `${text.slice(0, end)}${space}${words}${text.slice(end)}`
  }

/** The articles whose body `place` does not credit to `agency` alone, and how many were tried. */
function misses(place: Place, line: string, agency: string | null): {tried: number; missed: string[]} {
  const missed: string[] = []
  let tried = 0
  for (const {name, text, report} of uncredited) {
    const changed = place(text, report, line)
    if (changed === undefined) continue
    tried++
    const found = credited(reportFor(changed, name))
    if (JSON.stringify(found) !== JSON.stringify(agency === null ? [] : [agency])) missed.push(`${name}: ${found.join('+') || '-'}`)
  }
  return {tried, missed}
}

/** With `line` put at `place`, every article tried (at least `least` of them) credits `agency` alone (null: none). */
function expectEachCredits(place: Place, line: string, agency: string | null, least: number): void {
  const {tried, missed} = misses(place, line, agency)
  expect(tried).toBeGreaterThanOrEqual(least)
  expect(missed).toEqual([])
}

describe('agencies credited the ways pages credit them', () => {
  it('has articles without an agency, in several languages, to credit', () => {
    expect(uncredited.length).toBeGreaterThanOrEqual(30)
    expect(new Set(uncredited.map(({report}) => report.article.language)).size).toBeGreaterThanOrEqual(8)
  })

  it.each([
    ['With inputs from Reuters', 'reuters'],
    ['Additional reporting by Reuters', 'reuters'],
    ['The Associated Press contributed to this report.', 'ap'],
    ['Source: Xinhua', 'xinhua'],
    ['Sumber: ANTARA', 'antara'],
    ['Fuente: EFE', 'efe'],
    ['Mit Material von dpa', 'dpa'],
    ['Avec AFP', 'afp'],
    ['Kaynak: AA', 'anadolu'],
    ['По материалам РИА Новости', 'ria'],
    ['(أ ف ب)', 'afp'],
    ['المصدر: رويترز', 'reuters'],
    ['来源：新华社', 'xinhua'],
    ['（法新社）', 'afp'],
    ['-- BERNAMA', 'bernama'],
    ['Reporter: Rina Nur | Editor: Budi Santoso | Sumber: ANTARA', 'antara'],
    ['Editor: Budi; Sumber: ANTARA', 'antara'],
    ['Źródło: PAP', 'pap'],
    ['Zdroj: ČTK', 'ctk'],
    ['Forrás: MTI', 'mti'],
    ['Izvor: Hina', 'hina'],
    ['Theo TTXVN', 'vna'],
    ['Källa: TT', 'tt'],
    ['— The Canadian Press', 'canadian-press'],
    ['Source: Australian Associated Press', 'aap'],
    ['Text: dpa', 'dpa'],
    ['Texto: EFE', 'efe'],
    ['Tekst: ANP', 'anp'],
    ['Fuentes: EFE', 'efe'],
    ['Quellen: dpa', 'dpa'],
    [
      'Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.',
      'ap'
    ],
    ['© 2024 AFP. Tous droits réservés.', 'afp'],
    ['© dpa-infocom, dpa:241206-930-309521/1', 'dpa'],
    ['Riproduzione riservata © Copyright ANSA', 'ansa'],
    ['(أ ش أ)', 'mena'],
    // A source set as a list's item.
    ['• Reuters', 'reuters'],
    ['· رويترز', 'reuters'],
    // A word naming the agency as one beside its name, in four scripts; a label and a name in Devanagari.
    ['خبرگزاری مهر', 'mehr'],
    ['وكالة رويترز', 'reuters'],
    ['агентство Рейтер', 'reuters'],
    ['Agencia Xinhua', 'xinhua'],
    ['Agency:पीटीआई', 'pti'],
    // Persian spells the registry's Arabic yeh its own way.
    ['خبرگزاری تسنیم', 'tasnim'],
    // A wire's end mark after the agency and a slash; a label naming the agency by its noun.
    ['Lusa/Fim', 'lusa'],
    // A name read only in brackets, as all the bracket of a line of its own holds.
    ['(SDA)', 'keystone-sda'],
    ['(PL)', 'prensalatina'],
    // Codes in lower case, alone, with desks' initials or under a label; a German outlet's code for Reuters.
    ['efe', 'efe'],
    ['afp/jd', 'afp'],
    ['Forrás: mti', 'mti'],
    ['(afp)', 'afp'],
    ['(rtr)', 'reuters'],
    ['Mit Material der Nachrichtenagentur AFP', 'afp'],
    ['Sumber: Antaranews', 'antara'],
    // Names in capitals after a bar are other sources, not a photographer.
    ['BERNAMA | THE STAR | JANE DOE', 'bernama'],
    // In brackets, with the place it was filed from and a date run together.
    ['[Source: Reuters, Paris, 12Mar19]', 'reuters']
  ])('a credit line under the text: %s', (line, agency) => expectEachCredits(atEnd, line, agency, uncredited.length))

  it.each([
    ['PARIS, Dec 6 (AFP) — ', 'afp'],
    ['(Reuters) - ', 'reuters'],
    ['MOSCOW, December 6. /TASS/. ', 'tass'],
    ['Madrid, 6 dic (EFE).- ', 'efe'],
    ['الرياض (رويترز) - ', 'reuters'],
    ['МОСКВА, 6 дек — РИА Новости. ', 'ria'],
    ['Москва. 6 декабря. INTERFAX - ', 'interfax'],
    ['新华社北京12月6日电 ', 'xinhua'],
    ['HÀ NỘI (TTXVN) - ', 'vna'],
    ['Wien (APA) - ', 'apa-austria'],
    ['SYDNEY (AAP) - ', 'aap'],
    ['TORONTO (CP) — ', 'canadian-press'],
    ['Seoul, Dec. 6 (Yonhap) ', 'yonhap'],
    ['WASHINGTON, Sept. 30 (UPI) ', 'upi'],
    ['(서울=연합뉴스) 홍길동 기자 = ', 'yonhap'],
    ['Praha 6. prosince (ČTK) - ', 'ctk'],
    ['Jakarta, 6/12 (ANTARA) - ', 'antara'],
    ['Berlin, 6. Dezember (dpa) - ', 'dpa'],
    ['АСТАНА. Kazinform – ', 'kazinform'],
    ['القاهرة - أ ش أ - ', 'mena'],
    // A place's region in brackets, a place of two names, a Swiss code in lower case, a tatweel for the dash.
    ['Ottawa (Canadá), 6 dic (EFE).- ', 'efe'],
    ['Nueva York (EE.UU.), 9 sep (EFE).- ', 'efe'],
    ['Halle (Saale) (dpa) - ', 'dpa'],
    ['Frankfurt/Main (dpa) - ', 'dpa'],
    ['Bern (sda) - ', 'keystone-sda'],
    ['Genève (ats) - ', 'keystone-sda'],
    ['الرياض ـ واس ـ ', 'spa'],
    // Agencies of Ukraine, Brazil and Italy the registry did not list.
    ['ЛЬВІВ. 6 грудня. УНН. ', 'unn'],
    ['(FOLHAPRESS) – ', 'folhapress'],
    ['Roma, 6 dic (Italpress) - ', 'italpress'],
    // Agencies' names in Urdu and in Kazakh's Arabic script; a Chinese dateline in brackets, with the day alone.
    ['لاہور،6دسمبر (اے پی پی):', 'app-pakistan'],
    ['استانا. قازاقپارات - ', 'kazinform'],
    ['(法新社巴黎6日电) ', 'afp'],
    // A month of two names set apart by a slash, then the agency between slashes.
    ['هافانا، 6 نوفمبر/تشرين الثاني. /تاس/. ', 'tass'],
    // A time in the dateline's head, and a dash before the bracket.
    ['Roma, 6 dic 10:15 – (Xinhua) – ', 'xinhua'],
    // Names the registry reads only as all a bracket holds (\`bracketed\`): a country's code, a common word, "joint".
    ['La Habana, 6 dic (PL) - ', 'prensalatina'],
    ['MADRID, 6 (EP) - ', 'europa-press'],
    ['ADDIS ABABA, Dec 6 (ENA) - ', 'ena'],
    ['लाहौर, 14 सितंबर (भाषा) ', 'pti'],
    ['【ワシントン共同】', 'kyodo'],
    // A name the common caps-dateline rule cuts as a place: alone before the dash, or after its place and a comma.
    ['AGI – ', 'agi'],
    ['JAKARTA, ANTARA - ', 'antara'],
    // Codes that are common words elsewhere, read only as all a dateline's bracket or its slot between dashes holds.
    ['Rabat, 6 déc. 2024 (MAP) - ', 'map'],
    ['Tunis, 6 déc (TAP) - ', 'tap'],
    ['بغداد - واع - ', 'ina'],
    // A place, a dash and the name closed by a full stop; slashes after a word, spaced inside; an Italian agency.
    ['موسكو - سبوتنيك. ', 'sputnik'],
    ['أبوظبي في 6 ديسمبر/ وام / ', 'wam'],
    ['أنقرة/ الأناضول/ ', 'anadolu'],
    ['Roma, 6 dic. (LaPresse) - ', 'lapresse'],
    // Initials set apart by full stops, then a colon; a name read only as all its slot holds; a Russian legal agency.
    ['واشنطن ـ د.ب.أ: ', 'dpa'],
    ['واشنطن – سبأ: ', 'saba'],
    ['МОСКВА, 6 дек - РАПСИ. ', 'rapsi'],
    // The agency's name as its site's, after the place and date or the date alone; a scrape's colon run into the lead.
    ['Москва. 6 декабря. INTERFAX.RU - ', 'interfax'],
    ['6 декабря. Interfax-Russia.ru - ', 'interfax'],
    ['باريس - فرانس برس:', 'afp'],
    // The name closed by a full stop and a dash at once, as Spanish-language wires set it.
    ['Caracas, 6 dic. AVN.- ', 'avn'],
    ['Prensa Latina.- ', 'prensalatina'],
    ['La Paz, 6 dic. ABI.- ', 'abi']
  ])('a wire dateline opening the lead: %s', (dateline, agency) => expectEachCredits(beforeLead, dateline, agency, 30))

  it.each([
    ['(Belga) ', 'belga'],
    ['(AFP) ', 'afp'],
    ['[Reuters] ', 'reuters']
  ])('a bracket holding the agency alone, then the lead opening a sentence: %s', (dateline, agency) => expectEachCredits(beforeSentence, dateline, agency, 20))

  it.each([
    // A place, a dash and a name that is no agency's, then a dash: an aside, not a dateline.
    'Presiden - Jokowi - ',
    // A name that opens with an agency's, closed by a full stop.
    'Jakarta - Antara Wijaya. ',
    // A Korean dateline's shape around a name the registry does not know.
    '(서울=홍길동) ',
    // An acronym in brackets after a comma, then a date in brackets: no region before an agency.
    'Komisi Pemberantasan Korupsi (KPK), Senin (6/12), ',
    // A section's path with a slash, then a colon.
    'Politik/Wirtschaft: ',
    // A date, then a place that is no agency's.
    '6 декабря. Москва - ',
    // A place and a day before the dash, no agency.
    'Jakarta, Senin - ',
    // A bracket holding a date, or a name that is no agency's, before a sentence.
    '(6 dicembre 2024) ',
    '(Foto) '
  ])("no credit from a lead opening in a dateline's shape without an agency: %s", (opening) => expectEachCredits(beforeLead, opening, null, 30))

  it.each([
    ['By Jane Doe, Reuters', 'reuters'],
    ['Oleh: ANTARA', 'antara'],
    ['Reuters Staff', 'reuters'],
    ['AFP | Updated 10:32 GMT', 'afp'],
    ['Jane Doe, Reuters', 'reuters'],
    ['Jane Doe, John Roe and Mary Ann Smith, Reuters', 'reuters'],
    ['Jane Doe and John Roe, Reuters', 'reuters'],
    ['Redacción con información de AFP', 'afp'],
    ['HT News Desk, with inputs from Reuters', 'reuters'],
    ['Redação, com informações da Reuters', 'reuters'],
    ['Redaktion mit Material von dpa', 'dpa'],
    ['Xinhua, December 6, 2024', 'xinhua'],
    ['Reuters / 6 Dec 2024', 'reuters'],
    ['Jane Doe, Reuters, 6 Dec 2024', 'reuters'],
    ['By AFP, 12/06/2024', 'afp'],
    ['Agencia EFE | Madrid', 'efe'],
    ['AFP, Paris', 'afp'],
    ['Reuters / New York', 'reuters'],
    ['Xinhua, Beijing, December 6, 2024', 'xinhua'],
    ['Jane Doe, Reuters, Paris', 'reuters'],
    // The reporter's name run into the agency's name of two words, in capitals or not.
    ['By Mary Major Associated Press', 'ap'],
    ['By MARY MAJOR Associated Press', 'ap'],
    ['By Mary Major The Associated Press', 'ap'],
    ['AP News', 'ap'],
    // A labelled credit among fields set apart by runs of spaces; a labelled date after a labelled credit; a date, then
    // a run of spaces and the agency's full name.
    ['2024-12-06 09:15:00  来源:新华社  责任编辑:王芳', 'xinhua'],
    ['Source:Xinhua Published: 2024/12/6 9:15:00', 'xinhua'],
    ['2024-12-06, 09:15  Polska Agencja Prasowa', 'pap'],
    ['Укринформ', 'ukrinform'],
    // Fields set apart by one space before the next field's label.
    ['2024-12-06 09:15:00 来源: 新华社 责任编辑:王芳', 'xinhua'],
    ['Source: Reuters Editor: Jane Doe', 'reuters'],
    ['Πηγή: ΑΠΕ', 'amna'],
    // An agency under a byline's label, alone, after the outlet's site or among fields; a date in brackets after the credit.
    ['Reporter: Antara', 'antara'],
    ['— Autor: Noviny.cz / ČTK', 'ctk'],
    ['06/12/2024 | 10:15 | Аутор: ТАНЈУГ', 'tanjug'],
    ['โดย สำนักข่าวอินโฟเควสท์ (6 ธ.ค. 67)', 'infoquest'],
    ['AFP (06/12/2024)', 'afp'],
    // A date and a time in fields of their own before the credit.
    ['6 de Diciembre de 2024 | 10:15 | AFP', 'afp'],
    // A date written out after the credit and a space, or inside its bracket.
    ['Lusa 6 de dezembro de 2024 às 10:15', 'lusa'],
    ['(AFP 06/12/24)', 'afp'],
    // The outlet's name, the credit, then the date, between bars; a Chinese label naming the news's source.
    ['Noticias Hoy | Europa Press | 6 dic, 2024 10:15', 'europa-press'],
    ['新闻来源: AFP', 'afp'],
    // A reporter's role or a newsroom before the agency, maybe joined to it by a preposition or a hyphen.
    ['Jane Doe - Repórter da Agência Brasil', 'agencia-brasil'],
    ["Par Jane Doe, correspondant de l'AFP", 'afp'],
    ['Por Jane Doe, corresponsal de EFE', 'efe'],
    ['Von Jane Doe, dpa-Korrespondentin', 'dpa'],
    ['Redacción / AFP', 'afp'],
    ['La rédaction avec AFP', 'afp'],
    // The agency in brackets after the reporter's name; Portuguese "from".
    ['Por Jane Doe (Reuters)', 'reuters'],
    ['By Jane Doe (AFP)', 'afp'],
    ['Da EFE', 'efe']
  ])('a byline under the title: %s', (line, agency) => expectEachCredits(underTitle, line, agency, 10))

  it.each([
    ['PARIS (AFP)', 'afp'],
    ['هافانا (وام)', 'wam'],
    ['Kuala Lumpur, 6 Dec (Bernama)', 'bernama'],
    // A place and an agency without brackets, maybe with the date.
    ['الرياض - واس', 'spa'],
    ['الرياض ـ واس 2024.12.06 | 09:15 am', 'spa'],
    ['واشنطن – سبأ:', 'saba'],
    ['واشنطن ـ د.ب.أ', 'dpa'],
    // A dash between place and agency without spaces, in a script without case.
    ['دمشق-سانا', 'sana']
  ])('a dateline printed on a line of its own above the lead: %s', (line, agency) => expectEachCredits(aboveLead, line, agency, 30))

  it.each([
    // A headline in title case, captions ending their sentence or naming the picture, each closed by the agency's bracket.
    'Putin Visits Pyongyang (Reuters)',
    'Rescuers Search. (Reuters)',
    '북한이 동해상으로 탄도미사일을 발사했다. (연합뉴스)',
    'صورة (رويترز)',
    // A headline in title case with its agency after a dash.
    'Oil Rises - Reuters'
  ])('no dateline from a line of its own that is no place: %s', (line) => {
    const readAsDateline = uncredited.filter(({name, text, report}) =>
      reportFor(aboveLead(text, report, line)!, name).blocks.some((block) => block.text === line && block.ruleId === 'credits/dateline')
    )
    expect(readAsDateline.map(({name}) => name)).toEqual([])
  })

  it('no byline from a reporter whose surname runs into a one-word agency name: By Jane Antara', () => {
    expectEachCredits(underTitle, 'By Jane Antara', null, 10)
  })

  it.each([
    'Reuters is a news agency owned by Thomson Reuters.',
    'Follow AFP on Twitter',
    'Photo: Reuters',
    'Police stand guard outside the court. AP Photo/Jane Doe',
    'Police stand guard outside the court on Monday. — Bernama pic',
    'Reuters fact check: viral claim is false',
    'By Jane Doe and John Roe',
    'Reporter: Rina Nur | Editor: Budi Santoso | Foto: ANTARA',
    'Talks with inputs from Reuters journalists',
    'Reuters, AP staff among 5 hurt',
    'Putin Visits Pyongyang | Reuters',
    'AFP Journalist Killed | Gaza',
    'Copyright law changes. Parliament voted on Tuesday to extend protection to seventy years.',
    // A radio's code and its country's: Prensa Latina's PL counts only in a dateline's or a sign-off's bracket.
    'RDC /PL',
    'Autor: RDC/PL',
    // A reporter whose name opens with an agency's; a year, then a name.
    'Reporter: Antara Wijaya',
    'Reporter Antara Wijaya',
    // An acronym in brackets on a line of its own that no agency is.
    '(KPK)',
    // A photographer's name in capitals after the agency and a slash: the picture's credit.
    '(AFP/JANE DOE)',
    '(AFP / JANE DOE)',
    // Desks' initials alone, and a site's path in lower case.
    'jd/ab',
    'home / news / world',
    // A role with no agency, and a photographer's credit.
    'Jane Doe, Korrespondentin der Redaktion',
    'Jane Doe, AFP photographer',
    'AFP 2024 Jane Doe',
    // The outlet's name, then a desk that is no agency, then the date.
    'Noticias Hoy | Redacción | 6 dic, 2024 10:15'
  ])('no credit from a line that only names an agency: %s', (line) => expectEachCredits(atEnd, line, null, uncredited.length))

  it.each([
    ['/AFP/', 'afp'],
    ['— Reuters', 'reuters'],
    ['(Xinhua)', 'xinhua'],
    // A credit label inside the bracket.
    ['(Sumber: Antara)', 'antara'],
    ['(Fuente: EFE)', 'efe'],
    // Names read only in brackets, after the sentence they close.
    ['(PL)', 'prensalatina'],
    ['（共同）', 'kyodo'],
    // A code in lower case, as German outlets print their sources, alone or with a desk's initials; a code read only in brackets.
    ['(afp)', 'afp'],
    ['(rtr)', 'reuters'],
    ['(apa/mc)', 'apa-austria'],
    ['[dts]', 'dts'],
    // A code in lower case with no bracket, as a blog reposting the copy keeps it after the last sentence.
    ['aps', 'aps'],
    ['afp/jd', 'afp']
  ])('a sign-off closing the last paragraph: %s', (signOff, agency) => expectEachCredits(closingLastSentence(signOff), signOff, agency, 10))

  it.each([
    ['BERNAMA', 'bernama'],
    ['EFE', 'efe']
  ])('a name in capitals run into the last sentence, the space lost: …%s', (name, agency) => expectEachCredits(closingLastSentence(name, ''), name, agency, 10))

  it.each([
    // Agencies' codes that are also acronyms of parties, authorities and places, closing a sentence in brackets.
    'Talks resumed after a statement by the Palestinian Authority (PA).',
    'The vote was won by the Justice and Development Party (AKP).',
    'Floods hit several villages in Nusa Tenggara Barat (NTB).',
    // A name read only in brackets, inside a sentence: the word it also is ("joint"), a party's code.
    '両国は防衛協力を強化することで合意した（共同）と述べた。',
    'The resolution was backed by the centre-right group in the European Parliament (EP).',
    // A label in the bracket naming a source that is no agency.
    'The ministry gave the figures on Monday. (Source: Ministry of Health)',
    // A caption's photo credit: the agency and its photographer's name in capitals.
    'Firefighters work near the village on Monday. (AFP/JANE DOE)'
  ])('no credit from an acronym in brackets closing a sentence: %s', (sentence) => expectEachCredits(closingLastSentence(sentence), sentence, null, 10))
})
