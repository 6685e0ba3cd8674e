import { expect } from 'chai';
import { probePodManifest } from '../deploy/manifests.ts';
import { missingFields, zeroInMeaning } from './stored-fields.ts';

// What a Kubernetes v1.34 API server adds to every object it stores: additions, never losses.
function storedMetadata(m: { name: string; namespace?: string; labels?: Record<string, string> }) {
  return {
    ...m,
    uid: '5b0c3f7e-8a2d-4c1e-9f3b-2d6a1e4c7b90',
    resourceVersion: '48213',
    generation: 1,
    creationTimestamp: '2025-01-01T00:00:00Z',
    managedFields: [{ manager: 'tierprobe', operation: 'Apply', apiVersion: 'v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {}, 'f:spec': {} } }],
  };
}

describe('missingFields', () => {
  const sent = { spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 81 }] }] } };

  it('accepts a stored object with every field sent, defaults added', () => {
    const stored = { spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 81, protocol: 'TCP' }] }] } };
    expect(missingFields(sent, stored)).to.deep.equal([]);
  });

  it('names a field the server did not keep (the dropped `from` of a NetworkPolicy rule)', () => {
    const stored = { spec: { podSelector: {}, ingress: [{ ports: [{ port: 81, protocol: 'TCP' }] }] } };
    expect(missingFields(sent, stored)).to.deep.equal(['spec.ingress[0].from']);
  });

  describe('NetworkPolicy (networking.k8s.io/v1, as a v1.34 API server stores it)', () => {
    const policy = (spec: object) => ({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'web' },
      spec,
    });
    const storedPolicy = (spec: object) => ({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
      metadata: storedMetadata({ name: 'deny', namespace: 'web' }),
      spec,
    });

    it('deny-all written `ingress: []`: the server drops the empty list, the meaning is the same', () => {
      const s = policy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [] });
      expect(missingFields(s, storedPolicy({ podSelector: {}, policyTypes: ['Ingress'] }))).to.deep.equal([]);
    });

    it('deny-all both ways written `ingress: [], egress: []`', () => {
      const s = policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [], egress: [] });
      expect(missingFields(s, storedPolicy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }))).to.deep.equal([]);
    });

    it('`egress: []` without policyTypes: dropped, policyTypes defaulted to Ingress', () => {
      const s = policy({ podSelector: {}, egress: [] });
      expect(missingFields(s, storedPolicy({ podSelector: {}, policyTypes: ['Ingress'] }))).to.deep.equal([]);
    });

    it('allow-all `ingress: [{}]` stored as `ingress: [{}]` is kept', () => {
      const s = policy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
      expect(missingFields(s, storedPolicy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] }))).to.deep.equal([]);
    });

    it('allow-all `ingress: [{}]` stored without ingress (deny-all) is a loss', () => {
      const s = policy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
      expect(missingFields(s, storedPolicy({ podSelector: {}, policyTypes: ['Ingress'] }))).to.deep.equal(['spec.ingress']);
    });

    it('a rule the stored list lacks is a loss, even an empty one', () => {
      const s = policy({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }, {}] });
      const stored = storedPolicy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }] });
      expect(missingFields(s, stored)).to.deep.equal(['spec.ingress[1]']);
    });

    it('nested empties (`from: []`, `to: []`, `ports: []`, `matchLabels: {}`) are kept in meaning', () => {
      const s = policy({
        podSelector: { matchLabels: {} },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [], ports: [{ port: 80 }] }, { from: [{ podSelector: { matchLabels: {} } }] }],
        egress: [{ to: [], ports: [] }],
      });
      const stored = storedPolicy({
        podSelector: {},
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }, { from: [{ podSelector: {} }] }],
        egress: [{}],
      });
      expect(missingFields(s, stored)).to.deep.equal([]);
    });

    it('endPort dropped by a cluster whose API predates it is a loss, named', () => {
      const s = policy({ podSelector: {}, ingress: [{ ports: [{ port: 80, endPort: 90 }] }] });
      const stored = storedPolicy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }] });
      expect(missingFields(s, stored)).to.deep.equal(['spec.ingress[0].ports[0].endPort']);
    });

    it('a value normalised or defaulted by the server is kept (presence, not equality)', () => {
      const s = policy({ podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] });
      const stored = storedPolicy({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'http', protocol: 'TCP' }] }] });
      expect(missingFields(s, stored)).to.deep.equal([]);
    });
  });

  describe('a field a CRD schema does not know (pruned)', () => {
    // AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) is a CRD: its structural schema
    // prunes fields it does not declare.
    const anp = (rule: object) => ({
      apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy',
      metadata: { name: 'web' },
      spec: { priority: 10, subject: { namespaces: { matchLabels: { team: 'web' } } }, ingress: [rule] },
    });
    const rule = { name: 'from-db', action: 'Allow', from: [{ namespaces: { matchLabels: { team: 'db' } } }] };
    const stored = {
      apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy',
      metadata: storedMetadata({ name: 'web' }),
      spec: { priority: 10, subject: { namespaces: { matchLabels: { team: 'web' } } }, ingress: [rule] },
    };

    it('with content (a string, an object with content, true) is a loss, named', () => {
      const s = anp({ ...rule, description: 'db clients', match: { mode: 'strict' }, log: true });
      expect(missingFields(s, stored)).to.deep.equal(['spec.ingress[0].description', 'spec.ingress[0].match', 'spec.ingress[0].log']);
    });

    it('without content (\'\', false, 0, {}, []) is not: the server acts as if it were absent', () => {
      const s = anp({ ...rule, description: '', log: false, weight: 0, match: {}, tags: [] });
      expect(missingFields(s, stored)).to.deep.equal([]);
    });
  });

  describe('probe pods (as a v1.34 API server stores them)', () => {
    const manifest = (ports: { port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[]) => probePodManifest(
      { namespace: 'x', name: 'a', labels: { app: 'a' }, serviceAccount: 'default', ports },
      { image: 'tierprobe/agent:dev', node: 'kind-worker', runId: 'r1', tolerations: [] },
    );
    // The server's version of a sent pod: its env with `value: ''` dropped, defaults added.
    function stored(m: ReturnType<typeof manifest>) {
      const sentSpec = m.spec;
      const c = sentSpec?.containers[0];
      if (!sentSpec || !c) throw new Error('no container');
      return {
        apiVersion: 'v1', kind: 'Pod',
        metadata: storedMetadata({ name: 'a', namespace: 'x', labels: m.metadata?.labels ?? {} }),
        spec: {
          ...sentSpec,
          containers: [{
            ...c,
            env: (c.env ?? []).map((e) => (e.value === '' ? { name: e.name } : e.valueFrom ? { ...e, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } } : e)),
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
          }],
          serviceAccount: 'default',
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          priority: 0,
          preemptionPolicy: 'PreemptLowerPriority',
          tolerations: [
            { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
            { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          ],
        },
        status: { phase: 'Pending', qosClass: 'Burstable' },
      };
    }

    it('a pod whose ports are all SCTP: TIERPROBE_PORTS = \'\' stored without value is kept', () => {
      const m = manifest([{ port: 9000, protocol: 'SCTP' }]);
      expect(m.spec?.containers[0]?.env?.[0]).to.deep.equal({ name: 'TIERPROBE_PORTS', value: '' });
      const s = stored(m);
      expect(s.spec.containers[0]?.env[0]).to.deep.equal({ name: 'TIERPROBE_PORTS' });
      expect(missingFields(m, s)).to.deep.equal([]);
    });

    it('a pod with TCP ports keeps its env value', () => {
      const m = manifest([{ port: 80, protocol: 'TCP' }]);
      expect(missingFields(m, stored(m))).to.deep.equal([]);
    });

    it('an env value with content that went missing is a loss, named', () => {
      const m = manifest([{ port: 80, protocol: 'TCP' }]);
      const s = stored(m);
      const [ports, ...rest] = s.spec.containers[0]?.env ?? [];
      const c = s.spec.containers[0];
      if (!c || !ports) throw new Error('no env');
      c.env = [{ name: ports.name }, ...rest];
      expect(missingFields(m, s)).to.deep.equal(['spec.containers[0].env[0].value']);
    });
  });

  it('a value with content stored as null is a loss', () => {
    expect(missingFields({ spec: { ingress: [{ ports: [{ port: 80 }] }] } }, { spec: { ingress: [{ ports: [{ port: null }] }] } }))
      .to.deep.equal(['spec.ingress[0].ports[0].port']);
  });
});

describe('zeroInMeaning', () => {
  it('null, \'\', 0, false, [], and objects of nothing else are zero', () => {
    for (const v of [null, undefined, '', 0, false, [], {}, { matchLabels: {} }, { from: [], value: '' }]) expect(zeroInMeaning(v), JSON.stringify(v)).to.equal(true);
  });

  it('a non-empty list (even [{}] or [\'\']), a non-empty string, a number, true, an object holding any of them have content', () => {
    for (const v of [[{}], [''], 'x', 80, -1, true, { port: 80 }, { ingress: [{}] }]) expect(zeroInMeaning(v), JSON.stringify(v)).to.equal(false);
  });
});
