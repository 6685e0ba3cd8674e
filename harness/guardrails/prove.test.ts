import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../scenario/load.ts';
import { attackedTiers } from './adversaries.ts';
import { scenarioGuardrails } from './scenario-proofs.ts';

const builtIn = { admin: 'adminnetworkpolicy', baseline: 'baselineadminnetworkpolicy' };
const tiers = [
  { name: 'adminnetworkpolicy', order: 1000, defaultAction: 'Pass' as const },
  { name: 'security', order: 100, defaultAction: 'Deny' as const },
  { name: 'platform', order: 5_000_000, defaultAction: 'Deny' as const },
  { name: 'default', order: 1_000_000, defaultAction: 'Deny' as const },
  { name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'Pass' as const },
].sort((a, b) => a.order - b.order);

describe('guardrails: which tiers are attacked', () => {
  it('the tiers after the deciding one, the default tier wherever it is and the baseline; never the admin tier', () => {
    expect(attackedTiers(tiers, new Set(['security']), builtIn)).to.deep.equal(['default', 'platform', 'baselineadminnetworkpolicy']);
    // A guardrail that lives below the default tier is still attacked there: app teams write in default.
    expect(attackedTiers(tiers, new Set(['platform']), builtIn)).to.deep.equal(['default', 'baselineadminnetworkpolicy']);
    // Decided by no policy: every tier app teams could write in.
    expect(attackedTiers(tiers, new Set(), builtIn)).to.deep.equal(['security', 'default', 'platform', 'baselineadminnetworkpolicy']);
    // Cells decided in several tiers: from the earliest.
    expect(attackedTiers(tiers, new Set(['platform', 'security']), builtIn)).to.deep.equal(['default', 'platform', 'baselineadminnetworkpolicy']);
  });
});

describe('guardrails: proofs in the model', () => {
  it('the library guardrail holds at every step from its since, against allow-alls in default and BANP', async () => {
    const checks = scenarioGuardrails(await loadScenario('scenarios/tiered-guardrail.yaml'));
    expect(checks.map((c) => [c.stepIndex, c.held])).to.deep.equal([[1, true], [2, true]]);
    const [first] = checks;
    expect(first?.attack.tiers).to.deep.equal(['default', 'baselineadminnetworkpolicy']);
    expect(first?.attack.documents.map((d) => `${d.id.kind} ${d.id.namespace ?? ''}/${d.id.name}`)).to.deep.equal([
      'GlobalNetworkPolicy /tierprobe-attack-0-tools-never-reach-payments',
      'NetworkPolicy payments/tierprobe-attack-0-tools-never-reach-payments',
      'NetworkPolicy frontend/tierprobe-attack-0-tools-never-reach-payments',
      'NetworkPolicy tools/tierprobe-attack-0-tools-never-reach-payments',
      'BaselineAdminNetworkPolicy /default',
    ]);
    // Adversaries reach only the scenario's namespaces.
    expect(first?.attack.documents[0]?.text).to.contain("selector: projectcalico.org/namespace in {'payments', 'frontend', 'tools'}");
    expect(first?.cells.map((c) => [c.key, c.verdict, c.attacked])).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'deny', 'deny'], ['tools/debug -> payments/api 80/UDP', 'deny', 'deny'],
    ]);
  });

  it('catches a guardrail that rests on the default tier: the allow-all there opens it', async () => {
    const checks = scenarioGuardrails(await loadScenario('test/e2e/live/testdata/weak-guardrail.yaml'));
    const weak = checks.find((c) => c.guardrail === 'weak-tools-to-payments');
    expect(weak?.held).to.equal(false);
    expect(weak?.opened.map((c) => [c.key, c.attacked, c.attackedBy?.policy])).to.deep.equal([
      ['e2e-gr-tools/debug -> e2e-gr-payments/api 80/TCP', 'allow', 'tierprobe-attack-0-weak-tools-to-payments'],
    ]);
    expect(checks.find((c) => c.guardrail === 'tools-never-reach-vault')?.held).to.equal(true);
  });

  it('attacks an allow guardrail with deny-alls, and says where it does not hold at the step itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardrail-'));
    const file = join(dir, 'allow.yaml');
    writeFileSync(file, `apiVersion: tierprobe/v1alpha1
kind: Scenario
metadata: {name: allow-guardrail}
probe: {ports: [80/TCP]}
namespaces:
  - {name: x, pods: [{name: a}]}
  - {name: y, pods: [{name: a}]}
guardrails:
  - {name: x-reaches-y, from: "x/*", to: "y/*", verdict: allow}
steps:
  - name: nothing yet
  - name: y denies everything
    apply:
      - inline: |
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: deny, namespace: y}
          spec: {podSelector: {}, policyTypes: [Ingress]}
`);
    const checks = scenarioGuardrails(await loadScenario(file));
    expect(checks[0]?.held).to.equal(false);
    expect(checks[0]?.opened.map((c) => c.attacked)).to.deep.equal(['deny']);
    expect(checks[0]?.attack.documents[0]?.text).to.contain('action: Deny');
    expect(checks[1]?.broken.map((c) => [c.key, c.verdict])).to.deep.equal([['x/a -> y/a 80/TCP', 'deny']]);
  });
});
