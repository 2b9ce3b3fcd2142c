import type { Analyzer } from '../analyzer';
import { authorizationPolicyNamespaces } from './authz-namespaces';
import { authorizationPolicyWorkloads } from './authz-workloads';
import {
  authorizationPolicyIneffectiveSelector,
  requestAuthenticationIneffectiveSelector,
  telemetryIneffectiveSelector,
  wasmPluginIneffectiveSelector,
} from './ineffective-selector';

/** Checks that report on AuthorizationPolicy, RequestAuthentication, WasmPlugin and Telemetry selectors, in the order their findings are listed. */
export const policyAnalyzers: readonly Analyzer[] = [
  authorizationPolicyWorkloads,
  authorizationPolicyNamespaces,
  authorizationPolicyIneffectiveSelector,
  requestAuthenticationIneffectiveSelector,
  telemetryIneffectiveSelector,
  wasmPluginIneffectiveSelector,
];
