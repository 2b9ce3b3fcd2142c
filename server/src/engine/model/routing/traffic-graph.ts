import type { Engine } from '../../engine';
import type { TrafficGraph } from './graph-types';

export interface GraphOptions {
  /** Centre the picture on the resource at this place: only what is connected to it is kept. */
  focus?: { uri: string; offset: number };
}

/** The traffic picture of every file the engine holds. */
export function buildTrafficGraph(engine: Engine, options: GraphOptions = {}): TrafficGraph {
  void engine;
  void options;
  return { nodes: [], edges: [] };
}
