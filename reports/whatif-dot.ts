// `tierprobe whatif --format dot`: the enforced flips as a Graphviz digraph. Each namespace is a
// cluster (subgraph cluster_NS) holding its pods and Services; externals stand outside. One edge
// per source, destination and way of the flip, labelled with its ports: red allow → deny, green
// deny → allow, orange dashed to or from unknown. Every ID and label is a quoted, escaped string,
// so no name can break out of it. Pure.
import { flipDirection, namespaceOf } from '../harness/whatif/groups.ts';
import type { CellFlip, WhatifResult } from '../harness/whatif/types.ts';

interface Edge { from: string; to: string; way: string; labels: string[] }

export function renderWhatifDot(r: WhatifResult): string {
  const flips = r.delta.flips.filter((f) => f.changed.includes('verdict'));
  const nodes = new Map<string, string | undefined>();
  const edges = new Map<string, Edge>();
  for (const f of flips) {
    nodes.set(f.from, namespaceOf(f.from));
    nodes.set(f.to, namespaceOf(f.to));
    const way = flipDirection(f);
    const key = JSON.stringify([f.from, f.to, way]);
    const edge = edges.get(key) ?? { from: f.from, to: f.to, way, labels: [] };
    edge.labels.push(portLabel(f));
    edges.set(key, edge);
  }
  const out = [
    `digraph ${quote(`whatif ${r.scenario}`)} {`,
    `  label=${quote(`${r.scenario}, step "${r.step.name}", with ${r.change.files.join(', ')}: ${r.delta.enforced} of ${r.delta.cells} cells flip`)};`,
    '  labelloc=t;',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  // Keyed by namespace; externals under '', which no namespace is called.
  const byNamespace = new Map<string, string[]>();
  for (const [address, ns] of nodes) byNamespace.set(ns ?? '', [...(byNamespace.get(ns ?? '') ?? []), address]);
  for (const [ns, addresses] of byNamespace) {
    if (ns !== '') out.push(`  subgraph ${quote(`cluster_${ns}`)} {`, `    label=${quote(ns)};`);
    for (const a of addresses) out.push(`${ns === '' ? '  ' : '    '}${quote(a)} [${nodeAttributes(a)}];`);
    if (ns !== '') out.push('  }');
  }
  for (const e of edges.values()) {
    const style = wayStyle(e.way);
    out.push(`  ${quote(e.from)} -> ${quote(e.to)} [color=${quote(style.color)}, fontcolor=${quote(style.color)}${style.dashed ? ', style="dashed"' : ''}, label=${quote(e.labels.join('\n'))}, tooltip=${quote(e.way)}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** A pod or Service by its name (its cluster names the namespace); an external by its address. */
function nodeAttributes(address: string): string {
  if (address.startsWith('external:')) return `label=${quote(address)}, shape="ellipse"`;
  const name = address.slice(address.indexOf('/') + 1);
  if (address.startsWith('svc:')) return `label=${quote(`${name} (Service)`)}, shape="component"`;
  return `label=${quote(name)}`;
}

function portLabel(f: CellFlip): string {
  const port = `${f.port}/${f.protocol}`;
  return f.backend === undefined ? port : `${port} via ${f.backend}`;
}

function wayStyle(way: string): { color: string; dashed: boolean } {
  if (way === 'allow → deny') return { color: 'red', dashed: false };
  if (way === 'deny → allow') return { color: 'green', dashed: false };
  return { color: 'orange', dashed: true };
}

/** A DOT quoted string: backslash and double quote escaped, a newline as DOT's \n. */
export function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}
