import { spareOrNewSupervisor } from './spareSupervisor.ts';
import type { Supervisor } from './startSupervisor.ts';

/**
 * The supervisor started early. start.ts and the CLI's bundle each hold a copy of this
 * module (they are separate bundles), so it is handed over through a global.
 */
const EARLY = Symbol.for('threadlings.earlySupervisor');
const slot = globalThis as { [EARLY]?: Supervisor };

/** Called first thing by start.ts for `check`, so that the supervisor boots (or a spare is reached) while the CLI loads. */
export function startSupervisorEarly(): void {
  slot[EARLY] ??= spareOrNewSupervisor();
}

/** The supervisor started early, if any (each is used once). */
export function takeEarlySupervisor(): Supervisor | undefined {
  const taken = slot[EARLY];
  delete slot[EARLY];
  return taken;
}
