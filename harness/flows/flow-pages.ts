// Every page of one Flows.List query. Goldmane's pages are cut from what it holds when each
// page is asked for, so a window open at its end ("up to now") shifts while it is read: the
// window's end is pinned to the moment of the first page. The page count is the latest page's.
import { EnvironmentError } from '../errors.ts';
import type { FlowResult } from './flow-schema.ts';

export interface FlowPage { flows: FlowResult[]; totalPages: number }

export interface PageOptions {
  /** A bound, so a Goldmane answering a page count that never ends cannot hold a caller. */
  maxPages: number;
  /** For the error past maxPages: what was read, e.g. "Goldmane at calico-system/goldmane-x:7443". */
  where: string;
  pageSize: number;
}

/** More pages than maxPages: the caller reads a shorter window, never a silently cut list. */
export class TooManyFlowPagesError extends EnvironmentError {
  override name = 'TooManyFlowPagesError';
}

/** page(n) asks for page n (0-based). Stops after the last page, or at an empty one. */
export async function readAllPages(page: (n: number) => Promise<FlowPage>, o: PageOptions): Promise<FlowResult[]> {
  const flows: FlowResult[] = [];
  let total = 1;
  for (let n = 0; n < total; n++) {
    if (n >= o.maxPages) {
      throw new TooManyFlowPagesError(`${o.where} holds ${total} pages of ${o.pageSize} flows for this query, more than the ${o.maxPages} tierprobe reads`, {
        hint: 'read a shorter window (audit-flows --since) or fewer namespaces',
      });
    }
    const p = await page(n);
    flows.push(...p.flows);
    total = p.totalPages;
    if (p.flows.length === 0) break;
  }
  return flows;
}

/** The window's end: the caller's, else now (Unix seconds, +1 so that flows of this second count). */
export function pinnedEnd(startTimeLt: number | undefined, nowSeconds: number): number {
  return startTimeLt !== undefined && startTimeLt > 0 ? startTimeLt : Math.floor(nowSeconds) + 1;
}
