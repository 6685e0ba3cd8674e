// GlobalNetworkSet / NetworkSet: labelled CIDRs, so that selectors can match external IPs.
import { parseCidr, type Cidr } from '../net/cidr.ts';
import type { CompiledNetworkSet } from './compiled.ts';
import { isValidSubdomainName, SUBDOMAIN_REASON } from './names.ts';
import type { ProblemSink } from './problems.ts';
import { NAMESPACE_LABEL } from './selectors.ts';

export function compileNetworkSet(
  name: string, namespace: string | undefined, labels: Record<string, string>, nets: string[], sink: ProblemSink,
): CompiledNetworkSet | undefined {
  if (!isValidSubdomainName(name)) sink.field(['metadata', 'name'], 'Metadata.Name', name, SUBDOMAIN_REASON);
  if (NAMESPACE_LABEL in labels) {
    sink.field(['metadata', 'labels'], 'Metadata.Labels (label)', NAMESPACE_LABEL, `${NAMESPACE_LABEL} is not a valid label name`);
  }
  const cidrs: Cidr[] = [];
  for (const [i, text] of nets.entries()) {
    const c = parseCidr(text, { allowBareIp: true });
    if (c) cidrs.push(c);
    else sink.field(['spec', 'nets', i], 'Nets', text, 'failed to validate Field: Nets because of Tag: cidrs');
  }
  if (sink.hasInvalid()) return undefined;
  const all = new Map(Object.entries(labels));
  if (namespace !== undefined) all.set(NAMESPACE_LABEL, namespace);
  return { name, ...(namespace === undefined ? {} : { namespace }), labels: all, nets: cidrs };
}
