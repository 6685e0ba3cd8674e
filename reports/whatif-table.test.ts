import { expect } from 'chai';
import { libraryScenario, whatifOf, whatifTestdata } from '../harness/whatif/whatif.test-helper.ts';
import { renderWhatifTable } from './whatif-table.ts';

describe('whatif as a table', () => {
  it('the change, N of M, then per namespace pair each flip with its deciders before and after', async () => {
    const r = await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('delete-security-policy.yaml')]);
    expect(renderWhatifTable(r)).to.equal([
      `whatif tiered-guardrail: step 3/3 "app team tries to re-open for tools", with ${whatifTestdata('delete-security-policy.yaml')}`,
      `  delete GlobalNetworkPolicy security.isolate-payments (${whatifTestdata('delete-security-policy.yaml')}:7:5)`,
      '',
      '2 cells flip of 18: 2 deny → allow',
      '',
      'tools → payments: 2 cells flip',
      '  tools/debug -> payments/api 80/TCP  ✗ deny → ✓ allow',
      '    before: tier security: GlobalNetworkPolicy security.isolate-payments rule 0 (Deny)',
      '    after:  tier default: CalicoNetworkPolicy payments/allow-tools rule 0 (Allow)',
      '  tools/debug -> payments/api 80/UDP  ✗ deny → ✓ allow',
      '    before: tier security: GlobalNetworkPolicy security.isolate-payments rule 0 (Deny)',
      '    after:  tier default: CalicoNetworkPolicy payments/allow-tools rule 0 (Allow)',
      '',
    ].join('\n'));
  });

  it('says when nothing flips, and that an apply replaces what is alive', async () => {
    const text = renderWhatifTable(await whatifOf(libraryScenario('tiered-guardrail.yaml'), [libraryScenario('policies/tiered-guardrail/payments-allow-all.yaml')]));
    expect(text).to.contain('  apply NetworkPolicy payments/allow-all-ingress (').and.contain('), replacing the one alive\n');
    expect(text).to.contain('\n0 cells flip of 18: the change moves no verdict\n');
  });

  it('past the limit, cells are counted per group and --format json is named', async () => {
    const r = await whatifOf(libraryScenario('services.yaml'), [whatifTestdata('deny-web.yaml')], { step: 'baseline' });
    const text = renderWhatifTable(r, 3);
    expect(text.match(/^ {2}\S+ -> /gm)).to.have.length(3);
    expect(text).to.contain('x → y: 9 cells flip\n').and.contain('  (6 more not listed: --format json lists every one)\n');
    expect(text).to.contain('y → y: 22 cells flip\n  (22 more not listed: --format json lists every one)\n');
  });

  it('a staged-only change gives the cell, its pending deciders and its promoted verdict', async () => {
    const r = await whatifOf(libraryScenario('staged-rollout.yaml'), [libraryScenario('policies/staged-rollout/staged-replacement.yaml')], { step: 'stage a deny of web to api' });
    expect(renderWhatifTable(r)).to.contain([
      '0 cells flip of 9; 1 cell changes only a staged or promoted verdict',
      '',
      'partner → shop: 1 cell changes only a staged or promoted verdict',
      '  partner/client -> shop/api 80/TCP  ✗ deny, unchanged',
      '    staged (pending): ✗ deny → ✓ allow; before: tier default: no rule matched, end-of-tier Deny (trigger: StagedNetworkPolicy shop/deny-web); after: tier default: StagedKubernetesNetworkPolicy shop/knp.default.api-allow-web rule 0 (Allow)',
      '    promoted: ✗ deny → ✓ allow',
    ].join('\n'));
  });

  it('with --expect: each broken cell names the rule that declared it; a guardrail not held says what opened it', async () => {
    const broken = renderWhatifTable(await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('delete-security-policy.yaml')], { expect: whatifTestdata('expect-tools-denied.yaml') }));
    expect(broken).to.contain(`expect (${whatifTestdata('expect-tools-denied.yaml')}): broken at 2 of 12 cells checked\n`);
    expect(broken).to.contain(`  tools/debug -> payments/api 80/UDP: declared deny (expect.rules[0] at ${whatifTestdata('expect-tools-denied.yaml')}:5:7), after the change allow: tier default: CalicoNetworkPolicy payments/allow-tools rule 0 (Allow)\n`);
    expect(broken).to.match(/\nBROKEN: 2 cells break expect\n$/);
    const guardrail = renderWhatifTable(await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('move-guardrail-to-default.yaml')],
      { step: 'security tier denies tools to payments', expect: whatifTestdata('guardrail-tools-denied.yaml') }));
    expect(guardrail).to.contain('  tools-never-reach-payments (deny, 2 cell(s)): NOT HELD: broken by 5 adversarial policies in tier(s) default, baselineadminnetworkpolicy: tools/debug -> payments/api 80/TCP allow by tierprobe-attack-0-tools-never-reach-payments (tier default, rule 0)');
    expect(guardrail).to.match(/\nBROKEN: 1 guardrail does not hold\n$/);
    const held = renderWhatifTable(await whatifOf(libraryScenario('tiered-guardrail.yaml'), [whatifTestdata('frontend-allow-ingress.yaml')], { expect: whatifTestdata('guardrail-tools-denied.yaml') }));
    expect(held).to.contain('  tools-never-reach-payments (deny, 2 cell(s)): held against 5 adversarial policies in tier(s) default, baselineadminnetworkpolicy');
    expect(held).to.match(/\nnothing declared breaks\n$/);
  });
});
