// `tierprobe whatif --format json`: one JSON document (README "tierprobe whatif"), indented, with
// each flipped or broken cell compact on a line of its own (as explain writes its cells), handed
// out in chunks so a change that flips millions of cells is never one string. Pure.
import type { GuardrailCell, GuardrailCheck } from '../harness/guardrails/prove.ts';
import { groupFlips } from '../harness/whatif/groups.ts';
import type { LoadedDocument, Location } from '../harness/scenario/types.ts';
import { sameResource } from '../harness/scenario/steps.ts';
import type { WhatifResult } from '../harness/whatif/types.ts';

/** Cells per chunk. */
const CHUNK = 10_000;

export function* whatifJsonChunks(r: WhatifResult): Generator<string> {
  const { delta, change } = r;
  const head = {
    scenario: r.scenario,
    step: { index: r.step.index, name: r.step.name, of: r.step.of },
    changes: change.files,
    applied: change.apply.map((d) => ({ ...resource(d), ...at(d.location), replaces: change.replaced.some((x) => sameResource(x.id, d.id)) })),
    deleted: change.delete.map((d) => ({ ...resource(d.document), ...at(d.location) })),
    cells: delta.cells,
    flips: delta.enforced,
    stagedOnlyFlips: delta.flips.length - delta.enforced,
    staged: delta.staged,
    groups: groupFlips(delta.flips).map((g) => ({ from: g.from, to: g.to, flips: g.enforced, stagedOnlyFlips: g.flips.length - g.enforced })),
  };
  yield `{\n${fields(head)},\n`;
  yield* cellList('flipped', delta.flips);
  if (r.expectFile !== undefined) yield `,\n${fields({ expectFile: r.expectFile })}`;
  if (r.expect) {
    yield `,\n${fields({ expect: { checked: r.expect.checked, unchecked: r.expect.unchecked, broken: r.expect.broken.length } })},\n`;
    yield* cellList('expectBroken', r.expect.broken.map(({ by, ...b }) => ({ ...b, declaredBy: by === 'default' ? 'default' : { rule: by.rule, ...at(by.location) } })));
  }
  if (r.expectFile !== undefined) yield `,\n${fields({ guardrails: r.guardrails.map(guardrail) })}`;
  yield `,\n${fields({ broken: r.broken })}\n}\n`;
}

function* cellList(name: string, cells: readonly object[]): Generator<string> {
  if (cells.length === 0) {
    yield `  ${JSON.stringify(name)}: []`;
    return;
  }
  yield `  ${JSON.stringify(name)}: [\n`;
  for (let i = 0; i < cells.length; i += CHUNK) {
    const lines = cells.slice(i, i + CHUNK).map((c) => `    ${JSON.stringify(c)}`);
    yield lines.join(',\n') + (i + CHUNK < cells.length ? ',\n' : '\n');
  }
  yield '  ]';
}

function guardrail(g: GuardrailCheck) {
  const cell = (c: GuardrailCell) => c.key;
  return {
    name: g.guardrail, verdict: g.verdict, held: g.held, cells: g.cells.length,
    attack: { tiers: g.attack.tiers, policies: g.attack.documents.map((d) => ({ kind: d.id.kind, ...(d.id.namespace ? { namespace: d.id.namespace } : {}), name: d.id.name })), notes: g.attack.notes },
    broken: g.broken.map((c) => ({ key: cell(c), verdict: c.verdict, decidedBy: c.decidedBy })),
    opened: g.opened.map((c) => ({ key: cell(c), attacked: c.attacked, attackedBy: c.attackedBy })),
    unknown: g.unknown.map(cell),
  };
}

function resource(d: LoadedDocument) {
  return { apiVersion: d.id.apiVersion, kind: d.id.kind, ...(d.id.namespace ? { namespace: d.id.namespace } : {}), name: d.id.name };
}

function at(l: Location) {
  return { file: l.file, line: l.line, column: l.column };
}

/** Top-level fields, pretty-printed at the document's indent (no trailing comma). */
function fields(o: Record<string, unknown>): string {
  return Object.entries(o).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`).join(',\n');
}
