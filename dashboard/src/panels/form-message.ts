import { h } from '../dom';

/** The status line under an owner action: what it did, or the API's error message. */
export function formMessage() {
  const element = h('p', { class: 'form-message', role: 'status' });
  return {
    element,
    set(text: string, isError = false) {
      element.textContent = text;
      element.classList.toggle('error', isError);
    },
    /** Shows `pending`, runs `work`, then its result line or its error. */
    async run(pending: string, work: () => Promise<string>) {
      this.set(pending);
      try {
        this.set(await work());
      } catch (error) {
        this.set((error as Error).message, true);
      }
    },
  };
}
