/** A selector that Calico's parser (libcalico-go/lib/selector) would reject. */
export class SelectorParseError extends Error {
  override name = 'SelectorParseError';
  /** Calico's own wording, without the position. */
  readonly reason: string;
  /** 0-based character offset in the selector where the problem was found. */
  readonly position: number;
  readonly selector: string;

  constructor(selector: string, reason: string, position: number) {
    super(`${reason} (at character ${position + 1} of ${JSON.stringify(selector)})`);
    this.selector = selector;
    this.reason = reason;
    this.position = position;
  }
}
