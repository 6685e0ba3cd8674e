import { expect } from 'chai';
import { renderAuditText } from './audit-text.ts';
import { auditFlows } from './compare-flows.ts';
import { captureModel, hit, profile, record } from './audit-fixtures.test-helper.ts';

const header = { context: 'kind-shop', since: '15m', capture: 'cap/' };

describe('audit-flows as a table', () => {
  it('says the counts, what was not mapped and why, each disagreement with both attributions and its class, and ends DISAGREE', async () => {
    const r = auditFlows([
      record({ from: 'shop/db-0', to: 'tools/debug', port: 80, reporter: 'Src', action: 'Deny', enforced: [hit({ kind: 'GlobalNetworkPolicy', name: 'lockdown', tier: 'security', action: 'Deny' })], fromLabels: ['app=db'], toLabels: ['app=debug'] }),
      record({ from: 'billing/api-*', to: 'shop/db-0', port: 5432, reporter: 'Src', action: 'Allow', enforced: [profile('billing')], toLabels: ['app=db'] }),
    ], await captureModel('shop'));
    const text = renderAuditText(r, header);
    expect(text).to.include('audit-flows kind-shop: flows of the last 15m against the capture cap/');
    expect(text).to.include('2 flow record(s) read, 1 mapped to capture groups, 1 not mapped');
    expect(text).to.include('not mapped: 1 namespace not in the capture (e.g. billing/api-* -> shop/db-0 5432/tcp)');
    expect(text).to.include('shop/db -> tools/debug 80/TCP (egress at shop/db, enforced): logged deny, model allow  [drift]');
    expect(text).to.include('flow:  security.lockdown rule 0 (GlobalNetworkPolicy, tier security): Deny');
    expect(text).to.include('model: no policy (the namespace profile allows)');
    expect(text.trimEnd().split('\n').at(-1)).to.equal('DISAGREE: 1 drift');
  });

  it('with nothing to disagree on, says so', async () => {
    const text = renderAuditText(auditFlows([], await captureModel('shop')), header);
    expect(text).to.include('0 flow record(s) read').and.include('no disagreement');
  });
});
