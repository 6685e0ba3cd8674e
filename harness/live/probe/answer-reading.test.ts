import { expect } from 'chai';
import type { DenySetting } from '../felix/deny-action.ts';
import { readAnswer } from './answer-reading.ts';

const reject: DenySetting = { action: 'Reject', field: 'iptablesFilterDenyAction', set: true, source: 'FelixConfiguration default sets iptablesFilterDenyAction=Reject' };
const drop: DenySetting = { action: 'Drop', field: 'iptablesFilterDenyAction', set: false, source: "FelixConfiguration default leaves iptablesFilterDenyAction unset (Felix's default: Drop)" };
const unreadable: DenySetting = { action: 'unknown', why: 'the Kubernetes API refused or failed: 403' };

describe('readAnswer', () => {
  const refusedUnplaced = { result: 'refused' as const, detail: 'ECONNREFUSED: a TCP reset or an ICMP port unreachable; this kernel does not say which', answeredBy: 'unknown' as const };

  it('takes an unplaced refusal on a served port as a policy reject where the cluster rejects, and says so', () => {
    expect(readAnswer(refusedUnplaced, reject, true)).to.deep.equal({
      observed: 'rejected',
      detail: 'refused: taken as a policy reject because FelixConfiguration default sets iptablesFilterDenyAction=Reject; a missing listener would look the same'
        + ' (ECONNREFUSED: a TCP reset or an ICMP port unreachable; this kernel does not say which)',
    });
  });

  it('treats a result without answeredBy (an older agent) as unplaced', () => {
    expect(readAnswer({ result: 'refused' }, reject, true)).to.deep.equal({
      observed: 'rejected', detail: 'refused: taken as a policy reject because FelixConfiguration default sets iptablesFilterDenyAction=Reject; a missing listener would look the same',
    });
  });

  it('keeps an unplaced refusal on a port that is not served as a missing listener, saying a reject would look the same', () => {
    const r = readAnswer(refusedUnplaced, reject, false);
    expect(r.observed).to.equal('refused');
    expect(r.detail).to.match(/^refused: taken as a missing listener because the port is not served; FelixConfiguration default sets iptablesFilterDenyAction=Reject, so a policy reject would look the same/);
  });

  it('keeps an unplaced refusal as a missing listener where the cluster drops', () => {
    const r = readAnswer(refusedUnplaced, drop, true);
    expect(r.observed).to.equal('refused');
    expect(r.detail).to.match(/^refused: taken as a missing listener because FelixConfiguration default leaves iptablesFilterDenyAction unset \(Felix's default: Drop\); a policy deny does not answer/);
  });

  it('keeps an unplaced refusal as refused where the deny action is unknown, and says a reject cannot be ruled out', () => {
    expect(readAnswer(refusedUnplaced, unreadable, true).observed).to.equal('refused');
    expect(readAnswer(refusedUnplaced, unreadable, true).detail).to.include('could not be read: the Kubernetes API refused or failed: 403, so a policy reject cannot be ruled out');
    expect(readAnswer(refusedUnplaced, undefined, true).detail).to.include('was not read');
  });

  it('leaves a refusal the destination itself gave as refused, whatever the deny action', () => {
    const byDestination = { result: 'refused' as const, detail: 'ECONNREFUSED: a TCP reset came back', answeredBy: 'destination' as const };
    for (const deny of [reject, drop, unreadable, undefined]) {
      expect(readAnswer(byDestination, deny, true)).to.deep.equal({ observed: 'refused', detail: 'ECONNREFUSED: a TCP reset came back' });
    }
  });

  it("keeps the agent's rejected, naming the cluster's setting, or saying it was not Calico where the cluster drops", () => {
    const fromNode = { result: 'rejected' as const, detail: 'ECONNREFUSED: ICMP port unreachable from 172.18.0.3', answeredBy: 'path' as const };
    expect(readAnswer(fromNode, reject, true)).to.deep.equal({
      observed: 'rejected', detail: 'ECONNREFUSED: ICMP port unreachable from 172.18.0.3; FelixConfiguration default sets iptablesFilterDenyAction=Reject',
    });
    expect(readAnswer(fromNode, drop, true).detail).to.match(/; FelixConfiguration default leaves .*, so not Calico's deny action: something else on the way rejected it$/);
    expect(readAnswer({ ...fromNode, result: 'refused' }, undefined, true)).to.deep.equal({ observed: 'rejected', detail: fromNode.detail });
    // The destination's own firewall: nothing Calico did, whatever it is set to.
    expect(readAnswer({ ...fromNode, answeredBy: 'destination' }, reject, true)).to.deep.equal({ observed: 'rejected', detail: fromNode.detail });
  });

  it('passes connected, dropped and error through unchanged, the deny action notwithstanding', () => {
    expect(readAnswer({ result: 'connected', detail: 'banner: tierprobe b 80/TCP' }, reject, true)).to.deep.equal({ observed: 'connected', detail: 'banner: tierprobe b 80/TCP' });
    expect(readAnswer({ result: 'dropped' }, reject, true)).to.deep.equal({ observed: 'dropped' });
    expect(readAnswer({ result: 'error', detail: 'no route to the destination: EHOSTUNREACH' }, reject, true)).to.deep.equal({ observed: 'error', detail: 'no route to the destination: EHOSTUNREACH' });
  });
});
