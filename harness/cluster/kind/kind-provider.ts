import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import { CommandError } from '../../exec/command-error.ts';
import { runCommand } from '../../exec/run-command.ts';
import type { Clock } from '../../time/clock.ts';
import { waitUntil } from '../../time/wait-until.ts';
import { installCalico } from '../calico/install-calico.ts';
import { readClusterStatus } from '../cluster-status.ts';
import { ensureDocker } from '../docker-engine.ts';
import { describeFailingPods } from '../failing-pods.ts';
import { cacheDir, calicoManifestDir, dockerSetupScript } from '../paths.ts';
import { isReady, type ClusterHandle, type ClusterProvider, type ClusterStatus, type UpOptions } from '../provider.ts';
import { readKindConfig } from './kind-config-file.ts';
import { KindCli } from './kind-cli.ts';
import { ClusterRecords } from './cluster-record.ts';
import { ensureKindNetwork } from './kind-network.ts';
import { prepareImages, type PreparedImages } from './prepared-images.ts';
import { lineTasks } from '../../progress/line-tasks.ts';
import type { TaskStarter } from '../../progress/progress.ts';

export interface KindProviderOptions {
  configPath: string;
  log: (line: string) => void;
  clock: Clock;
  /** Long work as bars (a terminal); default: lines through log. */
  tasks?: TaskStarter;
}

/** Goldmane's fixed ClusterIP (harness/cluster/calico/goldmane.yaml), for Felix on the host network. */
const goldmaneAddress = '10.96.100.100:7443';

/** The default cluster: kind with Calico, every image built here or pulled. */
export class KindProvider implements ClusterProvider {
  readonly name = 'kind';
  private readonly o: KindProviderOptions;
  readonly kubeconfigPath = join(cacheDir(), 'kubeconfig');
  private readonly records = new ClusterRecords(cacheDir());
  prepared: PreparedImages | undefined;

  constructor(o: KindProviderOptions) {
    this.o = o;
  }

  /** noDockerHint: what to do where Docker is not running (up starts it before it needs kind). */
  private async kindCli(pull: UpOptions['pull'], noDockerHint?: string): Promise<KindCli> {
    const got = await prepareImages(['kind'], pull, this.o.log);
    return new KindCli(got.kind, undefined, noDockerHint);
  }

  async up(opts: UpOptions): Promise<ClusterHandle> {
    const { log } = this.o;
    const config = await readKindConfig(this.o.configPath);
    await ensureDocker(log);
    const prepared = await prepareImages(['kind', 'calicoctl', 'kubernetes', 'calico', 'probe'], opts.pull, log, opts.signal, this.o.tasks);
    this.prepared = prepared;
    const kind = new KindCli(prepared.kind, opts.signal);
    const node = prepared.images.get('node');
    if (!node) throw new Error('image preparation named no node image');

    let clusters = await kind.clusters();
    if (clusters.includes(config.name)) await this.records.mustBeOurs(config.name, await kind.nodes(config.name), 'install Calico into or recreate');
    if (clusters.includes(config.name) && !(await this.healthy(kind, config.name))) {
      log(`kind cluster "${config.name}" exists but was restarted, or its nodes or API server are down: recreating it`);
      await kind.delete(config.name, this.kubeconfigPath);
      clusters = await kind.clusters();
    }
    if (clusters.includes(config.name)) {
      log(`kind cluster "${config.name}" exists; making sure Calico is installed and Ready`);
    } else {
      const others = clusters.filter((c) => c !== config.name);
      if (others.length > 0) {
        throw new EnvironmentError(`another kind cluster runs here (${others.join(', ')})`, {
          hint: `this cgroup-v1 host runs one kind cluster at a time, and tierprobe never touches one it did not create: delete it yourself if it is disposable (kind delete cluster --name ${others[0]}), then run again`,
        });
      }
      log(`creating kind cluster "${config.name}" (${this.o.configPath})`);
      await ensureKindNetwork(log);
      try {
        await kind.create({ name: config.name, config: this.o.configPath, image: node, kubeconfig: this.kubeconfigPath }, (l) => log(`  kind: ${l}`));
      } catch (cause) {
        await kind.delete(config.name, this.kubeconfigPath).catch(() => undefined);
        if (opts.signal?.aborted) throw opts.signal.reason;
        throw new EnvironmentError(`kind could not create the cluster; what it created was deleted`, {
          hint: 'read kind\'s output above; a port or a container name may already be taken (docker ps -a). Then run: npx tierprobe cluster up',
          command: cause instanceof CommandError ? cause.command : undefined,
          output: cause instanceof CommandError ? cause.output : String(cause),
        }, { cause });
      }
    }
    const nodes = await kind.nodes(config.name);
    if (!clusters.includes(config.name)) await this.records.record(config.name, nodes);
    const controlPlane = nodes.find((n) => n.endsWith('-control-plane')) ?? nodes[0];
    if (!controlPlane) throw new EnvironmentError('the kind cluster has no nodes', { hint: 'npx tierprobe cluster down, then up' });

    const toLoad = [...prepared.images].filter(([role]) => role !== 'node').map(([, ref]) => ref);
    log(`loading ${toLoad.length} images into ${nodes.length} nodes`);
    await kind.load(config.name, toLoad);

    log('installing Calico and Goldmane');
    await installCalico(controlPlane, { calicoModuleDir: prepared.calicoSrc, ownDir: calicoManifestDir }, {
      podCidr: config.podSubnet, goldmaneAddress, flowLogsFlushSeconds: 5,
    });

    const kc = new k8s.KubeConfig();
    kc.loadFromFile(this.kubeconfigPath);
    const started = this.o.clock.now();
    const ready = (this.o.tasks ?? lineTasks())('nodes and components Ready', undefined, (t) => log(t.replace(/\n$/, '')));
    const read = async (): Promise<ClusterStatus> => {
      const s = await readClusterStatus(kc);
      const parts = [...s.nodes, ...s.components];
      ready.update(parts.filter((c) => c.ready).length, `of ${parts.length}: ${parts.filter((c) => !c.ready).map((c) => c.name).join(', ') || 'all'}`);
      return s;
    };
    const waited = await waitUntil(read, isReady, { clock: this.o.clock, timeoutMs: opts.readyTimeoutMs, intervalMs: 1000, ...(opts.signal ? { signal: opts.signal } : {}) })
      .catch((e: unknown) => { ready.end('nodes and components: the wait was stopped'); throw e; });
    const after = `${((this.o.clock.now() - started) / 1000).toFixed(1)} s after installing Calico`;
    ready.end(waited.done ? `all Ready ${after}` : `not all Ready ${after}`);
    if (!waited.done) {
      const failing = await describeFailingPods(kc, ['kube-system', 'calico-system']).catch(() => '');
      throw new EnvironmentError(`Calico is not Ready after ${Math.round(opts.readyTimeoutMs / 1000)} s`, {
        hint: 'see the failing pods below; npx tierprobe cluster status shows the state, npx tierprobe cluster down removes the cluster',
        output: [summarize(waited.last), failing].filter(Boolean).join('\n'),
      });
    }
    return { kubeconfigPath: this.kubeconfigPath, context: `kind-${config.name}`, dockerNetwork: 'kind', nodes };
  }

  /** Every node container runs and the API server answers. */
  private async healthy(kind: KindCli, name: string): Promise<boolean> {
    const nodes = await kind.nodes(name);
    for (const n of nodes) {
      const state = await runCommand('docker', ['inspect', '--format', '{{.State.Running}} {{.Created}} {{.State.StartedAt}}', n]).catch(() => undefined);
      const [running, created = '', started = ''] = (state?.stdout.trim() ?? '').split(' ');
      if (running !== 'true') return false;
      // Restarted since it was created (Docker itself restarted): the nodes come back, but
      // Felix's flow stream to a restarted Goldmane was seen to stay broken. Start afresh.
      if (Date.parse(started) - Date.parse(created) > 120_000) return false;
    }
    await kind.exportKubeconfig(name, this.kubeconfigPath);
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(this.kubeconfigPath);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const answered = await waitUntil(() => core.listNode(), () => true, { clock: this.o.clock, timeoutMs: 60_000, intervalMs: 2000 });
    return answered.done && nodes.length > 0;
  }

  async down(): Promise<void> {
    const config = await readKindConfig(this.o.configPath);
    // Without Docker the node containers cannot be deleted (nor even listed): start only Docker,
    // since cluster up would bring the cluster back first.
    const kind = await this.kindCli('auto', `start Docker (sudo bash ${dockerSetupScript}, or systemctl start docker), then run npx tierprobe cluster down again`);
    if ((await kind.clusters()).includes(config.name)) {
      await this.records.mustBeOurs(config.name, await kind.nodes(config.name), 'delete');
      this.o.log(`deleting kind cluster "${config.name}"`);
      await kind.delete(config.name, this.kubeconfigPath);
      await this.records.forget(config.name);
    }
    // kind keeps its shared "kind" network; remove it when nothing else uses it.
    const attached = await runCommand('docker', ['network', 'inspect', 'kind', '--format', '{{len .Containers}}']).catch(() => undefined);
    if (attached?.stdout.trim() === '0') await runCommand('docker', ['network', 'rm', 'kind']);
  }

  async status(): Promise<ClusterStatus> {
    const config = await readKindConfig(this.o.configPath);
    const kind = await this.kindCli('never');
    if (!(await kind.clusters()).includes(config.name)) return { exists: false, nodes: [], components: [] };
    await kind.exportKubeconfig(config.name, this.kubeconfigPath);
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(this.kubeconfigPath);
    return readClusterStatus(kc);
  }
}

function summarize(s: ClusterStatus | undefined): string {
  if (!s) return 'the API server did not answer';
  return [...s.nodes.map((n) => `node ${n.name}: ${n.ready ? 'Ready' : n.detail}`), ...s.components.map((c) => `${c.name}: ${c.detail}`)].join('\n');
}
