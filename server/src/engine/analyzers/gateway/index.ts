import type { Analyzer } from '../analyzer';
import { gatewaySelector } from './selector';
import { gatewayConflict } from './conflict';
import { gatewayDuplicateCertificate } from './duplicate-certificate';
import { gatewayPortOnService } from './port-on-service';
import { gatewayCredentialSecret } from './credential-secret';

/** Checks that report on Gateway, in the order their findings are listed. */
export const gatewayAnalyzers: readonly Analyzer[] = [
  gatewaySelector,
  gatewayPortOnService,
  gatewayCredentialSecret,
  gatewayConflict,
  gatewayDuplicateCertificate,
];
