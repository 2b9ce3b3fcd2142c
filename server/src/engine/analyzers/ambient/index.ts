import type { Analyzer } from '../analyzer';
import { policyTargetRefAnalyzers } from './policy-target-ref';
import { useWaypointAnalyzers } from './use-waypoint';
import { waypointHboneListener } from './waypoint-hbone-listener';

/** Ambient-mode checks (waypoints and the policies that target them), in the order their findings are listed. */
export const ambientAnalyzers: readonly Analyzer[] = [waypointHboneListener, ...useWaypointAnalyzers, ...policyTargetRefAnalyzers];
