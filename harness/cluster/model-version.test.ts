import { expect } from 'chai';
import { EnvironmentError } from '../errors.ts';
import { modelVersionFor } from './model-version.ts';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof EnvironmentError) return e.message;
    throw e;
  }
  throw new Error('not refused');
}

describe('modelVersionFor: the model follows the cluster\'s Calico', () => {
  it('takes the minor version of the cluster', () => {
    expect(modelVersionFor('v3.31.0', undefined)).to.deep.equal({ version: '3.31' });
    expect(modelVersionFor('v3.30.4', undefined)).to.deep.equal({ version: '3.30' });
    expect(modelVersionFor('v3.32.0-0.dev', undefined)).to.deep.equal({ version: '3.32' });
  });

  it('says so where --calico-version disagrees, and follows the cluster', () => {
    const c = modelVersionFor('v3.30.2', '3.32');
    expect(c.version).to.equal('3.30');
    expect(c.warning).to.equal('--calico-version 3.32 disagrees with the cluster, which runs Calico v3.30.2: the model follows the cluster (3.30)');
    expect(modelVersionFor('v3.31.1', '3.31')).to.deep.equal({ version: '3.31' });
  });

  it('refuses no Calico, a version below 3.30, an unknown one and a variant, naming what it found', () => {
    expect(refusal(() => modelVersionFor(undefined, undefined))).to.contain('no Calico found');
    expect(refusal(() => modelVersionFor('v3.29.3', undefined))).to.equal('the cluster runs Calico v3.29.3, which the model does not cover (below 3.30)');
    expect(refusal(() => modelVersionFor('v3.40.0', undefined))).to.equal('the cluster runs Calico v3.40.0, which the model does not cover');
    expect(refusal(() => modelVersionFor('master', undefined))).to.equal('the cluster runs Calico master, which the model does not cover');
    expect(refusal(() => modelVersionFor('v3.21.0', undefined, 'Calico Enterprise v3.21.0'))).to.contain('variant the model does not know (Calico Enterprise v3.21.0)');
  });
});
