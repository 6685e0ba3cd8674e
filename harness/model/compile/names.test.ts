import { expect } from 'chai';
import { displayName, isValidPolicyName, sortKey, tierPrefixProblem } from './names.ts';

describe('policy names and sort keys (CALICO-SEMANTICS.md §1)', () => {
  it('policy names: one dot for Calico policies, knp.default. names allowed for namespaced ones', () => {
    expect(isValidPolicyName('security.allow-dns', 'global')).to.equal(true);
    expect(isValidPolicyName('a.b.c', 'global')).to.equal(false);
    expect(isValidPolicyName('knp.default.a.b', 'namespaced')).to.equal(true);
    expect(isValidPolicyName('Upper', 'namespaced')).to.equal(false);
  });
  it('names outside the default tier need the tier prefix', () => {
    expect(tierPrefixProblem('allow', 'default')).to.equal(undefined);
    expect(tierPrefixProblem('default.allow', 'default')).to.equal(undefined);
    expect(tierPrefixProblem('security.allow', 'security')).to.equal(undefined);
    expect(tierPrefixProblem('allow', 'security')).to.equal('Incorrectly formatted policy name allow');
  });
  it('3.30/3.31 keys are v1 names with default. and staged: prefixes', () => {
    const key = (kind: Parameters<typeof sortKey>[1]['kind'], name: string, namespace?: string) => sortKey('3.31', { kind, name, namespace });
    expect(key('GlobalNetworkPolicy', 'p')).to.equal('default.p');
    expect(key('CalicoNetworkPolicy', 'sec.p', 'x')).to.equal('x/sec.p');
    expect(key('StagedNetworkPolicy', 'p', 'x')).to.equal('x/staged:default.p');
    expect(key('StagedGlobalNetworkPolicy', 'sec.p')).to.equal('staged:sec.p');
    expect(key('NetworkPolicy', 'p', 'x')).to.equal('x/knp.default.p');
    expect(key('StagedKubernetesNetworkPolicy', 'p', 'x')).to.equal('x/staged:knp.default.p');
    expect(key('AdminNetworkPolicy', 'p')).to.equal('kanp.adminnetworkpolicy.p');
  });
  it('3.32 keys are name/namespace/kind', () => {
    expect(sortKey('3.32', { kind: 'CalicoNetworkPolicy', name: 'p', namespace: 'x' })).to.equal('p/x/CalicoNetworkPolicy');
    expect(sortKey('3.32', { kind: 'GlobalNetworkPolicy', name: 'p' })).to.equal('p//GlobalNetworkPolicy');
  });
  it('display names: knp.default., kanp.adminnetworkpolicy. and kbanp.baselineadminnetworkpolicy. prefixes', () => {
    expect(displayName({ kind: 'NetworkPolicy', name: 'p' })).to.equal('knp.default.p');
    expect(displayName({ kind: 'BaselineAdminNetworkPolicy', name: 'default' })).to.equal('kbanp.baselineadminnetworkpolicy.default');
    expect(displayName({ kind: 'CalicoNetworkPolicy', name: 'sec.p' })).to.equal('sec.p');
  });
});
