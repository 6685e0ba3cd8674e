// Checks that every expectation rule names things that exist and covers at least one probe.
import { addressMatches, formatAddress, type Address } from '../diff/address.ts';
import type { ExpectRule } from '../diff/expectation.ts';
import { serviceAddress, type Inventory } from '../model/index.ts';
import type { FieldPath } from './yaml-position.ts';
import type { Report } from './report.ts';

export function checkRule(inventory: Inventory, rule: ExpectRule, at: FieldPath, report: Report): void {
  const fromProblem = rule.from.kind === 'external'
    ? `${formatAddress(rule.from)}: an external is only a destination; probes start from pods`
    : rule.from.kind === 'service'
      ? `${formatAddress(rule.from)}: a Service is only a destination; probes start from pods`
      : missing(inventory, rule.from);
  if (fromProblem) report([...at, 'from'], fromProblem);
  const toProblem = missing(inventory, rule.to);
  if (toProblem) report([...at, 'to'], toProblem);
  if (fromProblem || toProblem || !rule.port) return;
  const { port, protocol } = rule.port;
  if (rule.to.kind === 'service') {
    const services = (inventory.services ?? []).filter((sv) => addressMatches(rule.to, serviceAddress(sv)));
    if (!services.some((sv) => sv.ports.some((p) => p.port === port && p.protocol === protocol))) {
      report([...at, 'port'], `no Service matching ${formatAddress(rule.to)} has port ${port}/${protocol} (a Service cell's port is the Service's, not its targetPort), so this rule matches no probe`);
    }
    return;
  }
  const serves = [
    ...inventory.pods.filter((p) => addressMatches(rule.to, `${p.namespace}/${p.name}`)),
    ...inventory.externals.filter((e) => addressMatches(rule.to, `external:${e.name}`)),
  ].some((d) => d.ports.some((p) => p.port === port && p.protocol === protocol));
  if (!serves) report([...at, 'port'], `no destination matching ${formatAddress(rule.to)} serves ${port}/${protocol}, so this rule matches no probe`);
}

/** What is wrong when an address matches nothing in the inventory. */
function missing(inventory: Inventory, a: Address): string | undefined {
  if (a.kind === 'service') {
    const services = inventory.services ?? [];
    if (services.some((sv) => addressMatches(a, serviceAddress(sv)))) return undefined;
    if (services.length === 0) return `${formatAddress(a)}: the scenario declares no Services (namespaces[].services)`;
    return `${formatAddress(a)} names no declared Service; the Services are: ${services.map(serviceAddress).join(', ')}`;
  }
  if (a.kind === 'external') {
    if (inventory.externals.some((e) => addressMatches(a, `external:${e.name}`))) return undefined;
    return a.name === '*' ? 'the scenario declares no externals' : `unknown external "${a.name}" (declare it under externals)`;
  }
  if (inventory.pods.some((p) => addressMatches(a, `${p.namespace}/${p.name}`))) return undefined;
  if (a.namespace !== '*' && !inventory.namespaces.some((n) => n.name === a.namespace)) return `unknown namespace "${a.namespace}" in ${formatAddress(a)}`;
  return `${formatAddress(a)} matches no pod`;
}
