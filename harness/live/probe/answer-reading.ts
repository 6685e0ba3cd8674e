// What an agent's answer is taken as, given the cluster's deny action. The agent places a
// refusal where its kernel says who answered (a TCP reset or an ICMP error from the
// destination: a missing listener; an ICMP error from a node on the way: a policy reject).
// Where it cannot (answeredBy unknown, or an older agent), a refusal on a cluster that rejects
// denied traffic is ambiguous: the reading taken is said in the cell's detail. Pure.
import type { Observed } from '../../diff/index.ts';
import type { DenySetting } from '../felix/deny-action.ts';
import type { AgentResult } from './agent-protocol.ts';

export interface Reading { observed: Observed; detail?: string }

/** served: the model says the destination serves the port (a listener is expected there). */
export function readAnswer(r: Pick<AgentResult, 'result' | 'detail' | 'answeredBy'>, deny: DenySetting | undefined, served: boolean): Reading {
  const seen = r.detail ? ` (${r.detail})` : '';
  if (r.result === 'rejected' || (r.result === 'refused' && r.answeredBy === 'path')) {
    // Rejected by the destination's own firewall (agent's detail says so) is nothing Calico did.
    const note = r.answeredBy === 'destination' ? '' : rejectNote(deny);
    return { observed: 'rejected', detail: `${r.detail ?? 'rejected'}${note}` };
  }
  if (r.result !== 'refused' || r.answeredBy === 'destination') return withDetail(r.result, r.detail);
  if (deny === undefined || deny.action === 'unknown') {
    const why = deny === undefined ? 'was not read' : `could not be read: ${deny.why}`;
    return { observed: 'refused', detail: `refused: taken as a missing listener; the cluster's deny action ${why}, so a policy reject cannot be ruled out${seen}` };
  }
  if (deny.action === 'Drop') {
    return { observed: 'refused', detail: `refused: taken as a missing listener because ${deny.source}; a policy deny does not answer${seen}` };
  }
  if (!served) {
    return { observed: 'refused', detail: `refused: taken as a missing listener because the port is not served; ${deny.source}, so a policy reject would look the same${seen}` };
  }
  return { observed: 'rejected', detail: `refused: taken as a policy reject because ${deny.source}; a missing listener would look the same${seen}` };
}

function rejectNote(deny: DenySetting | undefined): string {
  if (deny === undefined || deny.action === 'unknown') return '';
  if (deny.action === 'Reject') return `; ${deny.source}`;
  return `; ${deny.source}, so not Calico's deny action: something else on the way rejected it`;
}

function withDetail(observed: Observed, detail: string | undefined): Reading {
  return detail ? { observed, detail } : { observed };
}
