import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goBuildProgress } from './go-build-progress.ts';

describe('goBuildProgress: a long Go build says it is alive and how far it got', () => {
  it('counts the packages go build -v has logged while the build runs, and stops at "built"', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'gobuild-')), 'kubernetes.log');
    writeFileSync(log, 'k8s.io/apimachinery/pkg/types\nk8s.io/kubernetes/cmd/kubelet\ngo: downloading example.com/x v1.0.0\n');
    let t = 1000;
    const lines: string[] = [];
    const said = new Promise<string>((resolve) => {
      const p = goBuildProgress((l) => { lines.push(l); resolve(l); }, { everyMs: 10, now: () => (t += 15_000) });
      p.line(`             go build kubernetes (7 binaries; log ${log})`);
    });
    expect(await said).to.match(/^ +go build kubernetes: still compiling, 2 package\(s\) compiled, \d+ s$/);
  });

  it('stops watching a build once it is built, and every build at stop()', () => {
    const p = goBuildProgress(() => undefined);
    p.line('             go build etcd (1 binaries; log /nonexistent/etcd.log)');
    p.line('             go build coredns (1 binaries; log /nonexistent/coredns.log)');
    expect(p.running()).to.deep.equal(['etcd', 'coredns']);
    p.line('             built etcd in 18s');
    expect(p.running()).to.deep.equal(['coredns']);
    p.stop();
    expect(p.running()).to.deep.equal([]);
  });
});
