import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectlInNode } from '../kind/kubectl-in-node.ts';
import { patchCalicoManifest, type CalicoSettings } from './calico-manifests.ts';

/** Where the manifests come from: Calico's own, from its Go module, and ours beside this file. */
export interface CalicoSources {
  /** The Calico module's directory (it holds manifests/). */
  calicoModuleDir: string;
  /** This folder, for goldmane.yaml. */
  ownDir: string;
}

/**
 * Installs Calico and Goldmane into a kind cluster, server-side.
 *
 * Not the Calico API server: built from this module and installed from its
 * apiserver.yaml, it serves projectcalico.org/v3 directly (200 with the front-proxy
 * certificate), yet every request through kube-apiserver v1.34's aggregation layer
 * answers 404 with an empty body, and a registered but failing APIService blocks
 * namespace deletion. projectcalico.org/v3 documents go through calicoctl instead
 * (calicoctl.ts), which runs the same Calico client library.
 */
export async function installCalico(controlPlane: string, src: CalicoSources, settings: CalicoSettings): Promise<void> {
  const manifests = join(src.calicoModuleDir, 'manifests');
  const calico = patchCalicoManifest(await readFile(join(manifests, 'calico-vxlan.yaml'), 'utf8'), settings);
  const goldmane = await readFile(join(src.ownDir, 'goldmane.yaml'), 'utf8');
  const apply = (yaml: string) => kubectlInNode(controlPlane, ['apply', '--server-side', '--force-conflicts', '--field-manager=tierprobe', '-f', '-'], yaml);
  await apply(calico);
  await apply(goldmane);
}
