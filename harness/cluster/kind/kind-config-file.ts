import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

const kindConfig = z.object({
  name: z.string().optional(),
  networking: z.object({ podSubnet: z.string().optional(), disableDefaultCNI: z.boolean().optional() }).loose().optional(),
  nodes: z.array(z.object({ role: z.enum(['control-plane', 'worker']) }).loose()).optional(),
}).loose();

export interface KindConfigFacts {
  name: string;
  podSubnet: string;
  disableDefaultCNI: boolean;
}

/** The facts tierprobe needs from a kind config; kind itself validates the rest. */
export async function readKindConfig(path: string): Promise<KindConfigFacts> {
  const parsed = kindConfig.parse(parse(await readFile(path, 'utf8')));
  return {
    name: parsed.name ?? 'kind',
    podSubnet: parsed.networking?.podSubnet ?? '10.244.0.0/16',
    disableDefaultCNI: parsed.networking?.disableDefaultCNI ?? false,
  };
}
