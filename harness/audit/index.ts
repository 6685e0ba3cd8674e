// audit-flows: a cluster's Goldmane flows against the model of its capture.
export { auditFlows, type AuditModel, type AuditResult, type Disagreement, type NotCompared } from './compare-flows.ts';
export { renderAuditText, type AuditHeader } from './audit-text.ts';
export { loadCaptureDir, fromScenario, parsePodsMap, type AuditCapture, type PodsMapFile } from './capture-input.ts';
export { parseSince } from './since.ts';
export type { DisagreementClass } from './classify.ts';
