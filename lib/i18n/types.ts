import type {
  AuditEventKind,
  ConsentChannel,
  ConsentSource,
  Initiative,
  LeadSource,
  NoteType,
  ProcessStatus,
  Role,
  TaskGoal,
} from "@/lib/domain";

export type RoleLabels = Record<Role, string>;
export type ProcessStatusLabels = Record<ProcessStatus, string>;
export type LeadSourceLabels = Record<LeadSource, string>;
export type InitiativeLabels = Record<Initiative, string>;
export type NoteTypeLabels = Record<NoteType, string>;
export type TaskGoalLabels = Record<TaskGoal, string>;
export type ConsentChannelLabels = Record<ConsentChannel, string>;
export type ConsentSourceLabels = Record<ConsentSource, string>;
export type AuditEventKindLabels = Record<AuditEventKind, string>;
