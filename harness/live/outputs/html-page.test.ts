import { expect } from 'chai';
import { htmlPage } from './html-page.ts';

describe('htmlPage', () => {
  it('turns the report Markdown into headings, tables, code and escaped text', () => {
    const html = htmlPage('t <1>', '# a\\_b\n\n**2 steps**\n\n| from \\\\ to | x/a |\n| --- | :---: |\n| x/b | ✗# |\n\n```\nkubectl exec <pod>\n```\n- `run` item\n');
    expect(html).to.contain('<title>t &lt;1&gt;</title>').and.contain('<h1>a_b</h1>').and.contain('<strong>2 steps</strong>');
    expect(html).to.contain('<th>from \\ to</th><th>x/a</th>').and.contain('<tr><td>x/b</td><td>✗#</td></tr>');
    expect(html).to.contain('<pre>kubectl exec &lt;pod&gt;</pre>').and.contain('<p class="item"><code>run</code> item</p>');
  });
});
