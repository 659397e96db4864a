/** The audit behind `booking-payment-audit`: run it, then format the report. */
export { runAudit, AuditError, AuditUsageError, AUDIT_TOOL, type AuditOptions } from './run.js';
export type * from './types.js';

import { formatJson, formatText } from './format-text.js';
import { formatSarif } from './format-sarif.js';
import type { AuditReport } from './types.js';

export const AUDIT_FORMATS = ['text', 'json', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function formatReport(report: AuditReport, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report);
  }
}

/** 0: both links (or N/A); 1: a link is missing or unverified. */
export function exitCodeFor(report: AuditReport): 0 | 1 {
  return report.status === 'fail' ? 1 : 0;
}
