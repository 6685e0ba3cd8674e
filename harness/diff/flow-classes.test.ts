import { expect } from 'chai';
import type { Cell, DecidedBy } from '../model/index.ts';
import { buildRunDiff } from './build.ts';
import type { Observation } from './observation.ts';

const knpDeny: DecidedBy = { tier: 'default', policy: 'knp.default.deny', kind: 'NetworkPolicy', namespace: 'y', ruleIndex: -1, action: 'Deny' };
const cell = (extra: Partial<Cell> = {}): Cell => ({ from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', verdict: 'deny', decidedBy: knpDeny, ...extra });
const seen = (extra: Partial<Observation>): Observation => ({ from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', observed: 'dropped', ...extra });
const classesOf = (c: Cell, o: Observation, more = {}) =>
  buildRunDiff('s', [{ name: 'one', cells: [c], observations: [o], ...more }]).steps[0]?.cells[0]?.mismatches.map((m) => m.class);

describe('the flow-log leg of the diff', () => {
  it('agrees where the logs name the same decider as the model', () => {
    expect(classesOf(cell(), seen({ loggedVerdict: 'deny', flowEvidence: { records: 2, loggedAs: knpDeny } }))).to.deep.equal([]);
  });

  it('an attribution mismatch: same verdict, another decider', () => {
    const other = { ...knpDeny, policy: 'knp.default.other' };
    expect(classesOf(cell(), seen({ loggedVerdict: 'deny', flowEvidence: { records: 2, loggedAs: other } }))).to.deep.equal(['attribution']);
  });

  it('no attribution mismatch where records of the same action also name the model\'s decider (told in the note)', () => {
    const other = { ...knpDeny, policy: 'knp.default.other' };
    expect(classesOf(cell(), seen({ loggedVerdict: 'deny', flowEvidence: { records: 3, loggedAs: other, alsoAs: [knpDeny] } }))).to.deep.equal([]);
    expect(classesOf(cell(), seen({ loggedVerdict: 'deny', flowEvidence: { records: 3, loggedAs: other, alsoAs: [null] } }))).to.deep.equal(['attribution']);
  });

  it('compares the pending decider with stagedDecidedBy', () => {
    const staged = { ...knpDeny, kind: 'StagedKubernetesNetworkPolicy' };
    const c = cell({ verdict: 'allow', decidedBy: null, stagedVerdict: 'deny', promotedVerdict: 'deny', stagedDecidedBy: staged });
    const o = seen({ observed: 'connected', loggedVerdict: 'allow', loggedStagedVerdict: 'deny', flowEvidence: { records: 2, loggedAs: null, loggedStagedAs: staged } });
    expect(classesOf(c, o)).to.deep.equal([]);
    expect(classesOf(c, { ...o, flowEvidence: { records: 2, loggedAs: null, loggedStagedAs: knpDeny } })).to.deep.equal(['attribution']);
    expect(classesOf(c, { ...o, loggedStagedVerdict: 'allow' })).to.deep.equal(['flow-log-staged']);
  });

  it('missing evidence is a mismatch unless allowed, then a notice; disagreeing records are flaky', () => {
    expect(classesOf(cell(), seen({ flowEvidence: { records: 0, missing: 'no Src record' } }))).to.deep.equal(['missing-evidence']);
    const allowed = buildRunDiff('s', [{ name: 'one', cells: [cell()], observations: [seen({ flowEvidence: { records: 0, missing: 'no Src record', missingAllowed: true } })] }]);
    expect(allowed.steps[0]?.cells[0]?.mismatches).to.deep.equal([]);
    expect(allowed.summary.missingEvidenceAllowed).to.equal(1);
    expect(classesOf(cell(), seen({ flowEvidence: { records: 3, flaky: 'Src records disagree' } }))).to.deep.equal(['flaky']);
  });

  it('after promote: all, the enforcement must equal the staged step\'s promotedVerdict; the prior expectPromoted is checked against it', () => {
    const key = 'x/a -> y/a 80/TCP';
    expect(classesOf(cell(), seen({}), { promotedPrediction: new Map([[key, 'deny']]) })).to.deep.equal([]);
    expect(classesOf(cell(), seen({}), { promotedPrediction: new Map([[key, 'allow']]) })).to.deep.equal(['promotion']);
    expect(classesOf(cell(), seen({}), { priorExpectPromoted: { default: 'allow', rules: [] } })).to.deep.equal(['promoted-intent']);
  });
});
