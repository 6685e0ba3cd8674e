// Test helpers: small inventories, policies written as YAML, and a truth table to query.
import { parseAllDocuments } from 'yaml';
import { compilePolicies, evaluate } from '../index.ts';
import type { Cell, Inventory, ModelOptions, ModelProblem, PodSpec, PolicyDocument, PortSpec } from '../types.ts';

export const DEFAULT_PORTS: PortSpec[] = [{ port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }];

export interface PodShape { labels?: Record<string, string>; serviceAccount?: string; ports?: PortSpec[]; ip?: string }
export interface NamespaceShape { labels?: Record<string, string>; pods: Record<string, PodShape> }

export const TEST_POD_CIDR = '10.244.0.0/16';

/** inventory({ x: { labels: {team: 'a'}, pods: { a: { labels: {app: 'web'} } } } }, { internet: '203.0.113.9' }) */
export function inventory(namespaces: Record<string, NamespaceShape>, externals: Record<string, string> = {}): Inventory {
  const pods: PodSpec[] = [];
  for (const [ns, shape] of Object.entries(namespaces)) {
    for (const [name, pod] of Object.entries(shape.pods)) {
      pods.push({
        namespace: ns, name, labels: pod.labels ?? {}, serviceAccount: pod.serviceAccount ?? 'default',
        ports: pod.ports ?? DEFAULT_PORTS, ...(pod.ip ? { ip: pod.ip } : {}),
      });
    }
  }
  return {
    namespaces: Object.entries(namespaces).map(([name, s]) => ({ name, labels: s.labels ?? {} })),
    pods,
    externals: Object.entries(externals).map(([name, ip]) => ({ name, ip, ports: DEFAULT_PORTS })),
    // As on the default kind cluster: offline, a pod without an ip lies somewhere in here.
    podCidrs: [TEST_POD_CIDR],
  };
}

/** Multi-document YAML (or already parsed documents) -> policy documents, as the scenario loader hands them over. */
export function policyDocs(input: string | unknown[], file = 'test.yaml'): PolicyDocument[] {
  const docs = typeof input === 'string' ? parseAllDocuments(input).map((d) => d.toJS()) : input;
  return docs.map((doc, document) => ({ source: { file, document }, doc }));
}

export class Matrix {
  readonly cells: Cell[];
  readonly problems: ModelProblem[];
  constructor(cells: Cell[], problems: ModelProblem[]) {
    this.cells = cells;
    this.problems = problems;
  }
  cell(from: string, to: string, port = '80/TCP'): Cell {
    const [n, p] = port.split('/');
    const found = this.cells.find((c) => c.from === from && c.to === to && c.port === Number(n) && c.protocol === p);
    if (!found) throw new Error(`no cell ${from} -> ${to} ${port}`);
    return found;
  }
  verdict(from: string, to: string, port = '80/TCP'): string {
    return this.cell(from, to, port).verdict;
  }
  /** Every verdict on one line per source, for compact assertions: "x/a->x/b:allow ...". */
  row(from: string, port = '80/TCP'): Record<string, string> {
    const [n, p] = port.split('/');
    return Object.fromEntries(this.cells
      .filter((c) => c.from === from && c.port === Number(n) && c.protocol === p)
      .map((c) => [c.to, c.verdict]));
  }
}

/** Compile and evaluate; throws if any problem is reported unless allowProblems is set. */
export function model(inv: Inventory, yamlText: string | unknown[], opts: ModelOptions & { allowProblems?: boolean } = {}): Matrix {
  const { allowProblems, ...modelOpts } = opts;
  const { policies, problems } = compilePolicies(policyDocs(yamlText), modelOpts);
  if (!allowProblems && problems.length > 0) throw new Error(`unexpected problems: ${JSON.stringify(problems, null, 1)}`);
  return new Matrix(evaluate(inv, policies, modelOpts), problems);
}

export function problemsOf(yamlText: string | unknown[], opts: ModelOptions = {}): ModelProblem[] {
  return compilePolicies(policyDocs(yamlText), opts).problems;
}

/** Two namespaces x (team a) and y (team b), each with pods a (app web) and b (app db). */
export function twoNamespaces(): Inventory {
  const pods = { a: { labels: { app: 'web' } }, b: { labels: { app: 'db' } } };
  return inventory({ x: { labels: { team: 'a' }, pods }, y: { labels: { team: 'b' }, pods } }, { internet: '203.0.113.9' });
}
