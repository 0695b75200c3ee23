/**
 * Personal handles: "@kai_rivers" (not an e-mail, not a code annotation like "@Override" or
 * "@param"), Reddit's "u/dmsl" and "/u/dmsl".
 */
import { matches, type Candidate, type Recognizer } from './shared';

const AT_HANDLE =
  /(?<![\p{L}\p{N}_.@/\\-])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\p{L}\p{N}_@(]|\.\p{L})/gu;
const REDDIT = /(?<![\p{L}\p{N}_/])\/?u\/([A-Za-z0-9_-]{3,20})(?![\p{L}\p{N}_/-])/gu;

/** Annotations and directives of common languages and tools that look like handles. */
const CODE_WORDS = new Set(
  (
    'param returns return throws type typedef override deprecated see link since author version example ' +
    'todo fixme internal private public protected readonly async callback default description description ' +
    'extends implements interface abstract static media import font-face keyframes supports charset page ' +
    'layer tailwind apply component mixin include use forward function if else each for while ' +
    'test injectable component input output viewchild hostlistener ngmodule pipe directive entity column ' +
    'id table get post put delete patch controller service repository autowired bean value configuration ' +
    'springbootapplication transactional suppresswarnings functionalinterface safevarargs nonnull nullable ' +
    'jsonproperty everyone here channel all'
  ).split(' '),
);

export const username: Recognizer = (t, out: Candidate[]) => {
  if (t.includes('@')) {
    for (const m of matches(AT_HANDLE, t)) {
      const name = m[1] ?? '';
      // one- and two-letter handles are too often something else ("@a", "@3")
      if (name.length < 3 || CODE_WORDS.has(name.toLowerCase()) || /^\d+$/.test(name)) continue;
      // "@2x" asset suffixes and "@v1.2" are not people
      if (/^\d+x$/i.test(name)) continue;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: 'USERNAME',
        score: 0.65,
        recognizer: 'handle',
      });
    }
  }
  if (t.includes('u/')) {
    for (const m of matches(REDDIT, t))
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        type: 'USERNAME',
        score: 0.65,
        recognizer: 'reddit-user',
      });
  }
};
