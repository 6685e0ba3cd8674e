import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { flowResultSchema, type PolicyHit } from './flow-schema.ts';
import { decideTrace, inModelTerms, sameDecider } from './trace-decision.ts';

const live = (JSON.parse(readFileSync(new URL('./testdata/staged-knp-default-deny.json', import.meta.url), 'utf8')) as unknown[]).map((r) => flowResultSchema.parse(r));
const hit = (h: Partial<PolicyHit>): PolicyHit => ({ kind: 'GlobalNetworkPolicy', namespace: '', name: 'x', tier: 'default', action: 'Allow', policy_index: 0, rule_index: 0, ...h });

describe('a flow record\'s trace, decided', () => {
  it('a profile allow (seen live) is no policy: null in the model\'s terms', () => {
    const d = decideTrace(live[0]?.flow.Key.policies?.enforced_policies ?? []);
    expect(d?.verdict).to.equal('allow');
    expect(d?.decidingHit).to.include({ kind: 'Profile', name: 'kns.sk' });
    expect(d?.asModel).to.equal(null);
  });

  it('a pending end-of-tier deny (seen live) is its trigger\'s end of tier: knp.default.<name>, rule -1', () => {
    const d = decideTrace(live[0]?.flow.Key.policies?.pending_policies ?? []);
    expect(d?.verdict).to.equal('deny');
    expect(d?.asModel).to.deep.equal({ tier: 'default', policy: 'knp.default.default-deny', kind: 'StagedKubernetesNetworkPolicy', namespace: 'sk', ruleIndex: -1, action: 'Deny' });
  });

  it('sorts hits by policy_index (unordered before Calico 3.31.5): the last decides', () => {
    const d = decideTrace([
      hit({ name: 'deny-all', tier: 'security', action: 'Deny', policy_index: 1, rule_index: 2 }),
      hit({ name: 'pass-app', tier: 'platform', action: 'Pass', policy_index: 0 }),
    ]);
    expect(d?.asModel).to.deep.equal({ tier: 'security', policy: 'security.deny-all', kind: 'GlobalNetworkPolicy', ruleIndex: 2, action: 'Deny' });
  });

  it('a profile allow after a Pass is the Pass\'s decision, as the model attributes it', () => {
    const d = decideTrace([hit({ name: 'p', tier: 't', action: 'Pass' }), hit({ kind: 'Profile', name: 'kns.x', tier: '', policy_index: 1 })]);
    expect(d?.verdict).to.equal('allow');
    expect(d?.asModel).to.include({ policy: 't.p', action: 'Pass' });
  });

  it('names Kubernetes, admin and tiered policies as the model does; a staged kind keeps its kind', () => {
    expect(inModelTerms({ kind: 'NetworkPolicy', tier: 'default', name: 'web', namespace: 'x', action: 'Allow', ruleIndex: 0 })?.policy).to.equal('knp.default.web');
    expect(inModelTerms({ kind: 'AdminNetworkPolicy', tier: 'adminnetworkpolicy', name: 'a', action: 'Deny', ruleIndex: 1 })?.policy).to.equal('kanp.adminnetworkpolicy.a');
    expect(inModelTerms({ kind: 'BaselineAdminNetworkPolicy', tier: 'baselineadminnetworkpolicy', name: 'default', action: 'Deny', ruleIndex: 0 })?.policy).to.equal('kbanp.baselineadminnetworkpolicy.default');
    expect(inModelTerms({ kind: 'StagedGlobalNetworkPolicy', tier: 'security', name: 'deny', action: 'Deny', ruleIndex: 0 })).to.include({ policy: 'security.deny', kind: 'StagedGlobalNetworkPolicy' });
    expect(inModelTerms({ kind: 'CalicoNetworkPolicy', tier: 'default', name: 'allow-dns', namespace: 'x', action: 'Allow', ruleIndex: 0 })?.policy).to.equal('allow-dns');
  });

  it('an admin policy logged (Calico 3.31.0, live) as GlobalNetworkPolicy kanp.adminnetworkpolicy.<name> is that AdminNetworkPolicy', () => {
    const deny = decideTrace([hit({ name: 'kanp.adminnetworkpolicy.isolate-tenant-a', tier: 'adminnetworkpolicy', action: 'Deny' })]);
    expect(deny?.asModel).to.deep.equal({ tier: 'adminnetworkpolicy', policy: 'kanp.adminnetworkpolicy.isolate-tenant-a', kind: 'AdminNetworkPolicy', ruleIndex: 0, action: 'Deny' });
    const banp = decideTrace([hit({ name: 'kbanp.baselineadminnetworkpolicy.default', tier: 'baselineadminnetworkpolicy', action: 'Deny' })]);
    expect(banp?.asModel).to.include({ kind: 'BaselineAdminNetworkPolicy', policy: 'kbanp.baselineadminnetworkpolicy.default' });
    // Seen live: the ANP tier passed (end of tier, no trigger decoded), then the profile allowed.
    const passed = decideTrace([
      hit({ kind: 'EndOfTier', name: '', tier: 'adminnetworkpolicy', action: 'Pass', rule_index: -1, trigger: { kind: 'GlobalNetworkPolicy', name: 'kanp.adminnetworkpolicy.isolate-tenant-a', namespace: '', tier: 'adminnetworkpolicy' } }),
      hit({ kind: 'Profile', name: 'kns.tenant-a', tier: '', policy_index: 1 }),
    ]);
    expect(passed?.asModel).to.deep.equal({ tier: 'adminnetworkpolicy', policy: 'kanp.adminnetworkpolicy.isolate-tenant-a', kind: 'AdminNetworkPolicy', ruleIndex: -1, action: 'Pass' });
  });

  it('compares deciders: a default-tier policy written default.x logs as x; rule, action, kind and namespace must agree', () => {
    const logged = inModelTerms({ kind: 'CalicoNetworkPolicy', tier: 'default', name: 'x', namespace: 'n', action: 'Deny', ruleIndex: 1 });
    expect(sameDecider({ tier: 'default', policy: 'default.x', kind: 'CalicoNetworkPolicy', namespace: 'n', ruleIndex: 1, action: 'Deny' }, logged)).to.equal(true);
    expect(sameDecider({ tier: 'default', policy: 'x', kind: 'CalicoNetworkPolicy', namespace: 'n', ruleIndex: 0, action: 'Deny' }, logged)).to.equal(false);
    expect(sameDecider(null, logged)).to.equal(false);
    expect(sameDecider(null, null)).to.equal(true);
    expect(sameDecider(undefined, logged)).to.equal(true);
  });
});
