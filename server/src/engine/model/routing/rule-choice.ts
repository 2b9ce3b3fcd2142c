import type { Resource } from '../resource';
import type { TraceActions, TraceDestination, TraceOutcome, TraceRoute } from './trace-types';

/** The rule a route table chose for a request, and what it does. */
export interface RuleChoice {
  resource: Resource;
  route: TraceRoute;
  outcome: Extract<TraceOutcome, 'route' | 'redirect' | 'direct-response'>;
  destinations: TraceDestination[];
  actions: TraceActions;
}

/** Ranks the more specific host match first; equal ranks keep their order (file order: Istio's oldest-first stands in for it). */
export function byRankDescending<T extends { rank: number }>(items: T[]): T[] {
  return items.map((item, i) => ({ item, i })).sort((a, b) => b.item.rank - a.item.rank || a.i - b.i).map(({ item }) => item);
}
