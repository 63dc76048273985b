/** Upper-case ASCII for codes people type: "đ" → "DD", other letters lose their marks. */
export function foldForCode(text: string): string {
  return text
    .replace(/[đĐ]/g, "DD")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
}
