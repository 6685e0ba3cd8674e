import { X509Certificate } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { expect } from 'chai';
import { clientCertificateProblem, goldmaneServing } from './goldmane-tls.ts';
import { bundle, keyPair, kindDeployment, operatorDeployment, podSpec, whileValid } from './goldmane-fixtures.test-helper.ts';

describe('goldmaneServing: how Goldmane serves, from its pod spec', () => {
  it('the operator\'s rendering: mutual TLS on 7443, its key pair from goldmane-key-pair, client CAs from the ConfigMap goldmane-ca-bundle', () => {
    expect(goldmaneServing(podSpec(operatorDeployment))).to.deep.equal({
      mode: 'mtls', port: 7443,
      serverCert: { path: '/goldmane-key-pair/tls.crt', source: 'secret', name: 'goldmane-key-pair', key: 'tls.crt' },
      clientCa: { path: '/etc/pki/tls/certs/tigera-ca-bundle.crt', source: 'configMap', name: 'goldmane-ca-bundle', key: 'tigera-ca-bundle.crt' },
    });
  });

  it('tierprobe\'s kind install: plain gRPC on 7443', () => {
    expect(goldmaneServing(podSpec(kindDeployment))).to.deep.equal({ mode: 'plain', port: 7443 });
  });

  it('without PORT, Goldmane\'s own default 443; with only one of the server cert and key, plain (as Goldmane decides)', () => {
    const spec = podSpec(operatorDeployment);
    const env = spec.containers[0]?.env ?? [];
    spec.containers[0] = { name: 'goldmane', env: env.filter((e) => e.name !== 'PORT' && e.name !== 'SERVER_KEY_PATH') };
    expect(goldmaneServing(spec)).to.deep.equal({ mode: 'plain', port: 443 });
  });

  it('with the operator\'s certificateManagement (the key pair in an emptyDir made by a CSR): says the server cert is not in the API, the CA bundle still is', () => {
    const spec = podSpec(operatorDeployment);
    spec.volumes = (spec.volumes ?? []).map((v) => (v.name === 'goldmane-key-pair' ? { name: v.name, emptyDir: { medium: 'Memory' } } : v));
    const got = goldmaneServing(spec);
    expect(got.mode).to.equal('mtls');
    if (got.mode !== 'mtls') return;
    expect(got.serverCert).to.include({ source: 'none' });
    expect(got.serverCert.source === 'none' && got.serverCert.why).to.match(/emptyDir.*CSR/);
    expect(got.clientCa).to.deep.include({ source: 'configMap', name: 'goldmane-ca-bundle' });
  });

  it('follows subPath and items to the key, and the longest mount', () => {
    const spec = podSpec(operatorDeployment);
    const c = spec.containers[0];
    if (!c) throw new Error('no container');
    c.env = (c.env ?? []).map((e) => (e.name === 'CA_CERT_PATH' ? { name: e.name, value: '/etc/pki/tls/certs/goldmane/ca.pem' } : e));
    c.volumeMounts = [...(c.volumeMounts ?? []), { name: 'own-ca', mountPath: '/etc/pki/tls/certs/goldmane/ca.pem', subPath: 'bundle.pem' }];
    spec.volumes = [...(spec.volumes ?? []), { name: 'own-ca', secret: { secretName: 'site-ca', items: [{ key: 'ca.crt', path: 'bundle.pem' }] } }];
    const got = goldmaneServing(spec);
    expect(got.mode === 'mtls' && got.clientCa).to.deep.equal({ path: '/etc/pki/tls/certs/goldmane/ca.pem', source: 'secret', name: 'site-ca', key: 'ca.crt' });
  });

  it('says what it cannot tell: a value from elsewhere, TLS without CA_CERT_PATH, no goldmane container', () => {
    const fromElsewhere = podSpec(operatorDeployment);
    const c = fromElsewhere.containers[0];
    if (!c) throw new Error('no container');
    c.env = (c.env ?? []).map((e) => (e.name === 'PORT' ? { name: 'PORT', valueFrom: { configMapKeyRef: { name: 'x', key: 'port' } } } : e));
    expect(goldmaneServing(fromElsewhere)).to.deep.equal({ mode: 'unknown', why: 'container goldmane takes PORT from configMapKeyRef; tierprobe reads only literal values' });
    const noCa = podSpec(operatorDeployment);
    noCa.containers = noCa.containers.map((x) => ({ ...x, env: (x.env ?? []).filter((e) => e.name !== 'CA_CERT_PATH') }));
    expect(goldmaneServing(noCa)).to.include({ mode: 'unknown' });
    const other = podSpec(operatorDeployment);
    other.containers = [{ name: 'a' }, { name: 'b' }];
    expect(goldmaneServing(other)).to.deep.equal({ mode: 'unknown', why: 'no container named goldmane among a, b' });
  });
});

describe('clientCertificateProblem: would Goldmane accept this client key pair', () => {
  it('accepts the key pairs of the components that dial it (whisker-backend, Felix\'s node-certs): signed by the operator\'s CA, client authentication allowed', () => {
    expect(clientCertificateProblem(keyPair('whisker-backend-key-pair'), bundle, whileValid)).to.equal(undefined);
    expect(clientCertificateProblem(keyPair('node-certs'), bundle, whileValid)).to.equal(undefined);
  });

  it('refuses a certificate from another CA, one for servers only, an expired one, and a key that is not the certificate\'s', () => {
    expect(clientCertificateProblem(keyPair('stranger-key-pair'), bundle, whileValid)).to.equal(
      'its certificate (issuer CN=stranger-signer) is not signed by a CA in the bundle (CN=tigera-operator-signer)');
    expect(clientCertificateProblem(keyPair('server-only-key-pair'), bundle, whileValid)).to.equal(
      'its certificate may not authenticate a client (its extended key usage lacks clientAuth)');
    expect(clientCertificateProblem(keyPair('whisker-backend-key-pair'), bundle, new Date('2030-01-01T00:00:00Z'))).to.match(/^its certificate expired on 2029-03-06/);
    const mixed = { cert: keyPair('whisker-backend-key-pair').cert, key: keyPair('node-certs').key };
    expect(clientCertificateProblem(mixed, bundle, whileValid)).to.equal('tls.key is not the key of the certificate in tls.crt');
    expect(clientCertificateProblem(keyPair('whisker-backend-key-pair'), Buffer.from('# nothing\n'), whileValid)).to.equal('the CA bundle holds no certificate');
  });
});

describe('Goldmane\'s mutual TLS, with the operator\'s certificates', () => {
  // A gRPC server checking clients as Goldmane does (RequireAndVerifyClientCert against the
  // bundle), with Goldmane's own key pair; a client with what discovery returns.
  const method = '/goldmane.Flows/List';
  const pass = { path: method, requestStream: false, responseStream: false,
    requestSerialize: (b: Buffer) => b, requestDeserialize: (b: Buffer) => b, responseSerialize: (b: Buffer) => b, responseDeserialize: (b: Buffer) => b };

  before(() => {
    // TLS checks the real clock: the operator's certificates last about 27 months.
    const expiry = new X509Certificate(keyPair('goldmane-key-pair').cert).validToDate;
    if (Date.now() > expiry.getTime()) throw new Error(`the operator-rendered fixtures expired on ${expiry.toISOString()}: render them again (testdata/render-operator-goldmane.go)`);
  });

  async function call(client: { cert: Buffer; key: Buffer }): Promise<string> {
    const server = new grpc.Server();
    const goldmane = keyPair('goldmane-key-pair');
    server.addService({ List: pass }, { List: (_call: unknown, done: grpc.sendUnaryData<Buffer>) => done(null, Buffer.from('flows')) });
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createSsl(bundle, [{ private_key: goldmane.key, cert_chain: goldmane.cert }], true), (e, p) => (e ? reject(e) : resolve(p)));
    });
    const Client = grpc.makeGenericClientConstructor({ List: pass }, 'Flows');
    const c = new Client(`127.0.0.1:${port}`, grpc.credentials.createSsl(bundle, client.key, client.cert), { 'grpc.ssl_target_name_override': 'goldmane.calico-system.svc' });
    try {
      return await new Promise<string>((resolve, reject) => {
        c.makeUnaryRequest(method, (b: Buffer) => b, (b: Buffer) => b, Buffer.alloc(0), { deadline: Date.now() + 5000 }, (e?: grpc.ServiceError | null, r?: Buffer) => (e ? reject(e) : resolve(String(r))));
      });
    } finally {
      c.close();
      server.forceShutdown();
    }
  }

  it('whisker-backend\'s key pair, the bundle as CA and serverName goldmane.calico-system.svc get an answer through 127.0.0.1', async () => {
    expect(await call(keyPair('whisker-backend-key-pair'))).to.equal('flows');
  });

  it('a certificate from another CA does not', async () => {
    const e = await call(keyPair('stranger-key-pair')).then(() => undefined, (x: unknown) => x);
    expect(e, 'the stranger was answered').to.be.instanceOf(Error);
  });
});
