// report.html: the Markdown report as a self-contained page. Only the Markdown the reports
// write is understood: headings, paragraphs, bold, inline code, lists, fences and tables.

export function htmlPage(title: string, markdown: string): string {
  const body: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (trimmed.startsWith('```')) {
      const code: string[] = [];
      while (i + 1 < lines.length && !(lines[i + 1] ?? '').trim().startsWith('```')) code.push((lines[++i] ?? '').trim());
      i++;
      body.push(`<pre>${escapeHtml(code.join('\n'))}</pre>`);
    } else if (trimmed.startsWith('|')) {
      const rows: string[] = [];
      for (; i < lines.length && (lines[i] ?? '').trim().startsWith('|'); i++) rows.push((lines[i] ?? '').trim());
      i--;
      body.push(table(rows));
    } else if (/^#{1,3} /.test(trimmed)) {
      const level = trimmed.indexOf(' ');
      body.push(`<h${level}>${inline(trimmed.slice(level + 1))}</h${level}>`);
    } else if (trimmed.startsWith('- ')) {
      body.push(`<p class="item">${inline(trimmed.slice(2))}</p>`);
    } else if (trimmed) {
      body.push(`<p>${inline(trimmed)}</p>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:center}td:first-child{text-align:left}pre{background:#f4f4f4;padding:.5em;overflow-x:auto}
code{background:#f4f4f4}.item{margin:.2em 0 .2em 1em}</style></head>
<body>
${body.join('\n')}
</body></html>
`;
}

function table(rows: readonly string[]): string {
  const cells = (row: string) => row.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
  const [head, , ...rest] = rows;
  const th = cells(head ?? '').map((c) => `<th>${inline(c)}</th>`).join('');
  const trs = rest.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

/** Markdown escapes undone, HTML escaped, then **bold** and `code`. */
function inline(text: string): string {
  return escapeHtml(text.replace(/\\([\\`*_[\]<>|])/g, '$1'))
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
