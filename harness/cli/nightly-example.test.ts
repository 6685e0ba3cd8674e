// examples/nightly.yml, the GitHub Actions example: it parses, and every tierprobe command it
// runs exists with the options it gives (checked against each verb's own --help); the offline
// one runs for real on this repository's scenarios.
import { expect } from 'chai';
import { globSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { runCli } from './cli.ts';

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, unknown>; if?: string }
interface Workflow { on: Record<string, unknown>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> }

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(args, { stdout: (t) => { out += t; }, stderr: (t) => { out += t; } });
  return { code, out };
}

describe('examples/nightly.yml', () => {
  const workflow = parse(readFileSync('examples/nightly.yml', 'utf8')) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const commands = steps.flatMap((s) => (s.run ?? '').split('\n').map((l) => l.trim()).filter(Boolean));

  it('parses as a workflow that runs nightly and uploads JUnit and the evidence bundles', () => {
    expect(workflow.on).to.have.property('schedule');
    expect(steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@')).map((s) => String(s.with?.['path']))).to.deep.equal(['tierprobe-results/*/junit.xml', 'tierprobe-results/']);
    expect(commands).to.include('npm ci');
  });

  it('runs only tierprobe verbs that exist, with options each verb knows', async () => {
    const tierprobe = commands.filter((c) => c.startsWith('npx tierprobe '));
    expect(tierprobe.length).to.be.greaterThan(3);
    for (const line of tierprobe) {
      const args = line.slice('npx tierprobe '.length).split(/\s+/);
      const verb = args[0] === 'cluster' ? args.slice(0, 2) : args.slice(0, 1);
      const help = await cli([...verb, '--help']);
      expect(help.code, line).to.equal(0);
      for (const flag of args.filter((a) => a.startsWith('--'))) expect(help.out, `${line}: ${flag}`).to.contain(flag);
    }
  });

  it('its offline check passes on the scenario library', async () => {
    const line = commands.find((c) => c.startsWith('npx tierprobe validate')) ?? '';
    const args = line.slice('npx tierprobe '.length).split(/\s+/).flatMap((a) => (a.includes('*') ? globSync(a).sort() : [a]));
    const r = await cli(args);
    expect(r.code, r.out).to.equal(0);
  });
});
