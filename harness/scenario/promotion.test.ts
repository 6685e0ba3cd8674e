import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { cellKey, expectedVerdict } from '../diff/index.ts';
import { compileScenario, evaluateScenario } from './compile.ts';
import { loadScenario } from './load.ts';
import { stepInputs } from './model-diff.ts';
import type { ScenarioStep } from './types.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = join(import.meta.dirname, 'testdata', 'valid-promote.yaml');
const ids = (docs: ScenarioStep['apply']) => docs.map((d) => `${d.id.apiVersion} ${d.id.kind} ${d.id.namespace ?? '-'}/${d.id.name}`);

async function promoteSteps(): Promise<[ScenarioStep, ScenarioStep]> {
  const { steps } = await loadScenario(fixture);
  const [one, rest] = [steps[2], steps[3]];
  if (!one || !rest) throw new Error('valid-promote.yaml has four steps');
  return [one, rest];
}

describe('promote steps: expanded at load time into ordinary deletes and applies', () => {
  it('a Set writes the enforced kind under the same name and namespace, without stagedAction, then deletes the staged policy', async () => {
    const [one] = await promoteSteps();
    expect(one.promote).to.deep.equal({ all: false, policies: [{ apiVersion: 'projectcalico.org/v3', kind: 'StagedNetworkPolicy', namespace: 'x', name: 't1.p' }] });
    expect(ids(one.apply)).to.deep.equal(['projectcalico.org/v3 NetworkPolicy x/t1.p']);
    expect(ids(one.delete)).to.deep.equal(['projectcalico.org/v3 StagedNetworkPolicy x/t1.p']);
    const [doc] = one.apply;
    expect(doc?.doc).to.deep.equal({
      apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 't1.p', namespace: 'x' },
      spec: { tier: 't1', order: 10, selector: "app == 'web'", ingress: [{ action: 'Pass' }] },
    });
    // The text is what the live runner applies and hashes: the same document, saying where it came from.
    expect(parse(doc?.text ?? '')).to.deep.equal(doc?.doc);
    expect(doc?.text).to.match(/^# Promoted by tierprobe from StagedNetworkPolicy x\/t1\.p \(step "promote one", .*valid-promote\.yaml:79:15\)\./);
    expect(doc?.location).to.deep.equal({ file: fixture, line: 79, column: 15 });
  });

  it('a StagedKubernetesNetworkPolicy becomes a networking.k8s.io/v1 NetworkPolicy, replacing the enforced one', async () => {
    const [, rest] = await promoteSteps();
    const k8s = rest.alive.filter((d) => d.id.apiVersion === 'networking.k8s.io/v1');
    expect(k8s).to.have.length(1);
    expect(k8s[0]).to.equal(rest.apply[0]);
    expect(k8s[0]?.doc).to.deep.include({ kind: 'NetworkPolicy', spec: {
      podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
    } });
  });

  it('a Delete deletes the enforced policy of the same name (retire is default.retire in the default tier), then itself', async () => {
    const [, rest] = await promoteSteps();
    expect(ids(rest.delete)).to.include.members([
      'projectcalico.org/v3 GlobalNetworkPolicy -/default.retire', 'projectcalico.org/v3 StagedGlobalNetworkPolicy -/retire',
    ]);
    expect(rest.alive.some((d) => d.id.kind.endsWith('GlobalNetworkPolicy'))).to.equal(false);
  });

  it('a Set replaces the enforced policy also where it is spelt default.<name>', async () => {
    const [, rest] = await promoteSteps();
    expect(ids(rest.delete)).to.include('projectcalico.org/v3 NetworkPolicy x/default.swap');
    expect(rest.alive.filter((d) => d.id.name.endsWith('swap')).map((d) => `${d.id.kind}/${d.id.name}`)).to.deep.equal(['NetworkPolicy/swap']);
  });

  it('metadata keeps name, namespace, labels and annotations; what a server sets is dropped', async () => {
    const [, rest] = await promoteSteps();
    const doc = rest.apply.find((d) => d.id.name === 'keep-meta');
    expect(doc?.doc).to.deep.include({ metadata: { name: 'keep-meta', namespace: 'x', labels: { team: 'a' }, annotations: { owner: 'a' } } });
  });

  it('all promotes every staged policy alive, in the order they were applied; none is alive after it', async () => {
    const [one, rest] = await promoteSteps();
    expect(rest.promote?.all).to.equal(true);
    expect(rest.promote?.policies.map((p) => `${p.kind}/${p.name}`)).to.deep.equal([
      'StagedGlobalNetworkPolicy/retire', 'StagedKubernetesNetworkPolicy/web', 'StagedNetworkPolicy/keep-meta', 'StagedNetworkPolicy/swap',
    ]);
    expect(rest.alive.some((d) => d.id.kind.startsWith('Staged'))).to.equal(false);
    expect(rest.alive.map((d) => d.id.name)).to.include.members(['t1', 't1.p', 'web', 'keep-meta']);
    expect(one.alive.filter((d) => d.id.kind.startsWith('Staged'))).to.have.length(4);
  });

  it('problems in a promoted document are shown at the staged document\'s fields', async () => {
    const s = await loadScenario(fixture);
    const staged = s.steps[1]?.alive.find((d) => d.id.name === 'keep-meta');
    const promoted = s.steps[3]?.apply.find((d) => d.id.name === 'keep-meta');
    if (!staged || !promoted) throw new Error('keep-meta is staged in step 2 and promoted in step 4');
    expect(promoted.source).to.not.deep.equal(staged.source);
    const at = (source: typeof staged.source) => s.sources.locate({ source, path: ['spec', 'selector'], message: 'm', kind: 'invalid' });
    expect(at(promoted.source)).to.deep.equal(at(staged.source));
  });

  it('the model sees an ordinary step: after promote all, the enforced verdicts are the previous step\'s promotedVerdict', async () => {
    const s = await loadScenario(fixture);
    const [, , before, after] = evaluateScenario(compileScenario(s), s.inventory);
    expect(after?.cells.map((c) => c.verdict)).to.deep.equal(before?.cells.map((c) => c.promotedVerdict));
    // Not vacuous: promotion changed what is enforced (the retired deny and the replaced Kubernetes policy).
    expect(after?.cells.map((c) => c.verdict)).to.not.deep.equal(before?.cells.map((c) => c.verdict));
  });
});

describe('stepInputs: what a promote step gives the diff', () => {
  it('promote all carries the previous promotedVerdict per cellKey; a partial promotion does not; both carry the previous expectPromoted', async () => {
    const s = await loadScenario(fixture);
    const [, staged, one, rest] = stepInputs(s);
    expect(one?.promotedPrediction).to.equal(undefined);
    expect(one?.priorExpectPromoted).to.deep.equal(s.steps[1]?.expectPromoted);
    expect(rest?.priorExpectPromoted).to.equal(undefined);
    const predicted = [...(rest?.promotedPrediction ?? new Map<string, string>())];
    expect(predicted).to.deep.equal(one?.cells.map((c) => [cellKey(c), c.promotedVerdict]));
    expect(staged).to.not.have.property('promotedPrediction');
  });

  it('a list that names every staged policy alive predicts like all', async () => {
    const s = await loadScenario(join(root, 'scenarios', 'staged-delete.yaml'));
    const last = stepInputs(s).at(-1);
    expect(s.steps.at(-1)?.promote?.all).to.equal(false);
    expect(last?.promotedPrediction?.size).to.equal(last?.cells.length);
  });
});

describe('library scenarios: promotion is self-consistent in the model', () => {
  const library = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'scenarios', f));

  it('every step promoting all staged policies enforces what the step before predicted, and what it declared in expectPromoted', async () => {
    let checked = 0;
    for (const file of library) {
      for (const input of stepInputs(await loadScenario(file))) {
        if (!input.promotedPrediction) continue;
        checked++;
        for (const cell of input.cells) {
          expect(cell.verdict, `${file}: step "${input.name}": ${cellKey(cell)}`).to.equal(input.promotedPrediction.get(cellKey(cell)));
          const promised = expectedVerdict(input.priorExpectPromoted, cell);
          if (promised) expect(cell.verdict, `${file}: step "${input.name}": ${cellKey(cell)} (expectPromoted before)`).to.equal(promised);
        }
      }
    }
    expect(checked, 'library promote steps').to.be.at.least(3);
  });
});
