/**
 * Why a reference found in an Actions or Defaults document will not work, or null when it looks
 * fine. None of these stop an import (the Actions schema lets placeholders through, because real
 * templates ship them: autopilot.md §2, shared/bots/README.md); they fail when the dialogue
 * reaches them.
 */
import { builtInFieldType } from '../domain/built-in-field-types.js';
import type { ActionReference } from './action-references.js';

export interface KnownNames {
  readonly tasks: ReadonlySet<string>;
  readonly fieldTypes: ReadonlySet<string>;
}

const TASK_SCHEME = 'task://';
const TASKROUTER_SCHEME = 'taskrouter://';
/** A TaskRouter workflow SID, optionally followed by a query (`?TaskAttributes=…`). */
const WORKFLOW = /^WW[0-9a-fA-F]{32}(?:[?#/]|$)/;
/** Placeholders real templates ship: "INSERT YOUR TWIML_URL HERE", "https://REPLACE-WITH-…", `{url}`, `<url>`. */
const PLACEHOLDER = /\bINSERT|\bREPLACE|\bYOUR[ _-]|\{[^}]*\}|[<>]|\s/;

export function referenceProblem(ref: ActionReference, known: KnownNames): string | null {
  switch (ref.kind) {
    case 'target':
      return ref.value.startsWith(TASK_SCHEME) ? taskProblem(ref.value.slice(TASK_SCHEME.length), known) : urlProblem(ref.value);
    case 'task-name':
      return taskProblem(ref.value, known);
    case 'url':
      return urlProblem(ref.value);
    case 'handoff-uri':
      return ref.value.startsWith(TASKROUTER_SCHEME) ? workflowProblem(ref.value) : urlProblem(ref.value);
    case 'field-type':
      return builtInFieldType(ref.value) === undefined && !known.fieldTypes.has(ref.value)
        ? `"${ref.value}" is neither a built-in Twilio.* type nor a fieldType of this schema, so answers are not recognised as values of it`
        : null;
  }
}

function taskProblem(name: string, known: KnownNames): string | null {
  if (known.tasks.has(name)) return null;
  if (name === '') return 'names no task (task:// needs a task unique name)';
  const lower = name.toLowerCase();
  const nearly = [...known.tasks].find((t) => t.toLowerCase() === lower);
  const hint = nearly === undefined ? '' : ` (did you mean "${nearly}"? names are case-sensitive)`;
  return `"${name}" names no task of this assistant${hint}`;
}

function urlProblem(value: string): string | null {
  if (value.trim() === '') return 'is empty: nothing is called when this is reached';
  if (PLACEHOLDER.test(value)) return `"${value}" looks like a placeholder, not a real URL`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `uses the ${url.protocol.slice(0, -1)}: scheme; Parley only calls http(s) URLs and task:// targets`;
  }
  return null;
}

function workflowProblem(value: string): string | null {
  const rest = value.slice(TASKROUTER_SCHEME.length);
  if (WORKFLOW.test(rest)) return null;
  return `"${value}" has no TaskRouter workflow SID (expected taskrouter://WW followed by 32 hex digits)`;
}
