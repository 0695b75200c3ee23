import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, checkFile, formatBytes, kindOf, tooMuchText } from '../limits';

describe('which files are accepted', () => {
  it('knows the kinds by extension, case-insensitively', () => {
    expect(kindOf('Notes.TXT')).toBe('text');
    expect(kindOf('readme.md')).toBe('markdown');
    expect(kindOf('export.csv')).toBe('csv');
    expect(kindOf('contract.final.PDF')).toBe('pdf');
    expect(kindOf('cv.docx')).toBe('docx');
    expect(kindOf('photo.png')).toBeUndefined();
    expect(kindOf('Makefile')).toBeUndefined();
  });

  it('refuses other types, naming what is accepted and what to do with near misses', () => {
    expect(checkFile('photo.png', 100, 0)).toMatchObject({
      code: 'unsupported_type',
      message: expect.stringContaining('"photo.png" cannot be attached'),
    });
    expect(checkFile('old.doc', 100, 0)?.message).toContain('save it as .docx');
    expect(checkFile('sheet.xlsx', 100, 0)?.message).toContain('Save the sheet as CSV');
  });

  it('refuses files over 20 MB, empty files and a sixth file', () => {
    expect(checkFile('a.pdf', DOCUMENT_LIMITS.fileBytes, 0)).toBeUndefined();
    expect(checkFile('a.pdf', DOCUMENT_LIMITS.fileBytes + 1, 0)).toMatchObject({
      code: 'too_large',
      message: '"a.pdf" is 20.0 MB; a file can be at most 20.0 MB.',
    });
    expect(checkFile('a.txt', 0, 0)?.code).toBe('empty');
    expect(checkFile('a.txt', 10, 5)?.code).toBe('too_many_files');
    expect(checkFile('a.txt', 10, 4)).toBeUndefined();
  });

  it('says how much text is left when other files took part of it', () => {
    expect(tooMuchText('big.pdf', DOCUMENT_LIMITS.messageChars).message).toContain(
      'more than 200,000 characters',
    );
    expect(tooMuchText('big.pdf', 1_500).message).toContain('1,500 of 200,000 characters are left');
  });

  it('formats sizes', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
