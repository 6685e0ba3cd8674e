import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { fakeApi, operatorCluster, paths } from '../flows/fake-kube-api.test-helper.ts';
import { whileValid } from '../flows/goldmane-fixtures.test-helper.ts';
import { existingGoldmane } from './existing-goldmane.ts';

describe('existingGoldmane: a session on provider existing', () => {
  let calicoSrc = '';
  before(async () => {
    calicoSrc = await mkdtemp(join(tmpdir(), 'tierprobe-calico-'));
    await mkdir(join(calicoSrc, 'goldmane', 'proto'), { recursive: true });
    await writeFile(join(calicoSrc, 'goldmane', 'proto', 'api.proto'), 'syntax = "proto3";\n');
  });
  after(() => rm(calicoSrc, { recursive: true, force: true }));

  it('gets goldmane with its TLS material and the proto, and says so', async () => {
    await using api = await fakeApi(operatorCluster());
    const lines: string[] = [];
    const got = await existingGoldmane(api.kc, calicoSrc, (l) => lines.push(l), { now: () => whileValid });
    expect(got.goldmaneUnavailable).to.equal(undefined);
    expect(got.goldmane).to.deep.include({ namespace: 'calico-system', port: 7443, protoPath: join(calicoSrc, 'goldmane', 'proto', 'api.proto') });
    expect(got.goldmane?.tls?.serverName).to.equal('goldmane.calico-system.svc');
    expect(lines).to.deep.equal(['Goldmane: calico-system, port 7443, mutual TLS (server name goldmane.calico-system.svc)']);
  });

  it('where discovery fails, keeps the reason and what to do in goldmaneUnavailable instead of failing', async () => {
    await using api = await fakeApi(operatorCluster(), [paths.secret('whisker-backend-key-pair')]);
    const lines: string[] = [];
    const got = await existingGoldmane(api.kc, calicoSrc, (l) => lines.push(l), { now: () => whileValid });
    expect(got.goldmane).to.equal(undefined);
    expect(got.goldmaneUnavailable).to.match(/^no client certificate Goldmane would accept .*: get secrets whisker-backend-key-pair in calico-system is forbidden; grant get on secrets whisker-backend-key-pair/);
    expect(lines).to.deep.equal([`flow logs cannot be read: ${got.goldmaneUnavailable ?? ''}`]);
  });

  it('where the Calico module has no Goldmane proto, says where it looked', async () => {
    await using api = await fakeApi(operatorCluster());
    const got = await existingGoldmane(api.kc, join(calicoSrc, 'nowhere'), () => undefined, { now: () => whileValid });
    expect(got).to.deep.equal({ goldmaneUnavailable: `Goldmane's API is not at ${join(calicoSrc, 'nowhere', 'goldmane', 'proto', 'api.proto')}` });
  });
});
