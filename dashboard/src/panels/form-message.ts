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
    /** Shows `pending`, runs `work`, then its result line or its error, told by `describe`. */
    async run(
      pending: string,
      work: () => Promise<string>,
      describe: (error: unknown) => string = (error) => (error as Error).message,
    ) {
      this.set(pending);
      try {
        this.set(await work());
      } catch (error) {
        this.set(describe(error), true);
      }
    },
  };
}
