import { usageError } from '../cli/exitError.ts';
import type { Course, Exercise, Lesson } from './types.ts';

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The closest candidate, if it is close enough to be a likely typo. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestAllowed = 0;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      // A shared start (the lesson in `threads/nope`) is no evidence of a typo in the rest.
      let shared = 0;
      while (shared < input.length && input[shared] === candidate[shared]) shared++;
      bestAllowed = Math.max(2, Math.floor((input.length - shared) / 3));
    }
  }
  return bestDistance <= bestAllowed ? best : undefined;
}

function pick<T>(input: string, kind: string, listCommand: string, entries: readonly (readonly [string, T])[]): T {
  if (input === '') throw usageError(`The ${kind} name is empty; run \`threadlings ${listCommand}\` to see them all.`);
  const exact = entries.find(([key]) => key === input);
  if (exact) return exact[1];
  const prefixed = entries.filter(([key]) => key.startsWith(input));
  const unique = new Set(prefixed.map(([, value]) => value));
  const [only] = unique;
  if (unique.size === 1 && only !== undefined) return only;
  if (unique.size > 1) {
    const names = [...new Set(prefixed.map(([key]) => key))].slice(0, 4).join(', ');
    throw usageError(`"${input}" matches more than one ${kind} (${names}); type more of the name.`);
  }
  const guess = suggest(input, entries.map(([key]) => key));
  const tip = guess ? ` Did you mean "${guess}"?` : '';
  throw usageError(`Unknown ${kind} "${input}".${tip} Run \`threadlings ${listCommand}\` to see them all.`);
}

/** A lesson by number (`2`, `02`) or slug (`threads`), with unique prefixes. */
export function resolveLesson(course: Course, input: string): Lesson {
  const trimmed = input.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) {
    const lesson = course.lessons.find((candidate) => candidate.number === Number(trimmed));
    if (lesson) return lesson;
    const numbers = course.lessons.map((candidate) => candidate.number);
    if (numbers.length > 0) {
      const [first, last] = [Math.min(...numbers), Math.max(...numbers)].map((n) => String(n).padStart(2, '0'));
      throw usageError(`There is no lesson ${trimmed}: the lessons are numbered ${first} to ${last}. Run \`threadlings lessons\` to see them all.`);
    }
  }
  const entries = course.lessons.flatMap((lesson) => [[lesson.id, lesson], [lesson.dirName, lesson]] as const);
  return pick(trimmed, 'lesson', 'lessons', entries);
}

/** An exercise by `lesson/name` (lesson as slug or number) or, when unique, by name alone. */
export function resolveExercise(course: Course, input: string): Exercise {
  const trimmed = input.trim().toLowerCase().replace(/\.ts$/, '');
  const entries: (readonly [string, Exercise])[] = [];
  for (const exercise of course.exercises) {
    const lessonNumber = String(course.lessons.find((l) => l.id === exercise.lessonId)?.number ?? 0).padStart(2, '0');
    entries.push([exercise.id, exercise], [`${exercise.lessonDir}/${exercise.name}`, exercise], [`${lessonNumber}/${exercise.name}`, exercise]);
  }
  const byName = course.exercises.filter((exercise) => exercise.name === trimmed);
  if (byName.length === 1 && byName[0]) return byName[0];
  return pick(trimmed, 'exercise', 'list', entries);
}
