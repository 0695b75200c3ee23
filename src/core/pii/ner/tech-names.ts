/**
 * Names of programming, markup and data languages (tech-names.json, from GitHub Linguist through
 * training/build-tech-names.ts; given names left out). A PERSON span made only of them is most
 * often the language ("Is Python still popular?"), not a person. Case-insensitive.
 */
import DATA from './tech-names.json';

let names: Set<string> | null = null;

export function isTechName(word: string): boolean {
  names ??= new Set(DATA.names.split(' '));
  return names.has(word.toLowerCase());
}
