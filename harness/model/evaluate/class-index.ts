// Remote endpoint classes for one set of predicate tests: remote groups that agree on those
// tests (and on IP version, and on named ports when they matter) share a class. Shared by every
// decision table that looks at the same tests.
import type { Group } from './groups.ts';

export class ClassIndex {
  readonly #tests: number[];
  readonly #namedPorts: boolean;
  readonly #classOf: Int32Array;
  readonly #byKey = new Map<string, number>();
  readonly representatives: Group[] = [];

  constructor(tests: number[], namedPorts: boolean, groupCount: number) {
    this.#tests = tests;
    this.#namedPorts = namedPorts;
    this.#classOf = new Int32Array(groupCount).fill(-1);
  }

  classOf(remote: Group): number {
    const known = this.#classOf[remote.id] ?? -1;
    if (known !== -1) return known;
    let key = `${remote.ipVersion}`;
    for (const t of this.#tests) key += remote.bits[t] === 1 ? '1' : '0';
    if (this.#namedPorts) key += `|${remote.namedKey}`;
    let cls = this.#byKey.get(key);
    if (cls === undefined) {
      cls = this.representatives.length;
      this.#byKey.set(key, cls);
      this.representatives.push(remote);
    }
    this.#classOf[remote.id] = cls;
    return cls;
  }
}

/** One ClassIndex per distinct (tests, named ports) signature. */
export class ClassIndexes {
  readonly #indexes = new Map<string, ClassIndex>();
  readonly #groupCount: number;

  constructor(groupCount: number) {
    this.#groupCount = groupCount;
  }

  get(tests: number[], namedPorts: boolean): ClassIndex {
    const key = `${namedPorts ? 'n' : ''}${tests.join(',')}`;
    let index = this.#indexes.get(key);
    if (!index) {
      index = new ClassIndex(tests, namedPorts, this.#groupCount);
      this.#indexes.set(key, index);
    }
    return index;
  }
}
