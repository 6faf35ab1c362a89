/** Shared by the HTML tests: an article that tries to inject markup into its report pages. */

/** An article written to attack the page: markup in its file name, its lines, and a line the rules cut. */
export const HOSTILE_NAME = '"><img src=x onerror=alert(3)>.txt'
export const HOSTILE = [
  '<script>window.pwned = 1</script> Judul berita yang <b>berbahaya</b>',
  '',
  'Isi berita dengan gambar <img src=x onerror="window.pwned = 2"> dan tautan <a href="javascript:alert(1)">klik</a> di tengah kalimat.',
  '',
  'Paragraf kedua menyebut "kutipan" & tanda \'petik\' serta </li></ol><h1>judul palsu</h1> tanpa merusak halaman.',
  '',
  'Baca Juga: <script>alert("baca juga")</script>',
  ''
].join('\n')
