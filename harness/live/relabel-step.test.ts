import { expect } from 'chai';
import { relabelOperations } from './relabel-step.ts';

describe('relabelOperations', () => {
  it('tests ownership by this run first, then sets and removes, with label keys escaped as JSON pointers', () => {
    const ops = relabelOperations({
      target: { kind: 'Pod', namespace: 'x', name: 'a' }, set: { 'example.com/tier': 'web', app: 'db' }, remove: ['a~b'],
      location: { file: 's.yaml', line: 3, column: 7 },
    }, 'run-1');
    expect(ops).to.deep.equal([
      { op: 'test', path: '/metadata/labels/tierprobe.dev~1owned-by', value: 'tierprobe' },
      { op: 'test', path: '/metadata/labels/tierprobe.dev~1run', value: 'run-1' },
      { op: 'add', path: '/metadata/labels/example.com~1tier', value: 'web' },
      { op: 'add', path: '/metadata/labels/app', value: 'db' },
      { op: 'remove', path: '/metadata/labels/a~0b' },
    ]);
  });
});
