// The one dictionary of visible text. A second locale is a second folder with the same shape.
import { account } from "./pl/account";
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
import { notifications } from "./pl/notifications";
import { processes } from "./pl/processes";
import { shell } from "./pl/shell";
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
  tasks,
  notifications,
  calendar,
  stats,
  labels: {
    role: roleLabels,
    processStatus: processStatusLabels,
    leadSource: leadSourceLabels,
    initiative: initiativeLabels,
    noteType: noteTypeLabels,
    taskGoal: taskGoalLabels,
  },
};

export type Dictionary = typeof t;
