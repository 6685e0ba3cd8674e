// The source ports of UDP attempts. A datagram from a port that an earlier one to the same
// destination used, within the conntrack timeout (120 s once answered), rides that flow's entry
// past a policy that now denies it: not a new connection, and it would look like one that the
// deny let through. So every UDP attempt gets a port of its own: below the kernel's ephemeral
// range (32768-60999 by default), which the agent's resolver, a traffic load and anything else
// in the pod draw from, and in turn per source pod, so a port comes back only once the whole
// range has been used from that pod (22,768 attempts).
export const sourcePortRange = { first: 10000, last: 32767 } as const;

export class SourcePorts {
  readonly #next = new Map<string, number>();

  /** The next port for an attempt from `pod` (ns/pod), skipping the ports it serves itself. */
  take(pod: string, serves: ReadonlySet<number> = new Set()): number {
    const size = sourcePortRange.last - sourcePortRange.first + 1;
    let port = this.#next.get(pod) ?? sourcePortRange.first;
    for (let i = 0; i < size && serves.has(port); i++) port = port === sourcePortRange.last ? sourcePortRange.first : port + 1;
    this.#next.set(pod, port === sourcePortRange.last ? sourcePortRange.first : port + 1);
    return port;
  }
}
