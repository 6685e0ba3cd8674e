import type * as k8s from '@kubernetes/client-node';
import { expect } from 'chai';
import { EnvironmentError } from '../errors.ts';
import { discoverGoldmane, type DiscoveryOptions, type GoldmaneEndpoint } from './goldmane-discovery.ts';
import { fakeApi, goldmanePods, operatorCluster, paths } from './fake-kube-api.test-helper.ts';
import { bundle, keyPair, kindDeployment, operatorDeployment, whileValid } from './goldmane-fixtures.test-helper.ts';

async function refusal(kc: k8s.KubeConfig, o: DiscoveryOptions = {}): Promise<EnvironmentError> {
  const got = await discoverGoldmane(kc, { now: () => whileValid, ...o }).then((r: GoldmaneEndpoint) => r, (e: unknown) => e);
  if (!(got instanceof EnvironmentError)) throw new Error(`expected an EnvironmentError, got ${JSON.stringify(got)}`);
  return got;
}

describe('discoverGoldmane', () => {
  it('on an operator install: mutual TLS on 7443 with the bundle as CA, whisker-backend\'s key pair and the Service name to verify', async () => {
    await using api = await fakeApi(operatorCluster());
    const got = await discoverGoldmane(api.kc, { now: () => whileValid });
    const whisker = keyPair('whisker-backend-key-pair');
    expect(got).to.deep.equal({ namespace: 'calico-system', port: 7443, tls: { ca: bundle, cert: whisker.cert, key: whisker.key, serverName: 'goldmane.calico-system.svc' } });
    // Read-only, and nothing but what it names: not Goldmane's own key pair.
    expect(api.asked).to.deep.equal([`GET ${paths.deployment}`, `GET ${paths.pods}`, `GET ${paths.caBundle}`, `GET ${paths.secret('whisker-backend-key-pair')}`]);
  });

  it('on tierprobe\'s kind cluster: plain gRPC on 7443, and no Secret or ConfigMap read', async () => {
    await using api = await fakeApi({ [paths.deployment]: kindDeployment, [paths.pods]: goldmanePods(kindDeployment) });
    expect(await discoverGoldmane(api.kc)).to.deep.equal({ namespace: 'calico-system', port: 7443 });
    expect(api.asked).to.deep.equal([`GET ${paths.deployment}`, `GET ${paths.pods}`]);
  });

  it('no Deployment: no Goldmane (Calico before 3.30, or not installed)', async () => {
    await using api = await fakeApi({});
    const e = await refusal(api.kc);
    expect(e.message).to.equal('no Goldmane: Deployment calico-system/goldmane does not exist (Goldmane comes with Calico 3.30 and later; the Tigera operator installs it for a Goldmane resource named default)');
    expect(e.hint).to.include('--no-flows');
  });

  it('no Running pod: names the pods and their phase', async () => {
    await using api = await fakeApi({ ...operatorCluster(), [paths.pods]: goldmanePods(operatorDeployment, 'Pending') });
    expect((await refusal(api.kc)).message).to.equal('Goldmane has no Running pod in calico-system (goldmane-7c9f Pending)');
  });

  it('a Secret or ConfigMap RBAC does not grant: names it and the verb, and where the Role is', async () => {
    await using noSecret = await fakeApi(operatorCluster(), [paths.secret('whisker-backend-key-pair')]);
    const s = await refusal(noSecret.kc);
    expect(s.message).to.equal('no client certificate Goldmane would accept (it requires one signed by a CA in ConfigMap calico-system/goldmane-ca-bundle): get secrets whisker-backend-key-pair in calico-system is forbidden');
    expect(s.hint).to.include('grant get on secrets whisker-backend-key-pair in calico-system (the Role tierprobe-run-flows in harness/rbac/tierprobe-run.yaml does)');
    await using noBundle = await fakeApi(operatorCluster(), [paths.caBundle]);
    const c = await refusal(noBundle.kc);
    expect(c.message).to.equal('may not read what Goldmane\'s flows need: get configmaps goldmane-ca-bundle in calico-system (the CA bundle Goldmane checks clients against) is forbidden');
    await using noDeployment = await fakeApi(operatorCluster(), [paths.deployment]);
    expect((await refusal(noDeployment.kc)).message).to.equal('may not read what Goldmane\'s flows need: get deployments.apps goldmane in calico-system is forbidden');
  });

  it('no client certificate Goldmane would accept: a missing Secret (no Whisker), or one from another CA, each named', async () => {
    const { [paths.secret('whisker-backend-key-pair')]: _, ...withoutWhisker } = operatorCluster();
    await using api = await fakeApi(withoutWhisker);
    const missing = await refusal(api.kc);
    expect(missing.message).to.match(/: Secret calico-system\/whisker-backend-key-pair does not exist$/);
    expect(missing.hint).to.include('where Whisker is installed');
    const stranger = await refusal(api.kc, { clientSecrets: ['whisker-backend-key-pair', 'stranger-key-pair'] });
    expect(stranger.message).to.include('Secret calico-system/stranger-key-pair: its certificate (issuer CN=stranger-signer) is not signed by a CA in the bundle');
  });
});
