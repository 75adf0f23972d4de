/** Coded problems a turn can meet; they are reported in the turn trace and logs (docs/errors.md). */
export const DIALOGUE_ERRORS = {
  /** A turn redirected more times than allowed (5 by default, as on Autopilot). */
  REDIRECT_LIMIT: 90107,
  /** A `task://` target names no task of the assistant. */
  UNKNOWN_TASK: 90108,
  /** A `remember` would take memory past its size limit; memory was left as it was. */
  MEMORY_LIMIT: 90109,
  /** A target is empty or not `task://` nor an http(s) URL. */
  INVALID_TARGET: 90110,
  /** A collect question names a field type Parley cannot recognise (Autopilot's 90104). */
  INVALID_COLLECT_TYPE: 90104,
} as const;
