// Every distinct peer test used by any rule (selectors, CIDR lists), evaluated once per endpoint.
import type { CompiledNetworkSet } from '../compile/compiled.ts';
import { cidrContains, type Cidr } from '../net/cidr.ts';
import type { Selector } from '../selector/index.ts';
import type { Endpoint } from './endpoints.ts';

type Test = (e: Endpoint) => boolean;

export class PredicateRegistry {
  readonly #index = new Map<string, number>();
  readonly #tests: Test[] = [];
  readonly #networkSets: CompiledNetworkSet[];

  constructor(networkSets: CompiledNetworkSet[]) {
    this.#networkSets = networkSets;
  }

  get size(): number {
    return this.#tests.length;
  }

  /**
   * A peer matches a selector through its own labels (pods) or through its IP falling in a
   * (Global)NetworkSet the selector matches: Calico's IP sets hold both.
   */
  selector(sel: Selector): number {
    return this.#add(`sel:${sel.canonical}`, () => {
      const sets = this.#networkSets.filter((s) => sel.matches(s.labels));
      return (e) => {
        if (e.isPod && sel.matches(e.labels)) return true;
        const ip = e.ip;
        return ip !== undefined && sets.some((s) => s.nets.some((c) => cidrContains(c, ip)));
      };
    });
  }

  /** A pod whose IP is unknown is in no CIDR. */
  nets(cidrs: Cidr[]): number {
    return this.#add(`nets:${cidrs.map((c) => `${c.network}/${c.prefix}/${c.version}`).join(',')}`, () => (e) => {
      const ip = e.ip;
      return ip !== undefined && cidrs.some((c) => cidrContains(c, ip));
    });
  }

  /**
   * Is the endpoint one of a Service's endpoints (Calico's IP-only service set, for a source
   * `services` match)? key: svc:NS/NAME, as endpoints.ts files a pod's endpoint ports.
   */
  service(key: string): number {
    return this.#add(`svc:${key}`, () => (e) => e.isPod && e.namedPorts.has(key));
  }

  /** Label-only test, for which endpoints a policy applies to. */
  local(sel: Selector): number {
    return this.#add(`local:${sel.canonical}`, () => (e) => e.isPod && sel.matches(e.labels));
  }

  evaluate(e: Endpoint): Uint8Array {
    const bits = new Uint8Array(this.#tests.length);
    for (let i = 0; i < this.#tests.length; i++) bits[i] = this.#tests[i]?.(e) ? 1 : 0;
    return bits;
  }

  #add(key: string, make: () => Test): number {
    const found = this.#index.get(key);
    if (found !== undefined) return found;
    const i = this.#tests.length;
    this.#tests.push(make());
    this.#index.set(key, i);
    return i;
  }
}
