// Kubernetes API validation of label selectors and NetworkPolicy ports/peers
// (k8s.io/kubernetes pkg/apis/networking/validation), worded like the API server.
import { isStrictSubnet, parseCidr } from '../net/cidr.ts';
import { isValidPortName } from '../net/port.ts';
import type { LabelSelectorDoc } from '../schema/meta.ts';
import type { K8sPeerDoc, K8sPortDoc } from '../schema/kubernetes.ts';
import type { Path, ProblemSink } from './problems.ts';

const invalid = (value: unknown, reason: string): string => `Invalid value: ${JSON.stringify(value)}: ${reason}`;

export function validateLabelSelector(s: LabelSelectorDoc | undefined, sink: ProblemSink, path: Path): void {
  for (const [i, e] of (s?.matchExpressions ?? []).entries()) {
    const values = e.values ?? [];
    if ((e.operator === 'In' || e.operator === 'NotIn') && values.length === 0) {
      sink.invalid([...path, 'matchExpressions', i, 'values'], "Required value: must be specified when `operator` is 'In' or 'NotIn'");
    }
    if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && values.length > 0) {
      sink.invalid([...path, 'matchExpressions', i, 'values'], "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
    }
  }
}

export function validateK8sPort(p: K8sPortDoc, sink: ProblemSink, path: Path): void {
  if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) {
    sink.invalid([...path, 'protocol'], `Unsupported value: ${JSON.stringify(p.protocol)}: supported values: "SCTP", "TCP", "UDP"`);
  }
  if (typeof p.port === 'number' && (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535)) {
    sink.invalid([...path, 'port'], invalid(p.port, 'must be between 1 and 65535, inclusive'));
  }
  if (typeof p.port === 'string' && !isValidPortName(p.port)) {
    sink.invalid([...path, 'port'], invalid(p.port, 'must be a valid port name (at most 15 lower case letters, digits and \'-\', with at least one letter)'));
  }
  if (p.endPort === undefined) return;
  if (p.port === undefined) sink.invalid([...path, 'endPort'], 'Required value: may not be specified when `port` is not specified');
  else if (typeof p.port === 'string') sink.invalid([...path, 'endPort'], invalid(p.endPort, 'may not be specified when `port` is non-numeric'));
  else if (p.endPort < p.port) sink.invalid([...path, 'endPort'], invalid(p.endPort, 'must be greater than or equal to `port`'));
  else if (p.endPort > 65535) sink.invalid([...path, 'endPort'], invalid(p.endPort, 'must be between 1 and 65535, inclusive'));
}

export function validateK8sPeer(peer: K8sPeerDoc, sink: ProblemSink, path: Path): void {
  const count = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((x) => x !== undefined).length;
  if (count === 0) sink.invalid(path, 'Required value: must specify a peer');
  else if (count > 1 && peer.ipBlock !== undefined) sink.invalid(path, 'Forbidden: may not specify both ipBlock and another peer');
  validateLabelSelector(peer.podSelector, sink, [...path, 'podSelector']);
  validateLabelSelector(peer.namespaceSelector, sink, [...path, 'namespaceSelector']);
  if (peer.ipBlock === undefined) return;
  const cidr = parseCidr(peer.ipBlock.cidr);
  if (cidr === undefined) {
    sink.invalid([...path, 'ipBlock', 'cidr'], invalid(peer.ipBlock.cidr, 'must be a valid CIDR (e.g. 10.0.0.0/16)'));
    return;
  }
  for (const [i, text] of (peer.ipBlock.except ?? []).entries()) {
    const except = parseCidr(text);
    if (except === undefined) sink.invalid([...path, 'ipBlock', 'except', i], invalid(text, 'must be a valid CIDR (e.g. 10.0.0.0/16)'));
    else if (!isStrictSubnet(except, cidr)) sink.invalid([...path, 'ipBlock', 'except', i], invalid(text, 'must be a strict subset of `cidr`'));
  }
}
