// Objects in the way of a run that tierprobe did not create: never touched, always named.
import { EnvironmentError } from '../../errors.ts';
import { ownerLabel, ownerValue } from '../labels.ts';

export class ForeignObjectError extends EnvironmentError {
  override name = 'ForeignObjectError';
  readonly objects: readonly string[];
  constructor(objects: readonly string[], why = `without tierprobe's owner label`) {
    super(`refusing to run: ${objects.join(', ')} already exist${objects.length === 1 ? 's' : ''} and ${objects.length === 1 ? 'is' : 'are'} not tierprobe's (${why}); nothing was changed`, {
      hint: `tierprobe only writes what it creates (label ${ownerLabel}=${ownerValue}): rename them in the scenario, or remove them yourself if they are disposable`,
    });
    this.objects = objects;
  }
}
