/**
 * The Temporal header that carries the id of the HTTP request behind a workflow start, Update or
 * Signal, and from there the activities and child workflows the workflow schedules. Headers are
 * metadata: they are recorded in history but are not part of any command's identity, so adding
 * one changes no workflow's command sequence.
 */
export const REQUEST_ID_TEMPORAL_HEADER = 'aigov-request-id';
