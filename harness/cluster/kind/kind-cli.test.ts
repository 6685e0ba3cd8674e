import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { reportError } from '../../cli/report-error.ts';
import { EnvironmentError } from '../../errors.ts';
import { CommandError } from '../../exec/command-error.ts';
import { dockerUnreachable } from '../docker-unreachable.ts';
import { KindCli } from './kind-cli.ts';

// What kind v0.30.0 prints for `kind get clusters` when the Docker daemon is down (seen here
// with DOCKER_HOST pointing at no socket), and the docker client's other two refusals.
const daemonDown = `ERROR: failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exit status 1

Command Output: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?`;
const permissionDenied = 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/containers/json": dial unix /var/run/docker.sock: connect: permission denied';
const notInstalled = `ERROR: failed to list clusters: command "docker ps -a --filter label=io.x-k8s.kind.cluster --format '{{.Label "io.x-k8s.kind.cluster"}}'" failed with error: exec: "docker": executable file not found in $PATH`;

/** A stand-in kind binary that prints `stderr` and exits with `code`, as the real one would. */
async function standInKind(stderr: string, code: number): Promise<{ binary: string; [Symbol.asyncDispose](): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-kind-'));
  const binary = join(dir, 'kind');
  await writeFile(join(dir, 'stderr'), stderr);
  await writeFile(binary, `#!/bin/sh\ncat '${join(dir, 'stderr')}' >&2\nexit ${code}\n`);
  await chmod(binary, 0o755);
  return { binary, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);
}

describe('KindCli: Docker that cannot be reached', () => {
  it('kind get clusters with the daemon down is an environment error (exit 3) saying Docker is not running and what to run', async () => {
    await using kind = await standInKind(daemonDown, 1);
    const e = await failure(new KindCli(kind.binary).clusters());
    expect(e).to.be.instanceOf(EnvironmentError);
    if (!(e instanceof EnvironmentError)) return;
    expect(e.message).to.equal('Docker is not running (nothing answers at unix:///var/run/docker.sock)');
    expect(e.hint).to.include('npx tierprobe cluster up starts Docker');
    expect(e.command).to.equal(`${kind.binary} get clusters`);
    expect(e.cause).to.be.instanceOf(CommandError);
    let text = '';
    expect(reportError(e, (t) => { text += t; })).to.equal(3);
    expect(text).to.match(/^tierprobe: Docker is not running/);
    expect(text).to.include('what to do: npx tierprobe cluster up starts Docker');
    expect(text).to.not.match(/unexpected error|bug in tierprobe/);
  });

  it('says what the caller chose to do next (cluster down: start only Docker)', async () => {
    await using kind = await standInKind(daemonDown, 1);
    const e = await failure(new KindCli(kind.binary, undefined, 'start Docker, then run npx tierprobe cluster down again').clusters());
    expect(e).to.be.instanceOf(EnvironmentError);
    expect((e as EnvironmentError).hint).to.equal('start Docker, then run npx tierprobe cluster down again');
  });

  it('names a refused socket and a missing docker command as such', async () => {
    await using denied = await standInKind(permissionDenied, 1);
    const d = await failure(new KindCli(denied.binary).nodes('tierprobe'));
    expect((d as EnvironmentError).message).to.equal('Docker runs, but this user may not use it (permission denied on its socket)');
    expect((d as EnvironmentError).hint).to.include('docker group');
    await using missing = await standInKind(notInstalled, 1);
    const m = await failure(new KindCli(missing.binary).clusters());
    expect((m as EnvironmentError).message).to.equal('Docker is not installed (no docker command on PATH)');
  });

  it('leaves any other kind failure as the command error it is', async () => {
    await using kind = await standInKind('ERROR: unknown flag: --nope', 1);
    const e = await failure(new KindCli(kind.binary).clusters());
    expect(e).to.be.instanceOf(CommandError);
    expect(e).to.not.be.instanceOf(EnvironmentError);
  });

  it('reads the docker client\'s own words, not kind\'s', () => {
    expect(dockerUnreachable(daemonDown)).to.deep.equal({ reason: 'not-running', socket: 'unix:///var/run/docker.sock' });
    expect(dockerUnreachable('Cannot connect to the Docker daemon. Is the docker daemon running on this host?')).to.deep.equal({ reason: 'not-running' });
    expect(dockerUnreachable(permissionDenied)).to.deep.equal({ reason: 'permission-denied' });
    expect(dockerUnreachable(notInstalled)).to.deep.equal({ reason: 'not-installed' });
    expect(dockerUnreachable('ERROR: node(s) already exist for a cluster with the name "tierprobe"')).to.equal(undefined);
  });
});
