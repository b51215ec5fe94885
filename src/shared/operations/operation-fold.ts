/**
 * How one kind of long-running operation turns its events into state.
 *
 * The same fold serves main (a build's saved record) and the renderer (the live view), so the two
 * can never disagree. `start` makes the state from the first event heard for an id (null: that
 * event does not open one, e.g. a build's events before its `started`); `apply` folds each later
 * one. `now` is the caller's clock, for times the events do not carry.
 */
export interface OperationFold<State, Event> {
  start(id: string, event: Event, now: number): State | null;
  apply(state: State, event: Event, now: number): State;
}
