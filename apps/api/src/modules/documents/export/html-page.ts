import { type Block, escapeHtml, renderHtml } from '../versions/document-content';

const PRINT_CSS = `
body { font-family: "Titillium Web", Helvetica, Arial, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: .25rem .5rem; text-align: left; vertical-align: top; }
blockquote { border-left: 4px solid #ccc; margin-left: 0; padding-left: 1rem; color: #444; }
pre { background: #f4f4f4; padding: .75rem; overflow-x: auto; white-space: pre-wrap; }
a { color: #0059b3; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } a[href]::after { content: " (" attr(href) ")"; font-size: .85em; } pre, blockquote, table, tr { break-inside: avoid; } }
@page { margin: 2cm; }`;

/** A standalone Italian HTML page: every text escaped, only http(s)/mailto links. */
export function renderHtmlPage(title: string, blocks: Block[]): string {
  const safeTitle = escapeHtml(title);
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Convergo">
<title>${safeTitle}</title>
<style>${PRINT_CSS}
</style>
</head>
<body>
<article>
<h1 class="document-title">${safeTitle}</h1>
${renderHtml(blocks)}
</article>
</body>
</html>
`;
}
