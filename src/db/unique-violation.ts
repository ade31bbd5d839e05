/** True when `error` (or one it wraps) is SQLite refusing a duplicate in `column`. */
export function isUniqueViolation(error: unknown, column: string): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.message.includes('UNIQUE constraint failed') && current.message.includes(column)) return true;
  }
  return false;
}
