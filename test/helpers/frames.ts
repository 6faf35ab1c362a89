/** Hand-written paragraphs in the fixtures' twelve languages, to set a line under test among text of its language. */
import type {Report} from '../../pipeline/report-schema.ts'
import {reportFor} from './pipeline.ts'

/** A paragraph in each language, around the line under test, so the article's language and text are its own. */
export const FRAME: Record<string, string> = {
  en: 'The government said it would publish a full report on the incident next week after consulting the regional authorities.',
  es: 'El gobierno dijo que publicará un informe completo sobre el incidente la próxima semana tras consultar a las autoridades regionales.',
  pt: 'O governo disse que vai publicar um relatório completo sobre o incidente na próxima semana, depois de consultar as autoridades regionais.',
  fr: "Le gouvernement a indiqué qu'il publierait un rapport complet sur l'incident la semaine prochaine après avoir consulté les autorités régionales.",
  de: 'Die Regierung kündigte an, in der kommenden Woche nach Rücksprache mit den regionalen Behörden einen vollständigen Bericht über den Vorfall zu veröffentlichen.',
  it: "Il governo ha detto che pubblicherà un rapporto completo sull'incidente la prossima settimana dopo aver consultato le autorità regionali.",
  id: 'Pemerintah mengatakan akan menerbitkan laporan lengkap tentang insiden itu pekan depan setelah berkonsultasi dengan pemerintah daerah.',
  ms: 'Kerajaan berkata ia akan menerbitkan laporan penuh mengenai insiden itu minggu depan selepas berunding dengan pihak berkuasa negeri.',
  tl: 'Sinabi ng pamahalaan na maglalabas ito ng buong ulat tungkol sa insidente sa susunod na linggo matapos kumonsulta sa mga lokal na awtoridad.',
  tr: 'Hükümet, bölgesel yetkililerle görüştükten sonra olayla ilgili kapsamlı bir raporu gelecek hafta yayımlayacağını açıkladı.',
  ru: 'Правительство заявило, что опубликует полный доклад об инциденте на следующей неделе после консультаций с региональными властями.',
  ar: 'وقالت الحكومة إنها ستنشر تقريرا كاملا عن الحادث الأسبوع المقبل بعد التشاور مع السلطات المحلية.'
}

/** A paragraph of the frame's from its `from`th word on, capitalised: a paragraph of its own, not a repeat. */
function paragraphFrom(language: string, from: number): string {
  const rest = FRAME[language]!.split(' ').slice(from).join(' ')
  return rest[0]!.toUpperCase() + rest.slice(1)
}

/**
 * An article in the language: a headline (the frame's first six words), the frame and two more paragraphs, with `line`
 * between the frame and the others (`between`, line 5) or under them (`end`, line 9), each a block of its own.
 */
export function reportWith(language: string, line: string, at: 'between' | 'end'): Report {
  const headline = FRAME[language]!.split(' ').slice(0, 6).join(' ')
  const text =
    at === 'between'
      ? [FRAME[language]!, line, paragraphFrom(language, 2), paragraphFrom(language, 3)]
      : [FRAME[language]!, paragraphFrom(language, 2), paragraphFrom(language, 3), line]
  return reportFor([headline, ...text].join('\n\n'))
}
