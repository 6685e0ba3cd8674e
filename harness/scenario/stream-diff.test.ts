import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExplainJsonWriter } from '../../reports/explain-json-writer.ts';
import { explainJsonChunks } from '../../reports/explain-json-stream.ts';
import { summarize } from '../diff/index.ts';
import { loadScenario } from './load.ts';
import { modelDiff } from './model-diff.ts';
import { streamModelDiff } from './stream-diff.ts';

const root = join(import.meta.dirname, '..', '..');
const files = [
  ...readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join(root, 'scenarios', f)),
  ...['relabel.yaml', 'staged-flows.yaml', 'traffic-disruption.yaml', 'wrong-intent.yaml'].map((f) => join(root, 'test', 'e2e', 'live', 'testdata', f)),
  join(root, 'harness', 'cli', 'testdata', 'pod-cidr.yaml'),
];

describe('streamModelDiff: the model diff a cell at a time', () => {
  for (const file of files) {
    it(`writes the same explain json and summary as the held diff: ${file.slice(root.length + 1)}`, async () => {
      const scenario = await loadScenario(file);
      const held = modelDiff(scenario);
      for (const only of [undefined, ...scenario.steps.map((s) => s.name)]) {
        let text = '';
        const writer = new ExplainJsonWriter(scenario.name, only === undefined ? scenario.steps.length : 1, (b) => { text += Buffer.from(b).toString('utf8'); }, 64);
        const streamed = await streamModelDiff(scenario, {}, writer, only);
        writer.end();
        const steps = held.steps.filter((s) => only === undefined || s.name === only);
        expect(text, `step ${only ?? 'all'}`).to.equal([...explainJsonChunks({ ...held, steps })].join(''));
        expect(streamed.summary).to.deep.equal(summarize(steps));
        expect(streamed.mismatching.map((m) => [m.step, m.cells.length])).to.deep.equal(
          steps.map((s) => [s.name, s.cells.filter((c) => c.mismatches.length > 0).length]).filter(([, n]) => n !== 0));
      }
    });
  }
});
