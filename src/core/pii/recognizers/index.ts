/** Runs every recognizer family on the detector's view of a text (see normalize.ts). */
import type { EntityType } from '../types';
import { address, corner } from './address';
import { creditCard } from './card';
import { date, dateOfBirth, wordDate } from './date';
import { email } from './email';
import { iban } from './iban';
import { ip } from './ip';
import { labelledId } from './labelled-id';
import { names } from './names';
import { nationalId } from './national-id';
import { phone, resetPhoneBudget } from './phone';
import { secret } from './secret';
import {
  applyContext,
  digitRegions,
  inRegions,
  scan,
  type Candidate,
  type Recognizer,
} from './shared';
import { url } from './url';
import { username } from './username';

export type { Candidate, Recognizer } from './shared';

/** Recognizers whose every match contains a digit: they only scan regions around digits. */
const DIGIT_RECOGNIZERS: ReadonlyArray<[string, Recognizer]> = [
  ['ip', ip],
  ['credit-card', creditCard],
  ['iban', iban],
  ['phone', phone],
  ['national-id', nationalId],
  ['labelled-id', labelledId],
  ['date', date],
  ['address', address],
];
const TEXT_RECOGNIZERS: ReadonlyArray<[string, Recognizer]> = [
  ['email', email],
  ['url', url],
  ['secret', secret],
  ['names', names],
  ['username', username],
  ['word-date', wordDate],
  ['corner', corner],
];
export const RECOGNIZERS: ReadonlyArray<[string, Recognizer]> = [
  ...TEXT_RECOGNIZERS,
  ...DIGIT_RECOGNIZERS,
];

/** Runs every recognizer on already-normalised text; returns raw scored candidates (overlapping). */
export function runRecognizers(
  t: string,
  types?: ReadonlySet<EntityType>,
  threshold = 0,
): Candidate[] {
  const out: Candidate[] = [];
  resetPhoneBudget();
  scan.threshold = threshold;
  for (const [, r] of TEXT_RECOGNIZERS) r(t, out);
  // region by region, every digit recognizer in turn: they share the region's digit groups
  for (const reg of digitRegions(t, 120, 200))
    for (const [, r] of DIGIT_RECOGNIZERS) inRegions([reg], r, out);
  dateOfBirth(t, out);
  applyContext(t, out);
  return types ? out.filter((c) => types.has(c.type)) : out;
}
