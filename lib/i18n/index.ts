// The one dictionary of visible text. A second locale is a second folder with the same shape.
import { account } from "./pl/account";
import { audit, auditEventKindLabels } from "./pl/audit";
import { auth } from "./pl/auth";
import { calendar } from "./pl/calendar";
import {
  common,
  initiativeLabels,
  leadSourceLabels,
  noteTypeLabels,
  processStatusLabels,
  roleLabels,
  taskGoalLabels,
} from "./pl/common";
import { consents, consentSourceLabels } from "./pl/consents";
import { customers } from "./pl/customers";
import { fleet } from "./pl/fleet";
import { leads } from "./pl/leads";
import { imports } from "./pl/imports";
import { notifications } from "./pl/notifications";
import { processes } from "./pl/processes";
import { settings } from "./pl/settings";
import { shell } from "./pl/shell";
import { showrooms } from "./pl/showrooms";
import { stats } from "./pl/stats";
import { tasks } from "./pl/tasks";
import { users } from "./pl/users";

export const t = {
  common,
  shell,
  auth,
  account,
  users,
  processes,
  showrooms,
  fleet,
  tasks,
  notifications,
  calendar,
  stats,
  consents,
  customers,
  imports,
  audit,
  settings,
  leads,
  labels: {
    role: roleLabels,
    processStatus: processStatusLabels,
    leadSource: leadSourceLabels,
    initiative: initiativeLabels,
    noteType: noteTypeLabels,
    taskGoal: taskGoalLabels,
    consentSource: consentSourceLabels,
    auditEventKind: auditEventKindLabels,
  },
};

export type Dictionary = typeof t;
