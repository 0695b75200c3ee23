/**
 * Table columns that are mostly personal. A table of people (a staff list, a CSV export of
 * customers) is where the detector is most likely to miss a value or two: a surname it has never
 * seen, an id without a label. When most cells of a column hold personal values, or its header
 * says what they are ("E-mail", "SSN"), every cell of the column is redacted as that type, so one
 * miss does not leak a row. Each distinct value gets one placeholder (the vault does that), and
 * the header row is kept so the answer can still talk about "the Email column".
 *
 * Pure and linear in the number of cells plus entities.
 */
import type { DenyListEntry, Entity, EntityType } from '../pii';
import type { PersonalColumn, TableRegion, TextRange } from './types';

/** Entity types that identify a person (places, organisations and plain dates do not on their own). */
export const PERSONAL_TYPES: ReadonlySet<EntityType> = new Set([
  'PERSON',
  'EMAIL',
  'PHONE',
  'NATIONAL_ID',
  'ID_NUMBER',
  'IBAN',
  'CREDIT_CARD',
  'ADDRESS',
  'DATE_OF_BIRTH',
  'USERNAME',
  'IP_ADDRESS',
]);

/** Share of a column's non-empty cells that must be personal for the whole column to be redacted. */
export const PERSONAL_COLUMN_SHARE = 0.5;

/**
 * Headers that say a column is personal, whatever the detector made of its values ("a label beats
 * a validator"). Whole-header matches only: "Product name" is not a person's name.
 */
const HEADER_HINTS: Array<[RegExp, EntityType]> = [
  [
    /^(full[ _-]?|first[ _-]?|last[ _-]?|given[ _-]?|family[ _-]?|middle[ _-]?|sur|maiden[ _-]?)?names?$/i,
    'PERSON',
  ],
  [/^(employee|customer|client|patient|contact|person|student|applicant)[ _-]?name$/i, 'PERSON'],
  [
    /^(vorname|nachname|nom|prénom|prenom|nombre|apellidos?|nome|sobrenome|navn|namn|naam)$/i,
    'PERSON',
  ],
  [/^(e-?mail|e-?mail[ _-]?address|mail)$/i, 'EMAIL'],
  [
    /^(phone|telephone|tel\.?|mobile|cell|phone[ _-]?(no\.?|number)|mobile[ _-]?number|telefon|telefone|téléphone)$/i,
    'PHONE',
  ],
  [
    /^(ssn|social[ _-]?security([ _-]?(no\.?|number))?|national[ _-]?id|nino|passport([ _-]?(no\.?|number))?|tax[ _-]?id|cpr|bsn|nif|dni|personnummer)$/i,
    'NATIONAL_ID',
  ],
  [/^(iban|bank[ _-]?account|account[ _-]?(no\.?|number))$/i, 'IBAN'],
  [
    /^(employee|customer|client|patient|member|student|staff)[ _-]?(id|no\.?|number)$/i,
    'ID_NUMBER',
  ],
  [/^(home[ _-]?|street[ _-]?|postal[ _-]?)?address$/i, 'ADDRESS'],
  [/^(date[ _-]?of[ _-]?birth|dob|birth[ _-]?date|birthday|geburtsdatum)$/i, 'DATE_OF_BIRTH'],
  [/^(user[ _-]?name|login|handle)$/i, 'USERNAME'],
];

export function headerType(header: string): EntityType | undefined {
  const h = header.trim();
  if (!h || h.length > 40) return undefined;
  for (const [re, type] of HEADER_HINTS) if (re.test(h)) return type;
  return undefined;
}

/** For each cell, the personal entity types found in it (entities sorted by start). */
function cellTypes(cells: readonly TextRange[], entities: readonly Entity[]): EntityType[][] {
  const order = cells.map((c, i) => ({ c, i })).sort((a, b) => a.c.start - b.c.start);
  const out: EntityType[][] = cells.map(() => []);
  let e = 0;
  for (const { c, i } of order) {
    while (e < entities.length && (entities[e] as Entity).end <= c.start) e++;
    for (let k = e; k < entities.length && (entities[k] as Entity).start < c.end; k++) {
      const ent = entities[k] as Entity;
      if (ent.end > c.start && PERSONAL_TYPES.has(ent.type))
        (out[i] as EntityType[]).push(ent.type);
    }
  }
  return out;
}

export interface TableFindings {
  columns: PersonalColumn[];
  /** Every distinct body value of every personal column, typed. */
  values: DenyListEntry[];
}

/**
 * Finds the personal columns of `tables` given the detector's entities over `text`. The first
 * row is a header only when none of its cells holds a personal value (a headerless CSV's first
 * row is data and is redacted like the rest).
 */
export function personalColumns(
  text: string,
  tables: readonly TableRegion[],
  entities: readonly Entity[],
): TableFindings {
  const sorted = [...entities].sort((a, b) => a.start - b.start);
  const columns: PersonalColumn[] = [];
  const values: DenyListEntry[] = [];
  const seen = new Set<string>();
  tables.forEach((table, ti) => {
    const rows = table.rows;
    if (rows.length < 2) return;
    const flat = rows.flat();
    const types = cellTypes(flat, sorted);
    const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
    const rowTypes: EntityType[][][] = [];
    let k = 0;
    for (const r of rows) {
      rowTypes.push(types.slice(k, k + r.length));
      k += r.length;
    }
    const first = rowTypes[0] ?? [];
    const hasHeader = first.every((t) => t.length === 0);
    const body = hasHeader ? 1 : 0;
    for (let c = 0; c < width; c++) {
      let cells = 0;
      let personal = 0;
      const tally = new Map<EntityType, number>();
      for (let r = body; r < rows.length; r++) {
        const cell = rows[r]?.[c];
        if (!cell || cell.end <= cell.start) continue;
        cells++;
        const ts = rowTypes[r]?.[c] ?? [];
        if (ts.length) personal++;
        for (const t of new Set(ts)) tally.set(t, (tally.get(t) ?? 0) + 1);
      }
      if (cells === 0) continue;
      const headerCell = hasHeader ? rows[0]?.[c] : undefined;
      const header = headerCell ? text.slice(headerCell.start, headerCell.end) : undefined;
      const hinted = header !== undefined ? headerType(header) : undefined;
      const byValues = personal / cells > PERSONAL_COLUMN_SHARE;
      if (!byValues && !hinted) continue;
      let type: EntityType | undefined = hinted;
      if (!type) {
        let best = 0;
        for (const [t, n] of tally)
          if (n > best) {
            best = n;
            type = t;
          }
      }
      if (!type) continue;
      columns.push({
        table: ti,
        column: c,
        ...(header !== undefined ? { header } : {}),
        type,
        cells,
        personal,
        reason: byValues ? 'values' : 'header',
      });
      for (let r = body; r < rows.length; r++) {
        const cell = rows[r]?.[c];
        if (!cell || cell.end <= cell.start) continue;
        const value = text.slice(cell.start, cell.end).trim();
        const key = `${type}\u0000${value.toLowerCase()}`;
        if (!value || seen.has(key)) continue;
        seen.add(key);
        values.push({ value, type });
      }
    }
  });
  return { columns, values };
}
