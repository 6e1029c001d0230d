import { contentDisposition, extensionOf, sanitizeFileName, toSafeName } from './file-name';

describe('attachment file names', () => {
  it('keeps only the last path part, without control characters or reserved characters', () => {
    expect(sanitizeFileName('../../etc/passwd"\r\n.pdf')).toBe('passwd_.pdf');
    expect(sanitizeFileName('C:\\Users\\anna\\Relazione finale.docx')).toBe('Relazione finale.docx');
    expect(sanitizeFileName('  ..nascosto.txt ')).toBe('nascosto.txt');
    expect(sanitizeFileName('fattura\u202Efdp.exe')).toBe('fatturafdp.exe');
    expect(sanitizeFileName('../')).toBe('');
  });

  it('truncates to 255 characters keeping the extension', () => {
    const name = sanitizeFileName(`${'à'.repeat(300)}.xlsx`);
    expect(Array.from(name)).toHaveLength(255);
    expect(name.endsWith('à.xlsx')).toBe(true);
  });

  it('makes a title a file name without dropping its parts', () => {
    expect(toSafeName('Piano 2026/2027: "fase" 1.pdf')).toBe('Piano 2026_2027_ _fase_ 1.pdf');
  });

  it('reads extensions', () => {
    expect(extensionOf('a.PDF')).toBe('pdf');
    expect(extensionOf('senza')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });

  it('writes RFC 6266 headers with an ASCII fallback', () => {
    expect(contentDisposition('Relazione attività.pdf')).toBe(
      `attachment; filename="Relazione attivita.pdf"; filename*=UTF-8''Relazione%20attivit%C3%A0.pdf`,
    );
    expect(contentDisposition("l'offerta (bozza) 100%.pdf")).toBe(
      `attachment; filename="l'offerta (bozza) 100_.pdf"; filename*=UTF-8''l%27offerta%20%28bozza%29%20100%25.pdf`,
    );
    expect(contentDisposition('Документ 資料.pdf')).toBe(
      `attachment; filename="________ __.pdf"; filename*=UTF-8''%D0%94%D0%BE%D0%BA%D1%83%D0%BC%D0%B5%D0%BD%D1%82%20%E8%B3%87%E6%96%99.pdf`,
    );
    expect(contentDisposition('a"\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
    expect(contentDisposition('')).toBe(`attachment; filename="file"; filename*=UTF-8''file`);
  });
});
