import { fill, h } from '../dom';
import { formMessage } from './form-message';

/**
 * Shows a new key's secret once. The secret lives only in this box's input: no variable, storage
 * or later render keeps it, so closing the box (or logging out) leaves it nowhere in the page.
 */
export function secretBox(container: HTMLElement) {
  const close = () => {
    for (const input of container.querySelectorAll('input')) input.value = '';
    fill(container);
    container.hidden = true;
  };

  function show(secret: string, title: string): void {
    close();
    const input = h('input', {
      type: 'text',
      readonly: true,
      'data-field': 'secret',
      'aria-label': title,
      autocomplete: 'off',
      spellcheck: 'false',
    });
    // A property, not the value attribute: the secret is not in the page's markup.
    input.value = secret;
    const message = formMessage();
    const copy = () => {
      input.select();
      const clipboard = navigator.clipboard as Clipboard | undefined;
      if (!clipboard) return message.set('The key is selected: copy it with Ctrl+C or ⌘C.');
      clipboard.writeText(input.value).then(
        () => message.set('Copied.'),
        () => message.set('The browser refused the clipboard; the key is selected: copy it with Ctrl+C or ⌘C.'),
      );
    };
    fill(
      container,
      h('h3', {}, title),
      h(
        'p',
        { class: 'secret-note' },
        h('strong', {}, 'Shown only now.'),
        ' Copy it somewhere safe: the API keeps only its hash and cannot show it again.',
      ),
      h(
        'div',
        { class: 'owner-form inline' },
        input,
        h('button', { type: 'button', onclick: copy }, 'Copy'),
        h('button', { type: 'button', class: 'ghost', onclick: close }, 'I saved it, hide'),
      ),
      message.element,
    );
    container.hidden = false;
  }

  return { show, close };
}
