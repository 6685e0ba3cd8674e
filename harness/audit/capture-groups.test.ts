import { expect } from 'chai';
import { CaptureGroups, nameMatches, parseLabels } from './capture-groups.ts';
import { captureModel } from './audit-fixtures.test-helper.ts';

describe('audit-flows: a flow endpoint to its capture group', () => {
  let groups: CaptureGroups;
  before(async () => {
    const m = await captureModel('shop');
    groups = new CaptureGroups(m.inventory, m.representatives);
  });

  it('matches by namespace and labels; Calico\'s and tierprobe\'s own labels are not the workload\'s', () => {
    expect(groups.match('shop', 'db-0', ['app=db', 'tierprobe.dev/run=x', 'projectcalico.org/orchestrator=k8s'])).to.equal('shop/db');
    expect(groups.match('tools', 'debug', ['app=debug'])).to.equal('tools/debug');
  });

  it('two groups with the same labels (another service account) are told apart by Goldmane\'s aggregated name against the pods map', () => {
    expect(groups.match('shop', 'web-7d9f8c6b5-*', ['app=web'])).to.equal('shop/web');
    expect(groups.match('shop', 'web-canary-5c4d-*', ['app=web'])).to.equal('shop/web-canary');
    expect(groups.match('shop', 'web-*', ['app=web'])).to.equal('ambiguous');
  });

  it('says why it cannot map: a namespace not captured, labels no group holds', () => {
    expect(groups.match('billing', 'api-*', ['app=api'])).to.equal('unknown-namespace');
    expect(groups.match('shop', 'cache-0', ['app=cache'])).to.equal('no-group');
    expect(groups.match('shop', 'db-0', ['app=db', 'version=2'])).to.equal('no-group');
  });

  it('parses k=v labels (a value may hold =) and aggregated names', () => {
    expect(parseLabels(['a=b=c', 'flag', 'tierprobe.dev/owned-by=tierprobe'])).to.deep.equal({ a: 'b=c', flag: '' });
    expect(nameMatches('web-7d9f-*', 'web-7d9f-abcde')).to.equal(true);
    expect(nameMatches('web-7d9f-*', 'webx-7d9f-abcde')).to.equal(false);
    expect(nameMatches('db-0', 'db-0')).to.equal(true);
  });
});
