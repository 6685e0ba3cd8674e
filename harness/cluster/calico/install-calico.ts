import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kubectlInNode } from '../kind/kubectl-in-node.ts';
import { patchApiserverManifest, patchCalicoManifest, type CalicoSettings } from './calico-manifests.ts';

/** Where the manifests come from: Calico's own, from its Go module, and ours beside this file. */
export interface CalicoSources {
  /** The Calico module's directory (it holds manifests/). */
  calicoModuleDir: string;
  /** This folder, for goldmane.yaml. */
  ownDir: string;
}

/** Installs Calico, Goldmane and the Calico API server into a kind cluster, server-side. */
export async function installCalico(controlPlane: string, src: CalicoSources, settings: CalicoSettings): Promise<void> {
  const manifests = join(src.calicoModuleDir, 'manifests');
  const calico = patchCalicoManifest(await readFile(join(manifests, 'calico-vxlan.yaml'), 'utf8'), settings);
  const apiserver = patchApiserverManifest(await readFile(join(manifests, 'apiserver.yaml'), 'utf8'));
  const goldmane = await readFile(join(src.ownDir, 'goldmane.yaml'), 'utf8');
  const apply = (yaml: string) => kubectlInNode(controlPlane, ['apply', '--server-side', '--force-conflicts', '--field-manager=tierprobe', '-f', '-'], yaml);
  await apply(calico);
  await apply(goldmane);
  await apply(apiserver);
}
