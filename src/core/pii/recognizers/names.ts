/** Rules for names and organisations that complement the model: honorifics and legal forms. */
import { matches, type Recognizer } from './shared';

const HONORIFIC_RE =
  /(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Sr|Sra|Srta|Dom|Dona|Mme|Mlle|Hr|Fru|Dhr|Mevr)\.? (?=\p{Lu})/gu;
const NAME_AFTER_HONORIFIC =
  /(?:\p{Lu}[\p{Ll}\p{M}'’-]{1,30}|\p{Lu}\.)(?: (?:van der |van den |van |von |de la |de |da |dos |del |di |le |la )?\p{Lu}[\p{Ll}\p{M}'’-]{1,30}){0,2}/uy;
const ORG_SUFFIX_RE =
  / (?:Inc\.?|Ltd\.?|LLC|L\.L\.C\.|Corp\.?|Corporation|plc|PLC|GmbH(?: & Co\. KG)?|AG|KG|e\.V\.|S\.A\.|SA|S\.L\.|SARL|SAS|B\.V\.|BV|N\.V\.|NV|A\/S|ApS|AB|Oy|Lda\.?|Ltda\.?|S\.p\.A\.|SpA|S\.r\.l\.|Pty Ltd)(?![\p{L}\p{N}])/gu;
const CAP_WORD_BEFORE = /(?:^|[^\p{L}\p{M}&'’-])(\p{Lu}[\p{L}\p{M}&'’-]{0,30})$/u;

export const names: Recognizer = (t, out) => {
  for (const m of matches(HONORIFIC_RE, t)) {
    if (m.index > 0 && /[\p{L}\p{N}]/u.test(t.charAt(m.index - 1))) continue;
    const s = m.index + m[0].length;
    NAME_AFTER_HONORIFIC.lastIndex = s;
    const n = NAME_AFTER_HONORIFIC.exec(t);
    if (!n) continue;
    out.push({
      start: s,
      end: s + n[0].length,
      type: 'PERSON',
      score: 0.7,
      recognizer: 'honorific',
    });
  }
  for (const m of matches(ORG_SUFFIX_RE, t)) {
    // expand left over up to 4 capitalised words
    let s = m.index;
    for (let k = 0; k < 4; k++) {
      const w = CAP_WORD_BEFORE.exec(t.slice(Math.max(0, s - 32), s));
      if (!w || !w[1]) break;
      s -= w[1].length;
      if (s > 0 && t.charAt(s - 1) === ' ' && /\p{Lu}/u.test(t.charAt(s - 2) || '')) s--;
      else break;
    }
    if (t.charAt(s) === ' ') s++;
    if (s >= m.index) continue;
    out.push({
      start: s,
      end: m.index + m[0].length,
      type: 'ORGANIZATION',
      score: 0.65,
      recognizer: 'org-suffix',
    });
  }
};
