import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { flowResultSchema } from '../flows/flow-schema.ts';
import { auditFlows } from './compare-flows.ts';
import { captureModel, hit, profile, record } from './audit-fixtures.test-helper.ts';

const recorded = (JSON.parse(readFileSync(new URL('../flows/testdata/staged-knp-default-deny.json', import.meta.url), 'utf8')) as unknown[]).map((r) => flowResultSchema.parse(r));

const endOfTier = (trigger: string, ns: string) => hit({ kind: 'EndOfTier', name: '', action: 'Deny', rule_index: -1, trigger: { kind: 'NetworkPolicy', namespace: ns, name: trigger, tier: 'default' } });
const allowBy = (name: string, ns: string, rule = 0) => hit({ kind: 'NetworkPolicy', namespace: ns, name, rule_index: rule });

describe('audit-flows: logged flows against the capture\'s model', () => {
  it('recorded flows of a staged default deny (seen live) agree with the capture, enforced and pending', async () => {
    const r = auditFlows(recorded, await captureModel('sk'));
    expect(r.flows).to.equal(recorded.length);
    expect(r.mapped).to.equal(recorded.length);
    expect(r.staged).to.equal(true);
    expect(r.compared).to.be.greaterThan(0);
    expect(r.disagreements).to.deep.equal([]);
    expect(r.agreeing).to.equal(r.compared);
  });

  it('compares each record with its own side: an ingress deny leaves the Src record allowed, and the Dst record denied', async () => {
    const m = await captureModel('shop');
    const r = auditFlows([
      record({ from: 'tools/debug', to: 'shop/db-0', port: 5432, reporter: 'Src', action: 'Allow', enforced: [profile('tools')], fromLabels: ['app=debug'], toLabels: ['app=db'] }),
      record({ from: 'tools/debug', to: 'shop/db-0', port: 5432, reporter: 'Dst', action: 'Deny', enforced: [endOfTier('db-from-web', 'shop')], fromLabels: ['app=debug'], toLabels: ['app=db'] }),
      record({ from: 'shop/web-7d9f8c6b5-*', to: 'shop/db-0', port: 5432, reporter: 'Dst', action: 'Allow', enforced: [allowBy('db-from-web', 'shop')], fromLabels: ['app=web'], toLabels: ['app=db'] }),
    ], m);
    expect(r.disagreements).to.deep.equal([]);
    expect(r.compared).to.equal(3);
    expect(r.attributionDiffers).to.equal(0);
  });

  it('a policy in the trace the capture lacks is drift, with both attributions', async () => {
    const r = auditFlows([
      record({ from: 'shop/db-0', to: 'tools/debug', port: 80, reporter: 'Src', action: 'Deny', enforced: [hit({ kind: 'GlobalNetworkPolicy', name: 'lockdown', tier: 'security', action: 'Deny', rule_index: 1 })], fromLabels: ['app=db'], toLabels: ['app=debug'], connections: 3 }),
    ], await captureModel('shop'));
    expect(r.disagreements).to.have.length(1);
    const d = r.disagreements[0];
    expect(d).to.include({ from: 'shop/db', to: 'tools/debug', port: 80, reporter: 'Src', mode: 'enforced', logged: 'deny', model: 'allow', class: 'drift', records: 1, connections: 3 });
    expect(d?.why).to.include('GlobalNetworkPolicy security.lockdown');
    expect(d?.modelDecidedBy).to.equal(null);
    expect(d?.loggedAs).to.deep.equal({ tier: 'security', policy: 'security.lockdown', kind: 'GlobalNetworkPolicy', ruleIndex: 1, action: 'Deny' });
    expect(d?.workloads).to.deep.equal(['shop/db-0 -> tools/debug']);
  });

  it('an action its own trace does not give is a dataplane surprise', async () => {
    const r = auditFlows([
      record({ from: 'shop/db-0', to: 'tools/debug', port: 80, reporter: 'Src', action: 'Deny', enforced: [profile('shop')], fromLabels: ['app=db'], toLabels: ['app=debug'] }),
    ], await captureModel('shop'));
    expect(r.disagreements.map((d) => d.class)).to.deep.equal(['dataplane-surprise']);
    expect(r.disagreements[0]?.why).to.include('though its own trace allows');
  });

  it('a trace of captured policies that the model reads otherwise is a model gap, naming the model\'s decider', async () => {
    const r = auditFlows([
      record({ from: 'shop/web-7d9f8c6b5-*', to: 'tools/debug', port: 80, reporter: 'Src', action: 'Allow', enforced: [allowBy('web-no-egress-to-tools', 'shop')], fromLabels: ['app=web'], toLabels: ['app=debug'] }),
    ], await captureModel('shop'));
    expect(r.disagreements).to.have.length(1);
    expect(r.disagreements[0]).to.include({ class: 'model-gap', logged: 'allow', model: 'deny' });
    expect(r.disagreements[0]?.modelDecidedBy).to.include({ policy: 'knp.default.web-no-egress-to-tools', ruleIndex: -1, action: 'Deny' });
  });

  it('records of one cell, reporter, action and trace are judged once and counted together', async () => {
    const spec = { from: 'shop/db-0', to: 'tools/debug', port: 80, reporter: 'Src' as const, action: 'Deny' as const, enforced: [profile('shop')], fromLabels: ['app=db'], toLabels: ['app=debug'] };
    const r = auditFlows([record(spec), record(spec), record(spec)], await captureModel('shop'));
    expect(r.disagreements).to.have.length(1);
    expect(r.disagreements[0]).to.include({ records: 3, connections: 6 });
  });

  it('two real pods of one group are two endpoints: traffic within a group is policed, not a pod to itself', async () => {
    const r = auditFlows([
      record({ from: 'shop/web-7d9f8c6b5-*', to: 'shop/web-7d9f8c6b5-*', port: 80, reporter: 'Src', action: 'Allow', enforced: [allowBy('web-no-egress-to-tools', 'shop')], fromLabels: ['app=web'], toLabels: ['app=web'] }),
    ], await captureModel('shop'));
    expect(r.compared).to.equal(1);
    expect(r.disagreements).to.deep.equal([]);
    expect(r.attributionDiffers).to.equal(0);
  });

  it('a port the capture\'s pods do not declare is still judged (the policies police it)', async () => {
    const r = auditFlows([
      record({ from: 'tools/debug', to: 'shop/db-0', port: 9999, reporter: 'Dst', action: 'Allow', enforced: [profile('shop')], fromLabels: ['app=debug'], toLabels: ['app=db'] }),
    ], await captureModel('shop'));
    expect(r.disagreements.map((d) => [d.port, d.logged, d.model, d.modelDecidedBy?.policy])).to.deep.equal([[9999, 'allow', 'deny', 'knp.default.db-from-web']]);
  });

  it('counts what it cannot map, by why, and leaves out records with no connection started', async () => {
    const r = auditFlows([
      record({ from: 'shop/db-0', to: '-/pub', port: 443, reporter: 'Src', action: 'Allow', enforced: [profile('shop')], fromLabels: ['app=db'], destType: 'Network' }),
      record({ from: 'billing/api-*', to: 'shop/db-0', port: 5432, reporter: 'Dst', action: 'Deny', enforced: [endOfTier('db-from-web', 'shop')], toLabels: ['app=db'] }),
      record({ from: 'shop/cache-0', to: 'shop/db-0', port: 5432, reporter: 'Dst', action: 'Deny', enforced: [endOfTier('db-from-web', 'shop')], fromLabels: ['app=cache'], toLabels: ['app=db'] }),
      record({ from: 'shop/web-*', to: 'shop/db-0', port: 5432, reporter: 'Dst', action: 'Allow', enforced: [allowBy('db-from-web', 'shop')], fromLabels: ['app=web'], toLabels: ['app=db'] }),
      record({ from: 'shop/db-0', to: 'tools/debug', port: 80, proto: 'icmp', reporter: 'Src', action: 'Allow', enforced: [profile('shop')], fromLabels: ['app=db'], toLabels: ['app=debug'] }),
      record({ from: 'shop/db-0', to: 'tools/debug', port: 80, reporter: 'Src', action: 'Deny', enforced: [profile('shop')], fromLabels: ['app=db'], toLabels: ['app=debug'], connections: 0 }),
    ], await captureModel('shop'));
    expect(r.flows).to.equal(6);
    expect(r.mapped).to.equal(1);
    expect(Object.fromEntries(r.unmapped.map((u) => [u.reason, u.flows]))).to.deep.equal({ 'not-a-workload': 1, 'unknown-namespace': 1, 'no-group': 1, ambiguous: 1, protocol: 1 });
    expect(r.unmapped.find((u) => u.reason === 'unknown-namespace')?.examples).to.deep.equal(['billing/api-* -> shop/db-0 5432/tcp']);
    expect(r.compared).to.equal(0);
    expect(r.notCompared).to.have.length(1);
    expect(r.notCompared[0]?.why).to.include('no connection started');
    expect(r.disagreements).to.deep.equal([]);
  });
});
