// Tests that need the real model skip (visibly, as pending) until its functions are implemented.
import { compilePolicies } from '../model/index.ts';

export function modelReady(): boolean {
  try {
    compilePolicies([]);
    return true;
  } catch (e) {
    if (e instanceof Error && e.name === 'ModelNotReadyError') return false;
    throw e;
  }
}
