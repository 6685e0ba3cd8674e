import { expect } from 'chai';
import { renderExplainJson, renderResultsJson } from './json.ts';
import { sampleRun, trafficRun } from './fixture.test-helper.ts';

describe('JSON renderers', () => {
  it('explain: exactly the contract shape and key order', () => {
    const doc = JSON.parse(renderExplainJson(sampleRun()));
    expect(Object.keys(doc)).to.deep.equal(['scenario', 'steps']);
    expect(doc.steps.map((s: { name: string }) => s.name)).to.deep.equal(['baseline', 'security | tier']);
    expect(Object.keys(doc.steps[0].cells[1])).to.deep.equal(['from', 'to', 'port', 'protocol', 'verdict', 'decidedBy']);
    expect(doc.steps[1].cells[1]).to.deep.equal({
      from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', verdict: 'deny', stagedVerdict: 'deny', promotedVerdict: 'deny',
      decidedBy: { tier: 'security', policy: 'security.deny-x-y', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' },
    });
  });

  it('results: cells with expected, observed, mismatches, notices and a summary', () => {
    const doc = JSON.parse(renderResultsJson(sampleRun()));
    const cell = doc.steps[1].cells[1];
    expect(cell).to.include({ verdict: 'deny', expected: 'deny', observed: 'connected', reproduce: 'kubectl -n x exec a -- probe y/a 80/TCP' });
    expect(cell.mismatches).to.deep.equal([{ class: 'dataplane-or-model', message: 'model deny, observed connected' }]);
    expect(doc.steps[1].cells[2].notices).to.deep.equal(['staged-not-promoted']);
    expect(doc.steps[0].cells[0]).to.not.have.property('notices');
    expect(doc.summary).to.include({ 'policy-intent': 2, 'dataplane-or-model': 1, mismatchingCells: 3, cells: 9, steps: 2 });
  });
});

describe('JSON renderers: traffic under change', () => {
  it('results: cells carry their traffic figures as is, and the summary counts the new classes', () => {
    const run = trafficRun();
    const doc = JSON.parse(renderResultsJson(run));
    const [, disrupted] = doc.steps[0].cells;
    expect(disrupted.traffic).to.deep.equal(run.steps[0]?.cells[1]?.traffic);
    expect(disrupted.mismatches.map((m: { class: string }) => m.class)).to.deep.equal(['disruption']);
    expect(doc.summary).to.include({ disruption: 1, established: 1, 'time-to-enforce': 1, mismatchingCells: 2 });
  });

  it('explain: stays the contract shape, without traffic', () => {
    const doc = JSON.parse(renderExplainJson(trafficRun()));
    expect(Object.keys(doc.steps[0].cells[1])).to.deep.equal(['from', 'to', 'port', 'protocol', 'verdict', 'decidedBy']);
  });
});
