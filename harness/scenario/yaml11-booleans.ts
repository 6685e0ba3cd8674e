// Words that YAML 1.1 reads as booleans and YAML 1.2 as strings. tierprobe reads policies as
// YAML 1.2; calicoctl, which applies Calico's documents as written, reads them as YAML 1.1
// (go-yaml v2), so an unquoted `namespace: y` or a label value `on` reaches Calico as true and
// the object is refused or means something else. Found live: `namespace: y` made calicoctl
// look for the namespace "true". In a Calico document such a value must be quoted. (kubectl
// reads YAML 1.1 too; tierprobe sends Kubernetes documents as JSON, so there it is no error.)
import { Scalar, visit } from 'yaml';
import type { YamlDocument } from './yaml-file.ts';

const yaml11Bool = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

export interface Yaml11Boolean { text: string; offset: number }

/** Plain (unquoted) values, not keys, that YAML 1.2 keeps as strings and YAML 1.1 makes booleans. */
export function yaml11Booleans(doc: YamlDocument): Yaml11Boolean[] {
  const found: Yaml11Boolean[] = [];
  visit(doc.node, {
    Scalar(key, node) {
      if (key === 'key' || node.type !== Scalar.PLAIN || typeof node.value !== 'string' || !yaml11Bool.test(node.value)) return;
      found.push({ text: node.value, offset: node.range?.[0] ?? 0 });
    },
  });
  return found;
}

export function yaml11Message(text: string): string {
  const meaning = /^(y|yes|on)$/i.test(text) ? 'true' : 'false';
  return `${text} unquoted is the boolean ${meaning} to calicoctl, which reads YAML 1.1 (tierprobe reads it as the string "${text}"): quote it, "${text}"`;
}
