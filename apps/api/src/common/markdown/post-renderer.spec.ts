import { excerpt, PostRenderer, snippetHtml, SNIPPET_START, SNIPPET_STOP } from './post-renderer';

const MARIA = '3f0c8a52-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const GHOST = '00000000-0000-4000-8000-000000000000';

const ALLOWED_TAGS = new Set(
  'p br strong em s code pre blockquote ul ol li a hr h1 h2 h3 h4 h5 h6 table thead tbody tr th td'.split(
    ' ',
  ),
);

/** Every tag or attribute of the output that a browser could run or that leaves the allowlist. */
function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!ALLOWED_TAGS.has(name.toLowerCase())) problems.push(`tag ${name}`);
    const rest = attributes.replace(/\s([\w-]+)="([^"]*)"/g, (_, attr: string, value: string) => {
      if (/^on/i.test(attr)) problems.push(`attribute ${attr}`);
      if (attr === 'href' && !/^(https?:\/\/|mailto:|\/membri\/[0-9a-f-]{36}$)/.test(value)) {
        problems.push(`href ${value}`);
      }
      return '';
    });
    if (rest.trim() !== '' && rest.trim() !== '/') problems.push(`unparsed ${rest}`);
  }
  return problems;
}

describe('PostRenderer', () => {
  const renderer = new PostRenderer();
  const render = (markdown: string, names: Record<string, string> = {}) =>
    renderer.parse(markdown).render(new Map(Object.entries(names)));

  it('renders Markdown: emphasis, lists, code, quotes, tables', () => {
    const { html, text } = render(
      '# Titolo\n\n**grassetto** e _corsivo_\n\n- uno\n- due\n\n> citazione\n\n```ts\nconst a = 1;\n```\n\n| a | b |\n|---|--:|\n| 1 | 2 |',
    );
    expect(html).toContain('<h1>Titolo</h1>');
    expect(html).toContain('<strong>grassetto</strong> e <em>corsivo</em>');
    expect(html).toContain('<ul>\n<li>uno</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code class="language-ts">const a = 1;');
    expect(html).toContain('<td>2</td>');
    expect(html).not.toContain('style=');
    expect(text).toContain('grassetto e corsivo');
    expect(text).toContain('const a = 1;');
  });

  it('gives external links rel="nofollow noopener noreferrer ugc" and target=_blank', () => {
    const { html } = render(
      '[sito](https://www.agenziacoesione.gov.it/) e https://www.formez.it e mail@comune.it',
    );
    expect(html).toContain(
      '<a href="https://www.agenziacoesione.gov.it/" rel="nofollow noopener noreferrer ugc" target="_blank">sito</a>',
    );
    expect(html).toContain('href="https://www.formez.it"');
    expect(html).toContain('href="mailto:mail@comune.it"');
  });

  it.each([
    ['<script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['<iframe src="https://evil.example"></iframe>'],
    ['<style>body{display:none}</style>'],
    ['<a href="javascript:alert(1)">x</a>'],
    ['[click](javascript:alert(1))'],
    ['[click](JaVaScRiPt:alert(1))'],
    ['[click](java\tscript:alert(1))'],
    ['[click](&#106;avascript:alert(1))'],
    ['[click](vbscript:msgbox(1))'],
    ['[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['![x](javascript:alert(1))'],
    ['![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['![x" onerror="alert(1)](https://example.com/a.png)'],
    ['[x](https://example.com "title\\" onmouseover=\\"alert(1)")'],
    ['<svg onload=alert(1)>'],
    ['[a](<javascript:alert(1)>)'],
    ['[ref]\n\n[ref]: javascript:alert(1)'],
    ['<<script>script>alert(1)<</script>/script>'],
    ['[@Admin](member:' + MARIA + '" onclick="alert(1))'],
    ['`<script>alert(1)</script>`'],
  ])('never lets %j through', (markdown) => {
    const { html } = render(markdown, { [MARIA]: 'Maria Rossi' });
    expect(unsafeParts(html)).toEqual([]);
  });

  it('turns mentions into links to the profile, with the member current name', () => {
    const parsed = renderer.parse(`Ciao [@Maria](member:${MARIA}) e [@Chi?](member:${GHOST})!`);
    expect(parsed.mentionIds).toEqual([MARIA, GHOST]);
    const { html, text, mentionIds } = parsed.render(new Map([[MARIA, 'Maria <Rossi>']]));
    expect(html).toContain(
      `<a href="/membri/${MARIA}" class="mention" data-member-id="${MARIA}">@Maria &lt;Rossi&gt;</a>`,
    );
    expect(html).toContain('e @Chi?!');
    expect(mentionIds).toEqual([MARIA]);
    expect(text).toBe('Ciao @Maria <Rossi> e @Chi?!');
  });

  it('does not render images, and drops relative links', () => {
    const { html } = render('![logo](https://example.com/logo.png) [interno](/admin)');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="/admin"');
  });

  it('builds safe snippets and short excerpts', () => {
    expect(snippetHtml(`a <b>${SNIPPET_START}città${SNIPPET_STOP}</b> & "c"`)).toBe(
      'a &#60;b&#62;<mark>città</mark>&#60;/b&#62; &#38; &#34;c&#34;',
    );
    expect(render(`x ${SNIPPET_START}y${SNIPPET_STOP}`).text).toBe('x y');
    expect(excerpt('uno   due\ntre', 100)).toBe('uno due tre');
    expect(excerpt('a'.repeat(300), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
