/**
 * Late marking (issue 11): work is late when it was submitted strictly after the due date. Work submitted
 * at the due instant itself is on time. One definition, used by the data layer when it stores the mark.
 */
export function isLate(submittedAt: Date, dueAt: Date): boolean {
  return submittedAt.getTime() > dueAt.getTime();
}
