/** "2024-06-30" → "30/06/2024", the way dates are written in Vietnamese documents. */
export function formatDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
