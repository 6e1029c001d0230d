import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectAttachmentType } from './attachment-content-type';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082',
  'hex',
);

describe('detectAttachmentType', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attachment-type-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (bytes: Buffer | string, name: string) => {
    const path = join(dir, `f${Math.random()}`);
    writeFileSync(path, bytes);
    return detectAttachmentType(path, Buffer.byteLength(bytes), name);
  };

  it('accepts content that agrees with the name', async () => {
    expect(await check(PNG, 'logo.PNG')).toEqual({ ok: true, mediaType: 'image/png', extension: 'png' });
    expect(await check('%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n', 'a.pdf')).toMatchObject({
      ok: true,
      mediaType: 'application/pdf',
    });
    expect(await check('nome;città\nRoma;sì\n', 'dati.csv')).toMatchObject({
      ok: true,
      mediaType: 'text/csv; charset=utf-8',
    });
    expect(await check(PNG, 'senza-estensione')).toMatchObject({ ok: true, extension: 'png' });
  });

  it('refuses renamed executables, markup and text under other names', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    expect(await check(exe, 'fattura.pdf')).toMatchObject({ ok: false, detected: 'exe' });
    expect(await check(PNG, 'foto.pdf')).toMatchObject({ ok: false, detected: 'png' });
    expect(
      await check('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'a.png'),
    ).toMatchObject({
      ok: false,
      detected: 'html',
    });
    expect(await check('<!DOCTYPE html><p>x</p>', 'note.txt')).toMatchObject({ ok: false, detected: 'html' });
    expect(await check('ciao', 'ciao.exe')).toMatchObject({ ok: false, detected: 'text' });
    expect(await check(Buffer.from([0x66, 0x00, 0x67]), 'a.txt')).toMatchObject({
      ok: false,
      detected: 'unknown',
    });
    expect(await check(Buffer.from([0xff, 0xfe, 0xfd]), 'a.txt')).toMatchObject({ ok: false });
  });
});
