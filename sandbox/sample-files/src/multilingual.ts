// Writes multilingual.pdf (issue 12): one A4 page with Arabic (right to left, joined letters) and
// Japanese text, printed by Chromium so the text is shaped by HarfBuzz and the fonts are embedded
// as subsets with a ToUnicode map: what a customer's phone or office suite produces. Fonts: Debian's
// fonts-dejavu-core (Arabic) and fonts-ipafont-gothic (Japanese).
//   tsx sandbox/sample-files/src/multilingual.ts out.pdf
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../../../scripts/local-stack/widget-stack.ts';

/** Facts the tests rely on: each word and how often it is printed. */
export const MULTILINGUAL = {
  /** "claim": in مطالبة and twice inside المطالبة. */
  arabic: { word: 'مطالبة', hits: 3 },
  /** "insurance money": twice. */
  japanese: { word: '保険金', hits: 2 },
};

const html = `<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { margin: 48px; font: 14px/1.7 'DejaVu Sans', sans-serif; }
  h1 { font-size: 20px; }
  .ar { direction: rtl; text-align: right; font-family: 'DejaVu Sans'; }
  .ja { font-family: 'IPAGothic'; }
</style></head><body>
<h1>Sandbox Insurance — CLM-1001</h1>
<section class="ar" lang="ar">
  <h2>مطالبة التأمين رقم 1001</h2>
  <p>يرجى إرسال صور الضرر مع المطالبة. سيتم مراجعة المطالبة خلال خمسة أيام عمل.</p>
</section>
<section class="ja" lang="ja">
  <h2>保険金請求書（CLM-1001）</h2>
  <p>事故の写真を添付してください。保険金の支払いは確認後に行います。</p>
</section>
</body></html>`;

if (process.argv[1]?.endsWith('multilingual.ts')) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: multilingual.ts out.pdf');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    writeFileSync(out, await page.pdf({ format: 'A4', printBackground: false }));
  } finally {
    await browser.close();
  }
}
