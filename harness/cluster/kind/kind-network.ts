// kind's Docker network, created before kind does it, with an IPv4 subnet set by us: Docker
// gives a container a fixed address (a scenario's externals) only on a network whose subnet
// was configured, and kind leaves the IPv4 subnet to Docker. kind uses an existing "kind"
// network as it is. (Added by the live-run engineer; see harness/live/externals.)
import { runCommand } from '../../exec/run-command.ts';

/** kind's own IPv6 subnet and options, so the network is what kind would have made. */
const kindIpv6 = 'fc00:f853:ccd:e793::/64';

export async function ensureKindNetwork(log: (line: string) => void, name = 'kind', ipv6 = kindIpv6): Promise<void> {
  const exists = await runCommand('docker', ['network', 'inspect', name, '--format', '{{.Name}}']).then(() => true, () => false);
  if (exists) return;
  const { stdout } = await runCommand('docker', ['network', 'inspect', '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}',
    ...(await runCommand('docker', ['network', 'ls', '-q'])).stdout.split('\n').filter(Boolean)]);
  const taken = new Set(stdout.split(/\s+/).filter((s) => /^172\.\d+\./.test(s)).map((s) => s.split('.')[1]));
  const second = [18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31].find((n) => !taken.has(String(n)));
  if (second === undefined) return; // every candidate taken: let kind and Docker choose
  const subnet = `172.${second}.0.0/16`;
  log(`creating Docker network "${name}" (${subnet}, ${ipv6})`);
  await runCommand('docker', ['network', 'create', '-d', 'bridge', '--subnet', subnet, '--gateway', `172.${second}.0.1`,
    '--ipv6', '--subnet', ipv6, '-o', 'com.docker.network.bridge.enable_ip_masquerade=true', '-o', 'com.docker.network.driver.mtu=1500', name]);
}
