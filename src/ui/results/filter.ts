// Target filtering (the syntax is in src/worker/filter.ts: the worker filters a run's targets, the page only
// shows the rows that match).
export { filterTargets, matches, parseFilter, type Term } from '../../worker/filter.ts';
