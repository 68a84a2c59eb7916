import type { Course, Exercise, Lesson } from '../course/types.ts';
import { exerciseProgressOf, type ExerciseProgress, type Progress } from './progressSchema.ts';

export interface ExerciseSummary extends ExerciseProgress {
  readonly exercise: Exercise;
}

export interface LessonSummary {
  readonly lesson: Lesson;
  readonly read: boolean;
  readonly exercises: readonly ExerciseSummary[];
  readonly done: number;
}

export interface CourseSummary {
  readonly lessons: readonly LessonSummary[];
  readonly exercisesDone: number;
  readonly exercisesTotal: number;
  readonly lessonsRead: number;
  /** What to do next: the first lesson not read before its exercises, or the first exercise not done. */
  readonly next: { readonly type: 'lesson'; readonly lesson: Lesson } | { readonly type: 'exercise'; readonly exercise: Exercise } | undefined;
}

/** Joins the course with the learner's progress. Pure. */
export function summarize(course: Course, progress: Progress): CourseSummary {
  const lessons = course.lessons.map((lesson): LessonSummary => {
    const exercises = lesson.exercises.map((exercise) => ({ exercise, ...exerciseProgressOf(progress, exercise.id) }));
    return {
      lesson,
      read: !!progress.lessons[lesson.id]?.readAt,
      exercises,
      done: exercises.filter((e) => e.status === 'done').length,
    };
  });
  let next: CourseSummary['next'];
  for (const entry of lessons) {
    const pending = entry.exercises.find((e) => e.status !== 'done');
    if (!entry.read && (pending || entry.exercises.length === 0)) {
      next = { type: 'lesson', lesson: entry.lesson };
      break;
    }
    if (pending) {
      next = { type: 'exercise', exercise: pending.exercise };
      break;
    }
  }
  const exercisesDone = lessons.reduce((sum, l) => sum + l.done, 0);
  return {
    lessons,
    exercisesDone,
    exercisesTotal: course.exercises.length,
    lessonsRead: lessons.filter((l) => l.read).length,
    next,
  };
}
