// An external target: the probe image serving the external's ports, at its fixed address on
// the nodes' Docker network, started with testcontainers.
import { GenericContainer, Wait } from 'testcontainers';
import type { ExternalSpec } from '../../model/index.ts';
import { agentPortsEnv } from '../deploy/manifests.ts';

/** GenericContainer has no option for a fixed address or a read-only root; the create options carry them. */
class FixedAddressContainer extends GenericContainer {
  constructor(image: string, network: string, ip: string) {
    super(image);
    this.withNetworkMode(network);
    this.createOpts.NetworkingConfig = { EndpointsConfig: { [network]: { IPAMConfig: { IPv4Address: ip } } } };
    this.hostConfig.ReadonlyRootfs = true;
  }
}

export interface ExternalOptions { image: string; network: string; labels: Record<string, string>; name: string }

export function externalContainer(e: ExternalSpec, o: ExternalOptions): GenericContainer {
  return new FixedAddressContainer(o.image, o.network, e.ip)
    .withName(o.name)
    .withLabels(o.labels)
    .withCommand(['serve'])
    .withEnvironment({ TIERPROBE_PORTS: agentPortsEnv(e.ports), POD_NAME: `external-${e.name}` })
    .withDroppedCapabilities('ALL')
    .withSecurityOpt('no-new-privileges')
    // The agent logs its version once every listener is open.
    .withWaitStrategy(Wait.forLogMessage(/ version \S+, pod /))
    .withStartupTimeout(30_000)
    // No Ryuk (it would be pulled from a registry): tierprobe removes its containers itself, by label.
    .withAutoCleanup(false);
}
