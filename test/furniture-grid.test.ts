/**
 * Page furniture in the twelve languages of the fixtures, hand-written: a share button, a most-read or related-news
 * heading, an advertisement's label, a read-also teaser, a newsletter prompt, a comments heading or a line of tags, set
 * between two paragraphs or under the text of an article in its language, is not text, and the text around it stays.
 */
import {describe, expect, it} from 'vitest'
import {reportWith} from './helpers/frames.ts'

const FURNITURE: ReadonlyArray<readonly [language: string, at: 'between' | 'end', line: string]> = [
  ['en', 'end', 'Share this article'],
  ['en', 'end', 'Related articles'],
  ['en', 'end', 'Most read'],
  ['en', 'end', 'Sign up for our newsletter'],
  ['en', 'end', 'Leave a comment'],
  ['en', 'end', 'Tags: politics, economy'],
  ['en', 'between', 'Advertisement'],
  ['en', 'between', 'READ MORE: Prices rise again in the capital'],
  ['en', 'end', 'You may also like'],
  ['en', 'end', 'Comments (3)'],
  ['es', 'end', 'Compartir en Facebook'],
  ['es', 'end', 'Noticias relacionadas'],
  ['es', 'end', 'Lo más leído'],
  ['es', 'between', 'Publicidad'],
  ['es', 'between', 'Lee también: Suben los precios en la capital'],
  ['es', 'end', 'Suscríbete a nuestro boletín'],
  ['es', 'end', 'Comentarios'],
  ['es', 'end', 'Etiquetas: política, economía'],
  ['pt', 'end', 'Partilhe este artigo'],
  ['pt', 'end', 'Mais lidas'],
  ['pt', 'between', 'Publicidade'],
  ['pt', 'between', 'Leia também: Preços sobem na capital'],
  ['pt', 'end', 'Notícias relacionadas'],
  ['pt', 'end', 'Comentários'],
  ['pt', 'end', 'Subscreva a nossa newsletter'],
  ['fr', 'end', 'Partager cet article'],
  ['fr', 'end', 'Les plus lus'],
  ['fr', 'between', 'Publicité'],
  ['fr', 'between', 'Lire aussi : Les prix augmentent dans la capitale'],
  ['fr', 'end', 'Sur le même sujet'],
  ['fr', 'end', 'Commentaires'],
  ['fr', 'end', 'Inscrivez-vous à notre newsletter'],
  ['de', 'end', 'Artikel teilen'],
  ['de', 'end', 'Meistgelesen'],
  ['de', 'between', 'Anzeige'],
  ['de', 'between', 'Lesen Sie auch: Preise steigen in der Hauptstadt'],
  ['de', 'end', 'Mehr zum Thema'],
  ['de', 'end', 'Kommentare'],
  ['de', 'end', 'Newsletter abonnieren'],
  ['it', 'end', 'Condividi'],
  ['it', 'end', 'I più letti'],
  ['it', 'between', 'Pubblicità'],
  ['it', 'between', 'Leggi anche: Aumentano i prezzi nella capitale'],
  ['it', 'end', 'Articoli correlati'],
  ['it', 'end', 'Commenti'],
  ['id', 'end', 'Bagikan artikel ini'],
  ['id', 'end', 'Berita Terkait'],
  ['id', 'between', 'Advertisement'],
  ['id', 'between', 'Baca juga: Harga naik lagi di ibu kota'],
  ['id', 'end', 'Terpopuler'],
  ['id', 'end', 'Komentar'],
  ['ms', 'end', 'Kongsi artikel ini'],
  ['ms', 'between', 'Baca juga: Harga naik lagi di ibu negara'],
  ['ms', 'end', 'Berita berkaitan'],
  ['ms', 'end', 'Paling popular'],
  ['tl', 'end', 'Ibahagi'],
  ['tl', 'between', 'Basahin din: Tumaas muli ang presyo sa kabisera'],
  ['tl', 'end', 'Mga kaugnay na balita'],
  ['tr', 'end', 'Haberi paylaş'],
  ['tr', 'between', 'Reklam'],
  ['tr', 'between', 'İlgili Haber: Başkentte fiyatlar yine yükseldi'],
  ['tr', 'end', 'En çok okunanlar'],
  ['tr', 'end', 'Yorumlar'],
  ['tr', 'end', 'Etiketler: siyaset, ekonomi'],
  ['ru', 'end', 'Поделиться'],
  ['ru', 'between', 'Реклама'],
  ['ru', 'between', 'Читайте также: Цены снова выросли в столице'],
  ['ru', 'end', 'Самое читаемое'],
  ['ru', 'end', 'Комментарии'],
  ['ru', 'end', 'Новости по теме'],
  ['ar', 'end', 'شارك المقال'],
  ['ar', 'between', 'إعلان'],
  ['ar', 'between', 'اقرأ أيضا: ارتفاع الأسعار مجددا في العاصمة'],
  ['ar', 'end', 'الأكثر قراءة'],
  ['ar', 'end', 'تعليقات'],
  ['ar', 'end', 'أخبار ذات صلة']
]

describe('page furniture in the twelve languages of the fixtures', () => {
  it.each(FURNITURE)('%s, %s the text: "%s" is not text', (language, at, line) => {
    const report = reportWith(language, line, at)
    const lineAt = at === 'between' ? 5 : 9
    expect(report.blocks.find((block) => block.lines[0] === lineAt)!.role).not.toBe('body')
    expect(report.blocks.filter((block) => block.lines[0] !== lineAt && block.lines[0] !== 1).map((block) => block.role)).toEqual(['body', 'body', 'body'])
  })
})
