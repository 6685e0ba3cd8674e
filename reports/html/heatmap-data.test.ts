import { expect } from 'chai';
import { buildRunDiff } from '../../harness/diff/index.ts';
import type { Cell } from '../../harness/model/index.ts';
import { cellState, heatViews } from './cell-state.ts';
import { RunTables, stepHeatmaps } from './heatmap-data.ts';
import { packFigures } from './packed.ts';
import { pods, realisticRun } from './realistic-run.test-helper.ts';

const ips = Object.fromEntries(pods.map((p) => [p.pod, p.ip]));
const cell = (from: string, to: string, extra: Partial<Cell> = {}): Cell => ({ from, to, port: 80, protocol: 'TCP', verdict: 'allow', decidedBy: null, ...extra });

describe('report.html heatmap data', () => {
  it('has a heatmap per port, its sources and destinations grouped by namespace, and the views a step has', () => {
    const [baseline, guarded] = realisticRun().diff.steps;
    if (!baseline || !guarded) throw new Error('fixture');
    const tables = new RunTables(ips);
    const [first] = stepHeatmaps(baseline, tables);
    const [enforced, externals] = stepHeatmaps(guarded, tables);
    expect(enforced?.data.rg).to.deep.equal([['x', 0, 2], ['y', 2, 4]]);
    expect(enforced?.data.cols.map((i) => tables.names[i])).to.deep.equal(['x/a', 'x/b', 'y/a', 'y/b']);
    expect(externals?.data.cg).to.deep.equal([['externals', 0, 1]]);
    expect(first?.data.views.map((v) => heatViews[v])).to.deep.equal(['verdict']);
    expect(enforced?.data.views.map((v) => heatViews[v])).to.deep.equal(['verdict', 'stagedVerdict', 'promotedVerdict', 'flows']);
    expect(externals?.data.views.map((v) => heatViews[v]), 'no flow record on this port').to.deep.equal(['verdict', 'stagedVerdict', 'promotedVerdict']);
    expect(enforced?.counts).to.deep.equal({ title: '80/TCP', cells: 16, states: { A: 11, D: 2, a: 0, d: 0, M: 2, E: 1, U: 0 } });
  });

  it('stores cells that differ only by their names as one record, their figures apart', () => {
    const [baseline] = realisticRun().diff.steps;
    if (!baseline) throw new Error('fixture');
    const tables = new RunTables(ips);
    const [map] = stepHeatmaps(baseline, tables);
    // 20 cells, all allowed and connected: a record per path (same-node, cross-node, external).
    expect(tables.records).to.have.length(3);
    expect(map?.data.rec.w).to.equal(1);
    expect(map?.data.lat).to.deep.equal(packFigures(baseline.cells.filter((c) => c.port === 80).map((c) => c.latencyMs), 0.1));
  });

  it('groups a column by its namespace wherever it first appears, and a Service\'s backends under the Service', () => {
    const diff = buildRunDiff('s', [{
      name: 'one',
      cells: [cell('x/a', 'y/a'), cell('x/a', 'z/a'), cell('x/a', 'y/b'), cell('x/a', 'svc:y/web', { backend: 'y/a' }), cell('x/a', 'svc:y/web', { backend: 'y/b' })],
    }]);
    const tables = new RunTables({});
    const [map] = stepHeatmaps(diff.steps[0] ?? { name: '', cells: [], staged: false }, tables);
    expect(map?.data.cols.map((i) => tables.names[i])).to.deep.equal(['y/a', 'y/b', 'z/a', 'svc:y/web→y/a', 'svc:y/web→y/b']);
    expect(map?.data.cg).to.deep.equal([['y', 0, 2], ['z', 2, 3], ['svc:y/web', 3, 5]]);
  });
});

describe('report.html cell states', () => {
  const [, guarded] = realisticRun().diff.steps;
  const at = (from: string, to: string) => {
    const c = guarded?.cells.find((x) => x.from === from && x.to === to && x.port === 80);
    if (!c) throw new Error(`no ${from} -> ${to}`);
    return heatViews.map((v) => cellState(c, v)).join('');
  };

  it('colours each view by what was observed or logged against the model', () => {
    // enforced, staged, promoted, flow logs
    expect(at('x/a', 'y/a'), 'let through: a mismatch where enforced, a prediction elsewhere').to.equal('Mddd');
    expect(at('x/b', 'y/b'), 'the probe errored: an error, never a deny').to.equal('Eddd');
    expect(at('x/b', 'y/a'), 'dropped, and the flow logs agree').to.equal('DddD');
    expect(at('y/a', 'x/b'), 'the logs name another decider: a flow-log mismatch; the pending deny logged').to.equal('MDdM');
    expect(at('y/b', 'x/a'), 'staged would deny, nothing logged').to.equal('Adda');
  });

  it('says unknown offline, and predicted only where nothing was observed', () => {
    const [step] = buildRunDiff('u', [{ name: 'u', cells: [cell('x/a', 'y/a', { verdict: 'unknown', unknownBecause: 'depends on pod addresses' }), cell('x/a', 'y/b', { verdict: 'deny' })] }]).steps;
    expect(step?.cells.map((c) => cellState(c, 'verdict'))).to.deep.equal(['U', 'd']);
  });
});
