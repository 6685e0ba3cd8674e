import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as k8s from '@kubernetes/client-node';
import { expect } from 'chai';
import { ApiRequestError } from '../kube-error.ts';
import { readDefaultSpec, readDenyAction, readDenySetting } from './felix-configuration.ts';

/** A stand-in API server on loopback: what it answers is what the reader gets, over real HTTP. */
async function apiServer(answer: (req: IncomingMessage) => { status: number; body: unknown }): Promise<{ config: k8s.KubeConfig; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    const { status, body } = answer(req);
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no port');
  const { port } = address;
  const config = new k8s.KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x',
  });
  return { config, requests, server };
}

const felixDefault = {
  apiVersion: 'crd.projectcalico.org/v1', kind: 'FelixConfiguration', metadata: { name: 'default' },
  spec: { iptablesFilterDenyAction: 'Reject', flowLogsFlushInterval: '5s', bpfLogLevel: '' },
};
const status = (code: number, message: string) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });

describe('readDenyAction (the default FelixConfiguration, read-only)', () => {
  const servers: Server[] = [];
  afterEach(() => { for (const s of servers.splice(0)) s.close(); });

  it('GETs crd.projectcalico.org/v1 felixconfigurations/default and reads its deny action', async () => {
    const api = await apiServer(() => ({ status: 200, body: felixDefault }));
    servers.push(api.server);
    expect(await readDenyAction(api.config)).to.deep.equal({
      action: 'Reject', field: 'iptablesFilterDenyAction', set: true, source: 'FelixConfiguration default sets iptablesFilterDenyAction=Reject',
    });
    expect(await readDefaultSpec(api.config)).to.deep.equal(felixDefault.spec);
    expect(api.requests).to.deep.equal([
      'GET /apis/crd.projectcalico.org/v1/felixconfigurations/default',
      'GET /apis/crd.projectcalico.org/v1/felixconfigurations/default',
    ]);
  });

  it("takes a missing default as Felix's default, Drop", async () => {
    const api = await apiServer(() => ({ status: 404, body: status(404, 'felixconfigurations.crd.projectcalico.org "default" not found') }));
    servers.push(api.server);
    expect(await readDenyAction(api.config)).to.include({ action: 'Drop', set: false });
    expect(await readDefaultSpec(api.config)).to.equal(undefined);
  });

  it('fails on a refusal with the request and status; readDenySetting turns it into an unknown reading', async () => {
    const api = await apiServer(() => ({ status: 403, body: status(403, 'felixconfigurations.crd.projectcalico.org "default" is forbidden') }));
    servers.push(api.server);
    const failed = await readDenyAction(api.config).then(() => undefined, (e: unknown) => e);
    expect(failed).to.be.instanceOf(ApiRequestError).with.property('status', 403);
    expect(String(failed)).to.include('GET /apis/crd.projectcalico.org/v1/felixconfigurations/default');
    const setting = await readDenySetting(api.config);
    expect(setting.action).to.equal('unknown');
    expect(setting.action === 'unknown' ? setting.why : '').to.include('is forbidden');
  });
});
