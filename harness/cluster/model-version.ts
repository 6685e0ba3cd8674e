// Which Calico semantics the model follows on a cluster: the cluster's own version. A version
// below 3.30, no Calico at all, or a variant the model does not know is refused (exit 3):
// the model would predict something else than the dataplane does.
import { EnvironmentError } from '../errors.ts';
import type { CalicoVersion } from '../model/index.ts';

export const modelVersions = ['3.30', '3.31', '3.32'] as const satisfies readonly CalicoVersion[];

export interface ModelVersionChoice {
  version: CalicoVersion;
  /** Set where --calico-version disagreed with the cluster; the cluster's version is used. */
  warning?: string;
}

/** found: ClusterInformation's calicoVersion (such as v3.31.0); variant: set for Calico Enterprise/Cloud. */
export function modelVersionFor(found: string | undefined, requested: CalicoVersion | undefined, variant?: string): ModelVersionChoice {
  if (variant !== undefined) {
    throw new EnvironmentError(`this cluster runs a Calico variant the model does not know (${variant})`, {
      hint: 'tierprobe models open-source Calico 3.30 to 3.32; run against a cluster with one of those',
    });
  }
  if (found === undefined) {
    throw new EnvironmentError('no Calico found on this cluster (ClusterInformation "default" has no calicoVersion)', {
      hint: 'tierprobe needs Calico 3.30 or later: install it, or use the kind cluster tierprobe makes (npx tierprobe cluster up)',
    });
  }
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(found);
  const minor = m ? `${m[1] ?? ''}.${m[2] ?? ''}` : undefined;
  const known = modelVersions.find((v) => v === minor);
  if (!m || !known) {
    const old = m !== null && (Number(m[1]) < 3 || (Number(m[1]) === 3 && Number(m[2]) < 30));
    throw new EnvironmentError(`the cluster runs Calico ${found}, which the model does not cover${old ? ' (below 3.30)' : ''}`, {
      hint: `tierprobe models Calico ${modelVersions.join(', ')}${old ? '; staged policies, Goldmane and the admin tiers need 3.30 or later' : ''}`,
    });
  }
  if (requested !== undefined && requested !== known) {
    return { version: known, warning: `--calico-version ${requested} disagrees with the cluster, which runs Calico ${found}: the model follows the cluster (${known})` };
  }
  return { version: known };
}
