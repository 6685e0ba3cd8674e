// The source cluster's pod and Service CIDRs, from what get/list can read: Calico's IPPools
// (else the nodes' spec.podCIDRs), the ServiceCIDR objects (else kubeadm's ClusterConfiguration).
// A replay whose pods get addresses in the same CIDR gives ipBlocks and nets the same meaning. Pure.
import { z } from 'zod';
import { parse } from 'yaml';
import type { ClusterDump } from './types.ts';

const ipPool = z.object({ spec: z.object({ cidr: z.string(), disabled: z.boolean().optional() }) });
const serviceCidr = z.object({ spec: z.object({ cidrs: z.array(z.string()).default([]) }) });
const kubeadm = z.object({ networking: z.object({ serviceSubnet: z.string().optional(), podSubnet: z.string().optional() }).optional() });

export interface SourceCidrs {
  podCIDR: string[];
  serviceCIDR: string[];
  /** Where each came from, for the notes. */
  podFrom: string;
  serviceFrom: string;
}

export function sourceCidrs(dump: Pick<ClusterDump, 'ipPools' | 'serviceCIDRs' | 'nodePodCIDRs' | 'kubeadmClusterConfiguration'>): SourceCidrs {
  const pools = dump.ipPools.flatMap((p) => {
    const parsed = ipPool.safeParse(p);
    return parsed.success && !parsed.data.spec.disabled ? [parsed.data.spec.cidr] : [];
  });
  const config = kubeadmConfig(dump.kubeadmClusterConfiguration)?.networking;
  const split = (s: string | undefined) => (s ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  const pod = pools.length > 0 ? { podCIDR: uniq(pools), podFrom: 'Calico IPPools' }
    : dump.nodePodCIDRs.length > 0 ? { podCIDR: uniq(dump.nodePodCIDRs), podFrom: "the nodes' spec.podCIDRs" }
      : split(config?.podSubnet).length > 0 ? { podCIDR: split(config?.podSubnet), podFrom: 'kubeadm-config' } : { podCIDR: [], podFrom: 'nowhere readable' };
  const services = dump.serviceCIDRs.flatMap((s) => serviceCidr.safeParse(s).data?.spec.cidrs ?? []);
  const service = services.length > 0 ? { serviceCIDR: uniq(services), serviceFrom: 'ServiceCIDR objects' }
    : split(config?.serviceSubnet).length > 0 ? { serviceCIDR: split(config?.serviceSubnet), serviceFrom: 'kubeadm-config' } : { serviceCIDR: [], serviceFrom: 'nowhere readable' };
  return { ...pod, ...service };
}

function kubeadmConfig(text: string | undefined): z.output<typeof kubeadm> | undefined {
  if (text === undefined) return undefined;
  try {
    return kubeadm.safeParse(parse(text)).data;
  } catch {
    return undefined;
  }
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}
