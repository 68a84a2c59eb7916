import { spareAddress, spareOrNewSupervisor } from './spareSupervisor.ts';
import type { Supervisor } from './startSupervisor.ts';

/** A check's supervisor, and the address of its spare (where the next check's spare goes). */
export interface EarlySupervisor {
  readonly supervisor: Supervisor;
  readonly spareAddress: string | undefined;
}

/**
 * The supervisor started early. start.ts and the CLI's bundle each hold a copy of this
 * module (they are separate bundles), so it is handed over through a global.
 */
const EARLY = Symbol.for('threadlings.earlySupervisor');
const slot = globalThis as { [EARLY]?: EarlySupervisor };

/** Called first thing by start.ts for `check`, so that the supervisor boots (or a spare is reached) while the CLI loads. */
export function startSupervisorEarly(): void {
  slot[EARLY] ??= supervisorForCheck();
}

/** The supervisor started early if there is one (each is used once), else one started now. */
export function takeEarlySupervisor(): EarlySupervisor {
  const taken = slot[EARLY];
  delete slot[EARLY];
  return taken ?? supervisorForCheck();
}

function supervisorForCheck(): EarlySupervisor {
  const address = spareAddress();
  return { supervisor: spareOrNewSupervisor(address), spareAddress: address };
}
